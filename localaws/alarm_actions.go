package localaws

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/cwpat/cwpat/sim"
)

// Alarm actions: what a change of state does, and the notification CloudWatch
// sends to an SNS topic.

// transition moves an alarm to state at time at, running its actions when
// the state changes, as CloudWatch does.
func (c *call) transition(a *alarm, state, reason, data string, at time.Time) {
	old, oldReason := a.StateValue, a.StateReason
	a.StateReason, a.StateReasonData, a.StateUpdatedTimestamp = reason, data, at
	if old == state {
		return
	}
	a.StateValue, a.StateTransitionedTimestamp = state, at
	c.st.remember(a.AlarmName, "StateUpdate", "Alarm updated from "+old+" to "+state, stateUpdate{
		Version:  "1.0",
		OldState: historyState{StateValue: old, StateReason: oldReason},
		NewState: historyState{StateValue: state, StateReason: reason, StateReasonData: rawJSON(data)},
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
	if !policyAdmitsCloudWatch(t.attrs["Policy"], topicARN, c.account, a.AlarmArn) {
		c.failAction(a, topicARN, at, "the access policy of "+topicARN+" does not let cloudwatch.amazonaws.com sns:Publish (AuthorizationError)")
		return
	}
	if key := t.attrs["KmsMasterKeyId"]; key != "" {
		if reason := c.keyRefusesCloudWatch(key, a.AlarmArn); reason != "" {
			c.failAction(a, topicARN, at, reason)
			return
		}
	}
	subject := fmt.Sprintf("%s: %q in %s", a.StateValue, a.AlarmName, regionLongName(c.region))
	if len(subject) > 100 {
		subject = subject[:100]
	}
	msg := alarmMessage{
		AlarmName: a.AlarmName, AlarmDescription: nullIfEmpty(a.AlarmDescription), AWSAccountID: c.account,
		AlarmConfigurationUpdatedTimestamp: a.AlarmConfigurationUpdatedTimestamp.UTC().Format(awsMillis),
		NewStateValue:                      a.StateValue, NewStateReason: a.StateReason, StateChangeTime: at.UTC().Format(awsMillis),
		Region: regionLongName(c.region), AlarmArn: a.AlarmArn, OldStateValue: oldState,
		OKActions: nonNil(a.OKActions), AlarmActions: nonNil(a.AlarmActions), InsufficientDataActions: nonNil(a.InsufficientDataActions),
		Trigger: alarmTrigger{
			MetricName: a.MetricName, Namespace: a.Namespace, StatisticType: "Statistic", Statistic: strings.ToUpper(a.Statistic),
			Unit: nullIfEmpty(a.Unit), Dimensions: []triggerDimension{}, EvaluationPeriods: a.EvaluationPeriods,
			DatapointsToAlarm: a.DatapointsToAlarm, ComparisonOperator: a.ComparisonOperator,
			TreatMissingData: a.TreatMissingData, EvaluateLowSampleCountPercentile: a.EvaluateLowSampleCountPercentile,
		},
	}
	for _, d := range a.Dimensions {
		msg.Trigger.Dimensions = append(msg.Trigger.Dimensions, triggerDimension(d))
	}
	if a.Period != nil {
		msg.Trigger.Period = *a.Period
	}
	if a.Threshold != nil {
		msg.Trigger.Threshold = sim.Double(*a.Threshold)
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
func (c *call) keyRefusesCloudWatch(key, alarmARN string) string {
	k, err := c.resolveKey(key)
	if err != nil {
		return "KMS key " + key + " is not usable: " + err.Error()
	}
	switch {
	case k.meta.KeyManager == "AWS":
		return "the AWS managed key " + key + " (" + k.meta.Arn + ") does not allow cloudwatch.amazonaws.com to use it (AccessDeniedException)"
	case !k.meta.Enabled:
		return "KMS key " + k.meta.Arn + " is disabled (DisabledException)"
	case !keyAdmitsCloudWatch(k.policy, k.meta.Arn, c.account, alarmARN):
		return "the key policy of " + k.meta.Arn + " does not allow cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey* (AccessDeniedException)"
	}
	return ""
}

// alarmMessage is the JSON CloudWatch publishes to SNS on a state change,
// field for field in AWS's order, as in real notifications quoted in public
// repositories (2022-09-25, ca-central-1):
//
//	{"AlarmName":"Test alarm","AlarmDescription":null,"AWSAccountId":"017790921725",
//	 "AlarmConfigurationUpdatedTimestamp":"2022-09-25T18:48:56.505+0000","NewStateValue":"ALARM",
//	 "NewStateReason":"Threshold Crossed: ...","StateChangeTime":"2022-09-25T18:50:37.811+0000",
//	 "Region":"Canada (Central)","AlarmArn":"arn:aws:cloudwatch:...","OldStateValue":"INSUFFICIENT_DATA",
//	 "OKActions":[],"AlarmActions":["arn:aws:sns:..."],"InsufficientDataActions":[],
//	 "Trigger":{"MetricName":"ConcurrentExecutions","Namespace":"AWS/Lambda","StatisticType":"Statistic",
//	  "Statistic":"SUM","Unit":null,"Dimensions":[],"Period":60,"EvaluationPeriods":1,"DatapointsToAlarm":1,
//	  "ComparisonOperator":"GreaterThanThreshold","Threshold":5.0,"TreatMissingData":"missing",
//	  "EvaluateLowSampleCountPercentile":""}}
//
// Trigger.Dimensions are written with lower-case name and value, unlike
// DescribeAlarms (localstack's AWS-validated snapshots, 2023-2026).
type alarmMessage struct {
	AlarmName                          string       `json:"AlarmName"`
	AlarmDescription                   *string      `json:"AlarmDescription"`
	AWSAccountID                       string       `json:"AWSAccountId"`
	AlarmConfigurationUpdatedTimestamp string       `json:"AlarmConfigurationUpdatedTimestamp"`
	NewStateValue                      string       `json:"NewStateValue"`
	NewStateReason                     string       `json:"NewStateReason"`
	StateChangeTime                    string       `json:"StateChangeTime"`
	Region                             string       `json:"Region"`
	AlarmArn                           string       `json:"AlarmArn"`
	OldStateValue                      string       `json:"OldStateValue"`
	OKActions                          []string     `json:"OKActions"`
	AlarmActions                       []string     `json:"AlarmActions"`
	InsufficientDataActions            []string     `json:"InsufficientDataActions"`
	Trigger                            alarmTrigger `json:"Trigger"`
}

type alarmTrigger struct {
	MetricName                       string             `json:"MetricName"`
	Namespace                        string             `json:"Namespace"`
	StatisticType                    string             `json:"StatisticType"`
	Statistic                        string             `json:"Statistic"`
	Unit                             *string            `json:"Unit"`
	Dimensions                       []triggerDimension `json:"Dimensions"`
	Period                           int32              `json:"Period"`
	EvaluationPeriods                int32              `json:"EvaluationPeriods"`
	DatapointsToAlarm                *int32             `json:"DatapointsToAlarm,omitempty"`
	ComparisonOperator               string             `json:"ComparisonOperator"`
	Threshold                        sim.Double         `json:"Threshold"`
	TreatMissingData                 string             `json:"TreatMissingData"`
	EvaluateLowSampleCountPercentile string             `json:"EvaluateLowSampleCountPercentile"`
}

// triggerDimension is a dimension as alarm notifications write it.
type triggerDimension struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// awsMillis is how CloudWatch writes times in notifications and history.
const awsMillis = "2006-01-02T15:04:05.000-0700"

func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
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
