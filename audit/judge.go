package audit

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
	"github.com/cwpat/cwpat/rules"
)

// Input is everything an audit judges, as read from the account.
type Input struct {
	Region string
	// Account is the audited account, when known; a topic of another
	// account that cannot be read is a warning, as in Security Hub.
	Account string
	Trails  []alarms.Trail
	// Trail is the trail whose log group was audited (nil: none found, or
	// the log group was given by the user).
	Trail        *alarms.Trail
	LogGroupName string
	// LogGroup is the audited log group as read (nil: it does not exist).
	LogGroup *alarms.LogGroup
	Filters  []alarms.MetricFilter
	Alarms   []alarms.CurrentAlarm
	// Topics are the SNS topics alarms notify, by ARN; a topic that could
	// not be read is present with TopicReadError set.
	Topics map[string]*Topic
	// Now and MaxDeliveryAge judge each trail's latest delivery to
	// CloudWatch Logs (CIS 3.4: about a day old); a zero MaxDeliveryAge
	// skips the check.
	Now            time.Time
	MaxDeliveryAge time.Duration
	// EndpointURL is --endpoint-url, so hints can say how to act on a local
	// endpoint ("" for AWS).
	EndpointURL string
}

// Topic is a topic as the audit sees it.
type Topic struct {
	alarms.CurrentTopic
	// ReadError is set when the topic could not be read (deleted, another
	// account, access denied).
	ReadError string
	// KMSAWSManaged is true when the topic's key is AWS managed (alias/aws/sns).
	KMSAWSManaged bool
	// KMSDeniesCloudWatch is true when the topic's customer-managed key has
	// a readable key policy that does not let CloudWatch use the key.
	KMSDeniesCloudWatch bool
}

// Judge audits controls against what was read. It is pure.
func Judge(in Input, controls []Control) *Report {
	r := &Report{Region: in.Region, AccountID: in.Account, LogGroupName: in.LogGroupName, Trail: in.Trail, Trails: in.Trails}
	if r.Trails == nil {
		r.Trails = []alarms.Trail{}
	}
	r.Account = append(r.Account, judgeTrails(in)...)
	trailOK := true
	switch {
	case in.Trail == nil && in.LogGroupName == "":
		trailOK = false
		r.Account = append(r.Account, finding(CodeNoTrail, diag.Error, "", "no CloudTrail trail delivers to CloudWatch Logs in "+in.Region,
			connectHint(in.Trails, in.Region)))
	case in.Trail == nil:
		r.Account = append(r.Account, finding(CodeTrail, diag.Warning, "",
			"log group "+in.LogGroupName+" was given by hand; no trail was checked for multi-Region, logging and management events", "").on(in.LogGroupName))
	case !in.Trail.Compliant():
		trailOK = false
		r.Account = append(r.Account, finding(CodeTrail, diag.Error, "",
			fmt.Sprintf("trail %s %s", in.Trail.Name, strings.Join(in.Trail.Problems, "; ")), "CIS needs a multi-Region trail that is logging and records all management events").on(in.Trail.ARN))
	}
	if in.Trail != nil {
		for _, n := range in.Trail.Notes {
			r.Account = append(r.Account, finding(CodeTrail, diag.Warning, "", "trail "+in.Trail.Name+" "+n, "").on(in.Trail.ARN))
		}
	}
	r.Account = append(r.Account, judgeLogGroup(in)...)
	delivering := trailDelivers(in)
	matchers := map[string]*pattern.Matcher{}
	for _, f := range in.Filters {
		m, err := pattern.Compile(f.Pattern)
		if err != nil {
			r.Account = append(r.Account, finding(CodeFilterInvalid, diag.Warning, "",
				fmt.Sprintf("cwpat cannot read the pattern of metric filter %s: %v", f.Name, err), "AWS accepted it, so this is a cwpat limitation: please report it").on(logGroupARN(in)))
			continue
		}
		matchers[f.Name] = m
	}
	owner := attribute(in.Filters, matchers, controls)
	for _, c := range controls {
		res := judgeControl(in, c, matchers, owner)
		switch {
		case !trailOK && res.Covered:
			res.Covered = false
			res.Findings = Findings{finding(CodeTrail, diag.Error, c.ID,
				"the filter chain is in place, but the trail feeding "+in.LogGroupName+" does not meet CIS (see the account findings)", "").on(trailARN(in))}
		case !delivering && res.Covered:
			res.Covered = false
			res.Findings = Findings{finding(CodeDeliveryError, diag.Error, c.ID,
				"the filter chain is in place, but trail "+in.Trail.Name+" is not delivering to "+in.LogGroupName+", so it sees no events (see the account findings)", "").on(trailARN(in))}
		}
		if res.Covered && c.Broken != "" {
			res.Findings = append(res.Findings, finding(CodeFilterInvalid, diag.Warning, c.ID,
				"covered as the rule set publishes it, but that pattern is known to be wrong: "+c.Broken,
				"audit against a newer set (--rules cis) to judge the filter by what the control intends").on(res.Findings[0].Resource))
		}
		if f := filterNamed(in.Filters, res.Filter); res.Covered && f != nil {
			if s, ok := rules.Superseded(f.Pattern); ok {
				res.Findings = append(res.Findings, finding(CodeTextSuperseded, diag.Warning, c.ID,
					fmt.Sprintf("filter %s works, but its pattern is Security Hub's %s text published until %s, which Security Hub no longer accepts: it reports CLOUDTRAIL_METRIC_FILTER_NOT_VALID",
						f.Name, s.Control, s.Until.Format("2006-01-02")),
					"to satisfy Security Hub, use the current text: "+s.Current).on(logGroupARN(in)))
				placeFindings(&res)
				r.Controls = append(r.Controls, res)
				continue
			}
		}
		if res.Covered && c.SecurityHub != "" {
			if f := filterNamed(in.Filters, res.Filter); f != nil && squeeze(f.Pattern) != squeeze(c.Pattern) {
				res.Findings = append(res.Findings, finding(CodeTextDiffers, diag.Info, c.ID,
					fmt.Sprintf("filter %s works, but Security Hub %s compares the pattern text with the published one (spacing aside), so it may still report CLOUDTRAIL_METRIC_FILTER_NOT_VALID", f.Name, c.SecurityHub),
					"to satisfy Security Hub as well, use the pattern exactly: "+c.Pattern).on(logGroupARN(in)))
			}
		}
		placeFindings(&res)
		r.Controls = append(r.Controls, res)
	}
	return r
}

func filterNamed(fs []alarms.MetricFilter, name string) *alarms.MetricFilter {
	for i := range fs {
		if fs[i].Name == name {
			return &fs[i]
		}
	}
	return nil
}

// squeeze drops all white space: Security Hub tolerates spacing
// differences but nothing else (nozaq/terraform-aws-secure-baseline#233).
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// placeFindings points a control's findings at the rule's definition.
func placeFindings(res *ControlResult) {
	for i := range res.Findings {
		if !res.Findings[i].Pos.IsValid() && res.Control.Pos.IsValid() {
			res.Findings[i].Pos = res.Control.Pos
		}
	}
}

func judgeControl(in Input, c Control, matchers map[string]*pattern.Matcher, owner map[string]string) ControlResult {
	res := ControlResult{Control: c}
	var fitting []alarms.MetricFilter
	var partial []FilterVerdict
	for _, f := range in.Filters {
		v := judgeFilter(f, matchers[f.Name], c)
		if v.Fits {
			fitting = append(fitting, f)
			res.Checked = append(res.Checked, v)
		} else if v.Reason != "" && owner[f.Name] == c.ID {
			partial = append(partial, v)
			res.Checked = append(res.Checked, v)
		}
	}
	if len(fitting) == 0 {
		if len(partial) > 0 {
			sort.Slice(partial, func(i, j int) bool { return partial[i].Filter < partial[j].Filter })
			res.Filter = partial[0].Filter
			if f := filterNamed(in.Filters, res.Filter); f != nil {
				res.FilterPattern = f.Pattern
			}
			res.Findings = Findings{finding(CodeFilterInvalid, diag.Error, c.ID,
				fmt.Sprintf("metric filter %s on %s looks meant for this control but %s", partial[0].Filter, in.LogGroupName, partial[0].Reason),
				"use the control's pattern: "+c.Pattern).on(logGroupARN(in))}
			return res
		}
		switch {
		case in.LogGroupName == "":
			res.Findings = Findings{finding(CodeFilterMissing, diag.Error, c.ID,
				"no metric filter can match this control's events: no trail delivers to a log group", connectHint(in.Trails, in.Region))}
		case elsewhere(in):
			res.Findings = Findings{finding(CodeLogGroupOtherAccount, diag.Warning, c.ID,
				"trail "+in.Trail.Name+" delivers to log group "+in.LogGroupName+" in account "+in.Trail.LogGroupAccount+": its filters cannot be judged from this account",
				"cwpat audit --role-arn arn:aws:iam::"+in.Trail.LogGroupAccount+":role/ROLE").on(in.Trail.LogGroupARN)}
		case in.LogGroup == nil:
			res.Findings = Findings{finding(CodeLogGroupMissing, diag.Error, c.ID,
				"log group "+in.LogGroupName+" does not exist, so no metric filter watches this control's events", "see the account findings").on(in.LogGroupName)}
		default:
			res.Findings = Findings{finding(CodeFilterMissing, diag.Error, c.ID,
				"no metric filter on "+in.LogGroupName+" matches this control's events", "deploy it with 'cwpat deploy', or add a filter with the pattern "+c.Pattern).on(logGroupARN(in))}
		}
		return res
	}
	// The best chain wins: covered beats a chain with a silent alarm, which
	// beats one without an alarm.
	var best *ControlResult
	for _, f := range fitting {
		cand := judgeChain(in, c, f)
		if best == nil || rank(cand) > rank(*best) {
			cp := cand
			best = &cp
		}
		if best.Covered {
			break
		}
	}
	best.Checked = res.Checked
	return *best
}

func rank(r ControlResult) int {
	switch {
	case r.Covered:
		return 5
	case len(r.Findings) == 0:
		return 0
	}
	return map[string]int{CodeCrossAccount: 4, CodeNoSubscription: 4, CodeTopicInvalid: 3, CodeAlarmNoActions: 2, CodeAlarmSilent: 1}[r.Findings[0].Code]
}

func trailARN(in Input) string {
	if in.Trail == nil {
		return ""
	}
	return in.Trail.ARN
}
