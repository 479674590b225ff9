package audit

import (
	"fmt"
	"strings"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/diag"
)

// judgeChain follows one fitting filter to an alarm that fires and a topic
// that reaches someone.
func judgeChain(in Input, c Control, f alarms.MetricFilter) ControlResult {
	res := ControlResult{Control: c, Filter: f.Name, FilterPattern: f.Pattern}
	var watching []alarms.CurrentAlarm
	for _, a := range in.Alarms {
		if a.Namespace == f.MetricNamespace && a.MetricName == f.MetricName && !a.MetricMath {
			watching = append(watching, a)
		}
	}
	if len(watching) == 0 {
		res.Findings = Findings{finding(CodeAlarmMissing, diag.Error, c.ID,
			fmt.Sprintf("metric filter %s publishes %s/%s but no alarm watches that metric", f.Name, f.MetricNamespace, f.MetricName),
			"the alarm's Namespace and MetricName must equal the filter's metric transformation exactly").on(logGroupARN(in))}
		return res
	}
	var lastSilent, lastNoAction, lastTopic *ControlResult
	for _, a := range watching {
		res.Alarm = a.Name
		if why := AlarmFiresOnOneEvent(f, a.Alarm, c.Matches); why != "" {
			r := res
			r.Findings = Findings{finding(CodeAlarmSilent, diag.Error, c.ID, "alarm "+a.Name+" "+why,
				"CIS wants Statistic Sum, Threshold 1, GreaterThanOrEqualToThreshold, EvaluationPeriods 1").on(a.ARN)}
			lastSilent = &r
			continue
		}
		topics := snsActions(a.AlarmActions)
		if !a.ActionsEnabled || len(topics) == 0 {
			r := res
			r.Findings = Findings{finding(CodeAlarmNoActions, diag.Error, c.ID, "alarm "+a.Name+" has no SNS topic in its alarm actions",
				"add the SNS topic to AlarmActions (cwpat deploy does)").on(a.ARN)}
			if !a.ActionsEnabled && len(topics) > 0 {
				r.Findings = Findings{finding(CodeAlarmActionsDisabled, diag.Error, c.ID, "alarm "+a.Name+" has its actions disabled (ActionsEnabled=false): it changes state and notifies nobody",
					"aws cloudwatch enable-alarm-actions --alarm-names "+a.Name).on(a.ARN)}
			}
			lastNoAction = &r
			continue
		}
		for _, arn := range topics {
			r := res
			r.Topic = arn
			if f := judgeTopic(in.Topics[arn], arn, c.ID, in.Account, in.EndpointURL); f != nil {
				r.Findings = Findings{*f}
				if lastTopic == nil || rank(r) > rank(*lastTopic) {
					lastTopic = &r
				}
				continue
			}
			r.Covered = true
			r.Findings = Findings{finding(CodeCovered, diag.Info, c.ID,
				fmt.Sprintf("covered by filter %s, alarm %s, topic %s", f.Name, a.Name, arn), "").on(a.ARN)}
			return r
		}
	}
	for _, r := range []*ControlResult{lastTopic, lastNoAction, lastSilent} {
		if r != nil {
			return *r
		}
	}
	return res
}

func snsActions(actions []string) []string {
	var out []string
	for _, a := range actions {
		if strings.HasPrefix(a, "arn:") && strings.Contains(a, ":sns:") {
			out = append(out, a)
		}
	}
	return out
}

func judgeTopic(t *Topic, arn, control, account, endpoint string) *Finding {
	var d Finding
	other, _ := alarms.ParseARN(arn)
	switch {
	case t != nil && t.ReadError != "" && account != "" && other.Account != "" && other.Account != account:
		d = finding(CodeCrossAccount, diag.Warning, control, "topic "+arn+" belongs to account "+other.Account+" and could not be read ("+t.ReadError+"): whether anyone is subscribed is unknown",
			"ask the topic's owner to grant this account sns:GetTopicAttributes and sns:ListSubscriptionsByTopic, or audit from that account")
	case t == nil || t.ReadError != "":
		why := "could not be read"
		if t != nil {
			why += ": " + t.ReadError
		}
		d = finding(CodeTopicInvalid, diag.Error, control, "topic "+arn+" "+why, "the topic must exist, and the auditor needs sns:GetTopicAttributes and sns:ListSubscriptionsByTopic on it")
	case t.KMSAWSManaged || strings.EqualFold(t.Attributes["KmsMasterKeyId"], "alias/aws/sns"):
		d = finding(CodeTopicInvalid, diag.Error, control, "topic "+arn+" is encrypted with the AWS-managed key alias/aws/sns, which CloudWatch cannot use: notifications are dropped",
			"encrypt the topic with a customer-managed key that lets cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*")
	case t.KMSDeniesCloudWatch:
		d = finding(CodeTopicInvalid, diag.Error, control, "topic "+arn+" is encrypted with KMS key "+t.Attributes["KmsMasterKeyId"]+", whose key policy does not let cloudwatch.amazonaws.com use it: every notification is refused",
			"add a key policy statement allowing the cloudwatch.amazonaws.com service principal kms:Decrypt and kms:GenerateDataKey*")
	case t.Attributes["Policy"] != "" && !alarms.PolicyAllowsCloudWatch(t.Attributes["Policy"]):
		d = finding(CodeTopicInvalid, diag.Error, control, "topic "+arn+" does not let cloudwatch.amazonaws.com sns:Publish: notifications are dropped",
			"add a topic policy statement allowing the cloudwatch.amazonaws.com service principal to sns:Publish")
	default:
		confirmed, pending := 0, 0
		for _, s := range t.Subscriptions {
			if s.Pending() {
				pending++
			} else {
				confirmed++
			}
		}
		if confirmed > 0 {
			return nil
		}
		msg := "topic " + arn + " has no subscription: nobody is notified"
		if pending > 0 {
			msg = fmt.Sprintf("topic %s has only subscriptions pending confirmation (%d): nobody is notified yet", arn, pending)
		}
		d = finding(CodeNoSubscription, diag.Error, control, msg, subscriptionHint(t, endpoint))
	}
	d.Resource = arn
	return &d
}
