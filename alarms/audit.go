package alarms

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
)

// Control is one monitoring control to audit: what a filter must do, shown
// by example events. It is built from a rule (see ControlsFromRules).
type Control struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Pattern is the rule's own pattern, shown as the fix when none fits.
	Pattern string `json:"pattern"`
	// SecurityHub is the Security Hub control (CloudWatch.1) that checks
	// this control by exact pattern text, if any.
	SecurityHub string `json:"security_hub,omitempty"`
	// Broken says why the rule set's own pattern is known to be wrong.
	Broken string `json:"broken,omitempty"`
	// Pos is where the rule is defined; findings point there, so machine
	// formats (SARIF) have a location for every result.
	Pos diag.Position `json:"-"`
	// Matches are events a filter for the control must match; NearMisses
	// are events it must not match.
	Matches    []string `json:"-"`
	NearMisses []string `json:"-"`
}

// AuditInput is everything an audit judges, as read from the account.
type AuditInput struct {
	Region string
	// Account is the audited account, when known; a topic of another
	// account that cannot be read is a warning, as in Security Hub.
	Account string
	Trails  []Trail
	// Trail is the trail whose log group was audited (nil: none found, or
	// the log group was given by the user).
	Trail        *Trail
	LogGroupName string
	Filters      []MetricFilter
	Alarms       []CurrentAlarm
	// Topics are the SNS topics alarms notify, by ARN; a topic that could
	// not be read is present with TopicReadError set.
	Topics map[string]*AuditTopic
}

// AuditTopic is a topic as the audit sees it.
type AuditTopic struct {
	CurrentTopic
	// ReadError is set when the topic could not be read (deleted, another
	// account, access denied).
	ReadError string
	// KMSAWSManaged is true when the topic's key is AWS managed (alias/aws/sns).
	KMSAWSManaged bool
}

// ControlResult is the verdict on one control.
type ControlResult struct {
	Control Control `json:"control"`
	Covered bool    `json:"covered"`
	// Filter, Alarm and Topic name the chain that covers the control (or
	// the best partial chain found).
	Filter string `json:"filter,omitempty"`
	// FilterPattern is that filter's pattern, as AWS holds it.
	FilterPattern string `json:"filter_pattern,omitempty"`
	Alarm         string `json:"alarm,omitempty"`
	Topic         string `json:"topic,omitempty"`
	// Findings say what is missing or broken; the first is the verdict.
	Findings diag.List `json:"findings"`
	// Checked lists every filter judged for this control and why it does
	// or does not fit.
	Checked []FilterVerdict `json:"checked_filters,omitempty"`
}

// FilterVerdict is how one filter fared against one control's examples.
type FilterVerdict struct {
	Filter string `json:"filter"`
	Fits   bool   `json:"fits"`
	Reason string `json:"reason,omitempty"`
}

// Report is the outcome of an audit.
type Report struct {
	Region       string          `json:"region"`
	LogGroupName string          `json:"log_group_name,omitempty"`
	Trail        *Trail          `json:"trail,omitempty"`
	Trails       []Trail         `json:"trails"`
	Controls     []ControlResult `json:"controls"`
	// Account holds findings about the account rather than one control.
	Account diag.List `json:"account_findings"`
}

// Covered counts the covered controls.
func (r *Report) Covered() int {
	n := 0
	for _, c := range r.Controls {
		if c.Covered {
			n++
		}
	}
	return n
}

// Diagnostics flattens the report into one list (account first).
func (r *Report) Diagnostics() diag.List {
	out := append(diag.List{}, r.Account...)
	for _, c := range r.Controls {
		out = append(out, c.Findings...)
	}
	return out
}

// Audit codes. Each has the Security Hub status reason code it corresponds
// to, so findings can be matched with Security Hub's.
const (
	CodeTrail          = "trail-not-compliant"
	CodeNoTrail        = "no-cloudwatch-trail"
	CodeFilterMissing  = "metric-filter-missing"
	CodeFilterInvalid  = "metric-filter-not-valid"
	CodeAlarmMissing   = "alarm-missing"
	CodeAlarmSilent    = "alarm-never-fires"
	CodeAlarmNoActions = "alarm-actions-missing"
	CodeTopicInvalid   = "sns-topic-invalid"
	CodeNoSubscription = "sns-subscription-missing"
	CodeCovered        = "control-covered"
	CodeTextDiffers    = "securityhub-text-differs"
	CodeCrossAccount   = "sns-topic-cross-account"
	CodeAWSDisagrees   = "aws-disagrees"
)

// CodeDescriptions says in one line what each audit code means (SARIF's
// rule table, documentation).
var CodeDescriptions = map[string]string{
	CodeTrail:          "The CloudTrail trail feeding the log group is not multi-Region, not logging, or misses management events",
	CodeNoTrail:        "No CloudTrail trail delivers to CloudWatch Logs in the region",
	CodeFilterMissing:  "No metric filter on the trail's log group matches the control's events",
	CodeFilterInvalid:  "A metric filter meant for the control misses its events or matches unrelated ones",
	CodeAlarmMissing:   "No alarm watches the metric the control's filter publishes",
	CodeAlarmSilent:    "The alarm on the control's metric does not go to ALARM on one matching event",
	CodeAlarmNoActions: "The alarm notifies no SNS topic, or its actions are disabled",
	CodeTopicInvalid:   "The alarm's SNS topic cannot deliver (missing, unreadable, AWS-managed KMS key, or policy denying CloudWatch)",
	CodeNoSubscription: "The alarm's SNS topic has no confirmed subscription",
	CodeCovered:        "The control is covered: filter, alarm and a topic that reaches someone",
	CodeTextDiffers:    "The filter works but is not the published text Security Hub compares against",
	CodeCrossAccount:   "The alarm's SNS topic is in another account and its subscriptions cannot be read",
	CodeAWSDisagrees:   "CloudWatch Logs' own TestMetricFilter answers differently from cwpat's matcher for the filter",
}

// SecurityHubReason maps an audit code to Security Hub's status reason code.
var SecurityHubReason = map[string]string{
	CodeTrail:          "CLOUDTRAIL_MULTI_REGION_NOT_PRESENT",
	CodeNoTrail:        "CLOUDTRAIL_MULTI_REGION_NOT_PRESENT",
	CodeFilterMissing:  "CLOUDTRAIL_METRIC_FILTERS_NOT_PRESENT",
	CodeFilterInvalid:  "CLOUDTRAIL_METRIC_FILTER_NOT_VALID",
	CodeAlarmMissing:   "CLOUDWATCH_ALARMS_NOT_PRESENT",
	CodeAlarmSilent:    "CLOUDWATCH_ALARMS_NOT_PRESENT",
	CodeAlarmNoActions: "CLOUDWATCH_ALARM_ACTIONS_NOT_VALID",
	CodeTopicInvalid:   "SNS_TOPIC_INVALID",
	CodeNoSubscription: "SNS_SUBSCRIPTION_NOT_PRESENT",
	CodeCrossAccount:   "SNS_TOPIC_CROSS_ACCOUNT",
	CodeAWSDisagrees:   "CLOUDTRAIL_METRIC_FILTER_NOT_VALID",
}

// Judge audits controls against what was read. It is pure.
func Judge(in AuditInput, controls []Control) *Report {
	r := &Report{Region: in.Region, LogGroupName: in.LogGroupName, Trail: in.Trail, Trails: in.Trails}
	if r.Trails == nil {
		r.Trails = []Trail{}
	}
	trailOK := true
	switch {
	case in.Trail == nil && in.LogGroupName == "":
		trailOK = false
		r.Account = append(r.Account, finding(CodeNoTrail, diag.Error, "", "no CloudTrail trail delivers to CloudWatch Logs in "+in.Region,
			"connect a multi-Region trail to a log group (aws cloudtrail update-trail --cloud-watch-logs-log-group-arn ...)"))
	case in.Trail == nil:
		r.Account = append(r.Account, finding(CodeTrail, diag.Warning, "",
			"log group "+in.LogGroupName+" was given by hand; no trail was checked for multi-Region, logging and management events", ""))
	case !in.Trail.Compliant():
		trailOK = false
		r.Account = append(r.Account, finding(CodeTrail, diag.Error, "",
			fmt.Sprintf("trail %s %s", in.Trail.Name, strings.Join(in.Trail.Problems, "; ")), "CIS needs a multi-Region trail that is logging and records all management events"))
	}
	if in.Trail != nil {
		for _, n := range in.Trail.Notes {
			r.Account = append(r.Account, finding(CodeTrail, diag.Warning, "", "trail "+in.Trail.Name+" "+n, ""))
		}
	}
	matchers := map[string]*pattern.Matcher{}
	for _, f := range in.Filters {
		m, err := pattern.Compile(f.Pattern)
		if err != nil {
			r.Account = append(r.Account, finding(CodeFilterInvalid, diag.Warning, "",
				fmt.Sprintf("cwpat cannot read the pattern of metric filter %s: %v", f.Name, err), "AWS accepted it, so this is a cwpat limitation: please report it"))
			continue
		}
		matchers[f.Name] = m
	}
	owner := attribute(in.Filters, matchers, controls)
	for _, c := range controls {
		res := judgeControl(in, c, matchers, owner)
		if !trailOK && res.Covered {
			res.Covered = false
			res.Findings = diag.List{finding(CodeTrail, diag.Error, c.ID,
				"the filter chain is in place, but the trail feeding "+in.LogGroupName+" does not meet CIS (see the account findings)", "")}
		}
		if res.Covered && c.Broken != "" {
			res.Findings = append(res.Findings, finding(CodeFilterInvalid, diag.Warning, c.ID,
				"covered as the rule set publishes it, but that pattern is known to be wrong: "+c.Broken,
				"audit against a newer set (--rules cis) to judge the filter by what the control intends"))
		}
		if res.Covered && c.SecurityHub != "" {
			if f := filterNamed(in.Filters, res.Filter); f != nil && squeeze(f.Pattern) != squeeze(c.Pattern) {
				res.Findings = append(res.Findings, finding(CodeTextDiffers, diag.Info, c.ID,
					fmt.Sprintf("filter %s works, but Security Hub %s compares the pattern text with the published one (spacing aside), so it may still report CLOUDTRAIL_METRIC_FILTER_NOT_VALID", f.Name, c.SecurityHub),
					"to satisfy Security Hub as well, use the pattern exactly: "+c.Pattern))
			}
		}
		placeFindings(&res)
		r.Controls = append(r.Controls, res)
	}
	return r
}

func filterNamed(fs []MetricFilter, name string) *MetricFilter {
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

func finding(code string, sev diag.Severity, control, msg, hint string) diag.Diagnostic {
	if control != "" {
		msg = control + ": " + msg
	}
	return diag.Diagnostic{Code: code, Severity: sev, Message: msg, Hint: hint}
}

// placeFindings points a control's findings at the rule's definition.
func placeFindings(res *ControlResult) {
	for i := range res.Findings {
		if !res.Findings[i].Pos.IsValid() && res.Control.Pos.IsValid() {
			res.Findings[i].Pos = res.Control.Pos
		}
	}
}

func judgeControl(in AuditInput, c Control, matchers map[string]*pattern.Matcher, owner map[string]string) ControlResult {
	res := ControlResult{Control: c}
	var fitting []MetricFilter
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
			res.Findings = diag.List{finding(CodeFilterInvalid, diag.Error, c.ID,
				fmt.Sprintf("metric filter %s on %s looks meant for this control but %s", partial[0].Filter, in.LogGroupName, partial[0].Reason),
				"use the control's pattern: "+c.Pattern)}
			return res
		}
		res.Findings = diag.List{finding(CodeFilterMissing, diag.Error, c.ID,
			"no metric filter on "+in.LogGroupName+" matches this control's events", "deploy it with 'cwpat deploy', or add a filter with the pattern "+c.Pattern)}
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
