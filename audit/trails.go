package audit

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/diag"
)

// MinRetentionDays is what CIS 3.4's rationale and Security Hub's
// CloudWatch.16 ask of the log group: at least a year of events.
const MinRetentionDays = 365

// judgeTrails judges every trail of the region as CIS 3.4 and the
// Conformity rule "CloudTrail Integrated With CloudWatch" do: each one
// delivers to a log group, its last delivery is recent, and CloudTrail
// reports no delivery error.
func judgeTrails(in Input) Findings {
	var out Findings
	for _, t := range in.Trails {
		if t.ShadowOf(in.Region) {
			continue // judged in its home Region
		}
		if t.LogGroupARN == "" && t.LogGroupName == "" {
			out = append(out, finding(CodeNotIntegrated, diag.Error, "",
				fmt.Sprintf("trail %s does not send its events to CloudWatch Logs (CloudWatchLogsLogGroupArn is empty): no metric filter or alarm sees them", t.Name),
				fmt.Sprintf("connect it: cwpat deploy --connect-trail %s (plan it first with cwpat plan --connect-trail %s)", t.Name, t.Name)).on(t.ARN))
			continue
		}
		if t.LogGroupAccount != "" && in.Account != "" && t.LogGroupAccount != in.Account {
			out = append(out, finding(CodeLogGroupOtherAccount, diag.Warning, "",
				fmt.Sprintf("trail %s delivers to log group %s in account %s: its filters and alarms live there, so audit that account", t.Name, t.LogGroupName, t.LogGroupAccount),
				fmt.Sprintf("cwpat audit --role-arn arn:aws:iam::%s:role/ROLE (a role in account %s this identity may assume)", t.LogGroupAccount, t.LogGroupAccount)).on(t.LogGroupARN))
		}
		if t.LatestDeliveryError != "" {
			out = append(out, finding(CodeDeliveryError, diag.Error, "",
				fmt.Sprintf("trail %s %s", t.Name, t.DeliveryProblem()), roleHint(t, in.Region)).on(cmp.Or(t.RoleARN, t.ARN)))
			continue
		}
		if f, stale := judgeDeliveryAge(t, in); stale {
			out = append(out, f)
		}
	}
	return out
}

// judgeDeliveryAge fails a trail whose latest delivery to CloudWatch Logs is
// older than the limit, or that never delivered.
func judgeDeliveryAge(t alarms.Trail, in Input) (Finding, bool) {
	if in.MaxDeliveryAge <= 0 || in.Now.IsZero() {
		return Finding{}, false
	}
	hint := "CloudTrail delivers within minutes of any API call; check that the trail is logging (aws cloudtrail get-trail-status --name " + t.Name + ") and that its role still lets CloudTrail write"
	if t.LatestDeliveryTime == nil {
		return finding(CodeDeliveryStale, diag.Error, "",
			fmt.Sprintf("trail %s has never delivered to log group %s (LatestCloudWatchLogsDeliveryTime is empty)", t.Name, t.LogGroupName), hint).on(t.ARN), true
	}
	age := in.Now.Sub(*t.LatestDeliveryTime)
	if age <= in.MaxDeliveryAge {
		return Finding{}, false
	}
	return finding(CodeDeliveryStale, diag.Error, "",
		fmt.Sprintf("trail %s last delivered to log group %s at %s, %s ago: older than --max-delivery-age %s", t.Name, t.LogGroupName,
			t.LatestDeliveryTime.UTC().Format(time.RFC3339), roundAge(age), in.MaxDeliveryAge), hint).on(t.ARN), true
}

func roundAge(d time.Duration) string {
	if d >= 48*time.Hour {
		return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
	}
	return d.Round(time.Minute).String()
}

// roleHint says what the trail's role must allow, exactly as the
// CloudTrail guide's default role does.
func roleHint(t alarms.Trail, region string) string {
	account := t.LogGroupAccount
	if account == "" {
		account = "ACCOUNT"
	}
	return fmt.Sprintf("the role's trust policy must let cloudtrail.amazonaws.com sts:AssumeRole, and its permissions must allow logs:CreateLogStream and logs:PutLogEvents on %s:log-stream:%s_CloudTrail_%s*; "+
		"a role cwpat created is repaired by cwpat deploy --connect-trail %s --apply",
		strings.TrimSuffix(t.LogGroupARN, ":*"), account, region, t.Name)
}

// judgeLogGroup checks the audited log group: it exists, and keeps events
// at least a year (CIS 3.4's rationale, Security Hub CloudWatch.16).
func judgeLogGroup(in Input) Findings {
	switch {
	case in.LogGroupName == "" || elsewhere(in):
		return nil
	case in.LogGroup == nil:
		who := "given with --log-group-name"
		if in.Trail != nil {
			who = "where trail " + in.Trail.Name + " delivers"
		}
		hint := "create it (aws logs create-log-group --log-group-name " + in.LogGroupName + ")"
		if in.Trail != nil {
			hint = "reconnect the trail: cwpat deploy --connect-trail " + in.Trail.Name + " --log-group-name " + in.LogGroupName
		}
		return Findings{finding(CodeLogGroupMissing, diag.Error, "",
			fmt.Sprintf("log group %s, %s, does not exist in %s: CloudTrail cannot deliver to it and no metric filter can watch it", in.LogGroupName, who, in.Region), hint).on(in.LogGroupName)}
	case in.LogGroup.RetentionDays > 0 && in.LogGroup.RetentionDays < MinRetentionDays:
		return Findings{finding(CodeRetention, diag.Warning, "",
			fmt.Sprintf("log group %s keeps events %d days; CIS 3.4 and Security Hub CloudWatch.16 want at least %d (breaches take months to find)", in.LogGroupName, in.LogGroup.RetentionDays, MinRetentionDays),
			fmt.Sprintf("aws logs put-retention-policy --log-group-name %s --retention-in-days %d", in.LogGroupName, MinRetentionDays)).on(logGroupARN(in))}
	}
	return nil
}

// connectHint says which command connects a trail when none delivers.
func connectHint(trails []alarms.Trail, region string) string {
	for _, t := range trails {
		if !t.ShadowOf(region) {
			return "connect trail " + t.Name + " to CloudWatch Logs: cwpat deploy --connect-trail " + t.Name
		}
	}
	return "create a multi-Region trail (aws cloudtrail create-trail --name NAME --s3-bucket-name BUCKET --is-multi-region-trail), then cwpat deploy --connect-trail NAME"
}

// logGroupARN is the audited log group's ARN when known, else its name.
func logGroupARN(in Input) string {
	if in.LogGroup != nil && in.LogGroup.ARN != "" {
		return in.LogGroup.ARN
	}
	if in.Trail != nil && in.Trail.LogGroupName == in.LogGroupName && in.Trail.LogGroupARN != "" {
		return in.Trail.LogGroupARN
	}
	return in.LogGroupName
}

// subscriptionHint says how to get a subscription confirmed: on AWS the
// endpoint confirms; cwpat serve confirms through its own control route.
func subscriptionHint(t *Topic, endpoint string) string {
	hint := "subscribe an endpoint (cwpat deploy --email ...) and confirm it"
	pending := ""
	for _, s := range t.Subscriptions {
		if s.Pending() {
			pending = s.Protocol + ":" + s.Endpoint
			break
		}
	}
	if pending != "" {
		hint = "the endpoint " + pending + " must confirm (the link in the confirmation message)"
		if isLocal(endpoint) {
			hint = "this is a local endpoint (" + endpoint + "), where no confirmation message reaches " + pending +
				": subscribe an SQS queue or Lambda function instead (cwpat deploy --sqs ARN or --lambda ARN), which needs no confirmation"
		}
	}
	return hint
}

func isLocal(endpoint string) bool {
	return strings.HasPrefix(endpoint, "http://127.0.0.1") || strings.HasPrefix(endpoint, "http://localhost") || strings.HasPrefix(endpoint, "http://[::1]")
}

// trailDelivers reports whether the audited trail's events reach its log
// group: no delivery error, and a delivery recent enough. Without it, a
// complete filter chain watches nothing.
func trailDelivers(in Input) bool {
	if in.Trail == nil || in.Trail.LogGroupName != in.LogGroupName {
		return true // no trail, or a log group given by hand: judged elsewhere
	}
	if in.Trail.LatestDeliveryError != "" {
		return false
	}
	_, stale := judgeDeliveryAge(*in.Trail, in)
	return !stale
}
