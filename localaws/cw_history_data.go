package localaws

import (
	"encoding/json"

	"github.com/cwpat/cwpat/sim"
)

// The HistoryData of alarm history items, as AWS writes them.

// stateUpdate is a StateUpdate item's data. Recorded by localstack's
// AWS-validated snapshot (test_put_metric_alarm, 2023-2026):
//
//	{"version":"1.0","oldState":{"stateValue":"INSUFFICIENT_DATA","stateReason":"Unchecked: Initial alarm creation"},
//	 "newState":{"stateValue":"ALARM","stateReason":"Threshold Crossed: ...","stateReasonData":{"version":"1.0",...}}}
//
// stateReasonData is an object, not a string holding JSON.
type stateUpdate struct {
	Version  string       `json:"version"`
	OldState historyState `json:"oldState"`
	NewState historyState `json:"newState"`
}

type historyState struct {
	StateValue      string          `json:"stateValue"`
	StateReason     string          `json:"stateReason"`
	StateReasonData json.RawMessage `json:"stateReasonData,omitempty"`
}

// rawJSON is StateReasonData as an embedded object; nil when there is none
// (SetAlarmState without it) or it is not JSON (SetAlarmState refuses that).
func rawJSON(data string) json.RawMessage {
	if data == "" || !json.Valid([]byte(data)) {
		return nil
	}
	return json.RawMessage(data)
}

// configurationUpdate is a ConfigurationUpdate item's data: the type
// (Create, Update, Delete) and the alarm as it now is (or was, for Delete),
// under createdAlarm, updatedAlarm or deletedAlarm. Recorded from AWS
// (DescribeAlarmHistory read through the Ruby SDK, 2014):
//
//	{"version":"1.0","type":"Create","createdAlarm":{"namespace":"AWS/EBS","threshold":1800.0,
//	 "metricName":"VolumeIdleTime","period":3600,"dimensions":[{"name":"VolumeId","value":"vol-XXXXXXXX"}],
//	 "stateValue":"INSUFFICIENT_DATA","alarmName":"foo","okactions":[],"alarmActions":["arn:aws:sns:..."],
//	 "actionsEnabled":true,"evaluationPeriods":1,"comparisonOperator":"LessThanOrEqualToThreshold",
//	 "insufficientDataActions":[],"alarmDescription":"","statistic":"Sum","alarmArn":"arn:aws:cloudwatch:...",
//	 "alarmConfigurationUpdatedTimestamp":"2014-08-23T15:48:26.693+0000","stateUpdatedTimestamp":"..."}}
//
// (okactions is AWS's spelling.) Settings added to alarms since 2014 —
// datapointsToAlarm, treatMissingData, unit — follow in the same style
// when set; that part is cwpat's.
func configurationUpdate(kind string, a *metricAlarm) map[string]any {
	key := map[string]string{"Create": "createdAlarm", "Update": "updatedAlarm", "Delete": "deletedAlarm"}[kind]
	return map[string]any{"version": "1.0", "type": kind, key: historyAlarm(a)}
}

// historyAlarm is the alarm as ConfigurationUpdate data shows it. The
// fields keep AWS's order because json.Marshal writes a struct in order.
func historyAlarm(a *metricAlarm) any {
	type dim struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	out := struct {
		Namespace                          string      `json:"namespace"`
		Threshold                          *sim.Double `json:"threshold,omitempty"`
		MetricName                         string      `json:"metricName"`
		Period                             *int32      `json:"period,omitempty"`
		Dimensions                         []dim       `json:"dimensions"`
		StateValue                         string      `json:"stateValue"`
		AlarmName                          string      `json:"alarmName"`
		OKActions                          []string    `json:"okactions"`
		AlarmActions                       []string    `json:"alarmActions"`
		ActionsEnabled                     bool        `json:"actionsEnabled"`
		EvaluationPeriods                  int32       `json:"evaluationPeriods"`
		DatapointsToAlarm                  *int32      `json:"datapointsToAlarm,omitempty"`
		ComparisonOperator                 string      `json:"comparisonOperator"`
		TreatMissingData                   string      `json:"treatMissingData,omitempty"`
		InsufficientDataActions            []string    `json:"insufficientDataActions"`
		AlarmDescription                   string      `json:"alarmDescription"`
		Statistic                          string      `json:"statistic,omitempty"`
		ExtendedStatistic                  string      `json:"extendedStatistic,omitempty"`
		Unit                               string      `json:"unit,omitempty"`
		AlarmArn                           string      `json:"alarmArn"`
		AlarmConfigurationUpdatedTimestamp string      `json:"alarmConfigurationUpdatedTimestamp"`
		StateUpdatedTimestamp              string      `json:"stateUpdatedTimestamp"`
	}{
		Namespace: a.Namespace, MetricName: a.MetricName, Period: a.Period, Dimensions: []dim{},
		StateValue: a.StateValue, AlarmName: a.AlarmName,
		OKActions: nonNil(a.OKActions), AlarmActions: nonNil(a.AlarmActions), ActionsEnabled: a.ActionsEnabled,
		EvaluationPeriods: a.EvaluationPeriods, DatapointsToAlarm: a.DatapointsToAlarm, ComparisonOperator: a.ComparisonOperator,
		TreatMissingData: a.TreatMissingData, InsufficientDataActions: nonNil(a.InsufficientDataActions),
		AlarmDescription: a.AlarmDescription, Statistic: a.Statistic, ExtendedStatistic: a.ExtendedStatistic, Unit: a.Unit,
		AlarmArn: a.AlarmArn, AlarmConfigurationUpdatedTimestamp: a.AlarmConfigurationUpdatedTimestamp.UTC().Format(awsMillis),
		StateUpdatedTimestamp: a.StateUpdatedTimestamp.UTC().Format(awsMillis),
	}
	if a.Threshold != nil {
		t := sim.Double(*a.Threshold)
		out.Threshold = &t
	}
	for _, d := range a.Dimensions {
		out.Dimensions = append(out.Dimensions, dim(d))
	}
	return out
}
