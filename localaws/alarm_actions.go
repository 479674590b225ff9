package localaws

import (
	"encoding/json"
	"fmt"
	"github.com/cwpat/cwpat/internal/awspolicy"
	"strings"
	"time"
)

// Alarm actions: what a change of state does, and the notification CloudWatch
// sends to an SNS topic.

// transition moves an alarm to state at time at, running its actions when
// the state changes, as CloudWatch does.
func (c *call) transition(a *alarm, state, reason, data string, at time.Time) {
	old := a.StateValue
	a.StateReason, a.StateReasonData, a.StateUpdatedTimestamp = reason, data, at
	if old == state {
		return
	}
	a.StateValue, a.StateTransitionedTimestamp = state, at
	c.st.remember(a.AlarmName, "StateUpdate", "Alarm updated from "+old+" to "+state, map[string]any{
		"version": "1.0", "oldState": map[string]string{"stateValue": old}, "newState": map[string]string{"stateValue": state, "stateReason": reason},
	}, at)
	if !a.ActionsEnabled {
		return
	}
	var actions []string
	switch state {
	case stateAlarm:
		actions = a.AlarmActions
	case stateOK:
		actions = a.OKActions
	default:
		actions = a.InsufficientDataActions
	}
	for _, arn := range actions {
		// EC2, Auto Scaling and Systems Manager actions are accepted but
		// not run: this endpoint has no instances to stop.
		if strings.HasPrefix(arn, "arn:aws:sns:") {
			c.notifyAlarm(arn, a, old, at)
		}
	}
}

// notifyAlarm publishes an alarm state change to an SNS topic of this
// account and region, in the JSON shape CloudWatch sends.
func (c *call) notifyAlarm(topicARN string, a *alarm, oldState string, at time.Time) {
	t := c.st.topics[topicARN]
	if t == nil {
		c.failAction(a, topicARN, at, "topic "+topicARN+" does not exist")
		return
	}
	if !policyAdmitsCloudWatch(t.attrs["Policy"]) {
		c.failAction(a, topicARN, at, "the access policy of "+topicARN+" does not let cloudwatch.amazonaws.com sns:Publish (AuthorizationError)")
		return
	}
	if key := t.attrs["KmsMasterKeyId"]; key != "" {
		if reason := c.keyRefusesCloudWatch(key); reason != "" {
			c.failAction(a, topicARN, at, reason)
			return
		}
	}
	subject := fmt.Sprintf("%s: %q in %s", a.StateValue, a.AlarmName, regionLongName(c.region))
	if len(subject) > 100 {
		subject = subject[:100]
	}
	msg := alarmMessage{
		AlarmName: a.AlarmName, AlarmDescription: a.AlarmDescription, AWSAccountID: c.account,
		NewStateValue: a.StateValue, NewStateReason: a.StateReason, StateChangeTime: at.UTC().Format("2006-01-02T15:04:05.000-0700"),
		Region: regionLongName(c.region), AlarmArn: a.AlarmArn, OldStateValue: oldState,
		Trigger: alarmTrigger{
			MetricName: a.MetricName, Namespace: a.Namespace, StatisticType: "Statistic", Statistic: strings.ToUpper(a.Statistic),
			Unit: a.Unit, Dimensions: a.Dimensions, EvaluationPeriods: a.EvaluationPeriods, ComparisonOperator: a.ComparisonOperator,
			TreatMissingData: a.TreatMissingData, EvaluateLowSampleCountPercentile: a.EvaluateLowSampleCountPercentile,
		},
	}
	if a.Period != nil {
		msg.Trigger.Period = *a.Period
	}
	if a.Threshold != nil {
		msg.Trigger.Threshold = *a.Threshold
	}
	m := c.publish(t, subject, msg.json(), at)
	c.st.remember(a.AlarmName, "Action", "Successfully executed action "+topicARN, map[string]any{
		"actionState": "Succeeded", "notificationResource": topicARN, "publishedMessage": m.Body}, at)
}

// ActionFailure is an alarm action CloudWatch could not execute; AWS records
// it only in the alarm's history, and the notification is lost.
type ActionFailure struct {
	Time      time.Time
	AlarmName string
	// Action is the action's ARN (an SNS topic).
	Action string
	Reason string
}

// failAction records an action that could not run.
func (c *call) failAction(a *alarm, action string, at time.Time, reason string) {
	f := ActionFailure{Time: at, AlarmName: a.AlarmName, Action: action,
		Reason: "Failed to execute action " + action + ". Received error: " + reason}
	c.srv.actionFailures = append(c.srv.actionFailures, f)
	c.st.remember(a.AlarmName, "Action", f.Reason, map[string]any{"actionState": "Failed", "notificationResource": action, "error": reason}, at)
	if c.srv.opts.OnActionFailure != nil {
		c.srv.failbox = append(c.srv.failbox, f)
	}
}

// keyRefusesCloudWatch says why CloudWatch cannot publish to a topic
// encrypted with key, or "" when it can. CloudWatch needs kms:Decrypt and
// kms:GenerateDataKey* on the key; the AWS managed key alias/aws/sns never
// grants them to cloudwatch.amazonaws.com, so alarms cannot notify topics
// encrypted with it (AWS documents this for alarm actions).
func (c *call) keyRefusesCloudWatch(key string) string {
	k, err := c.resolveKey(key)
	if err != nil {
		return "KMS key " + key + " is not usable: " + err.Error()
	}
	switch {
	case k.meta.KeyManager == "AWS":
		return "the AWS managed key " + key + " (" + k.meta.Arn + ") does not allow cloudwatch.amazonaws.com to use it (AccessDeniedException)"
	case !k.meta.Enabled:
		return "KMS key " + k.meta.Arn + " is disabled (DisabledException)"
	case !awspolicy.Allows(k.policy, awspolicy.CloudWatch, awspolicy.ServiceOnly, "kms:Decrypt", "kms:GenerateDataKey"):
		return "the key policy of " + k.meta.Arn + " does not allow cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey* (AccessDeniedException)"
	}
	return ""
}

// alarmMessage is the JSON CloudWatch publishes to SNS on a state change.
type alarmMessage struct {
	AlarmName        string       `json:"AlarmName"`
	AlarmDescription string       `json:"AlarmDescription"`
	AWSAccountID     string       `json:"AWSAccountId"`
	NewStateValue    string       `json:"NewStateValue"`
	NewStateReason   string       `json:"NewStateReason"`
	StateChangeTime  string       `json:"StateChangeTime"`
	Region           string       `json:"Region"`
	AlarmArn         string       `json:"AlarmArn"`
	OldStateValue    string       `json:"OldStateValue"`
	Trigger          alarmTrigger `json:"Trigger"`
}

type alarmTrigger struct {
	MetricName                       string      `json:"MetricName"`
	Namespace                        string      `json:"Namespace"`
	StatisticType                    string      `json:"StatisticType"`
	Statistic                        string      `json:"Statistic"`
	Unit                             string      `json:"Unit"`
	Dimensions                       []dimension `json:"Dimensions"`
	Period                           int32       `json:"Period"`
	EvaluationPeriods                int32       `json:"EvaluationPeriods"`
	ComparisonOperator               string      `json:"ComparisonOperator"`
	Threshold                        float64     `json:"Threshold"`
	TreatMissingData                 string      `json:"TreatMissingData"`
	EvaluateLowSampleCountPercentile string      `json:"EvaluateLowSampleCountPercentile"`
}

func (m alarmMessage) json() string {
	b, err := json.Marshal(m)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// regionLongName is the region's name as CloudWatch writes it in alarm
// notifications ("US East (N. Virginia)").
func regionLongName(code string) string {
	if n, ok := regionNames[code]; ok {
		return n
	}
	return code
}

var regionNames = map[string]string{
	"us-east-1": "US East (N. Virginia)", "us-east-2": "US East (Ohio)",
	"us-west-1": "US West (N. California)", "us-west-2": "US West (Oregon)",
	"eu-west-1": "EU (Ireland)", "eu-west-2": "EU (London)", "eu-west-3": "EU (Paris)",
	"eu-central-1": "EU (Frankfurt)", "eu-north-1": "EU (Stockholm)",
	"ap-southeast-1": "Asia Pacific (Singapore)", "ap-southeast-2": "Asia Pacific (Sydney)",
	"ap-northeast-1": "Asia Pacific (Tokyo)", "ap-south-1": "Asia Pacific (Mumbai)",
	"ca-central-1": "Canada (Central)", "sa-east-1": "South America (Sao Paulo)",
}
