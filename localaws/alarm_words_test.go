package localaws_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

// keysInOrder lists a JSON object's keys in the order they are written.
func keysInOrder(t *testing.T, doc string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(doc))
	tok, err := dec.Token()
	require.NoError(t, err)
	require.Equal(t, json.Delim('{'), tok)
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		require.NoError(t, err)
		keys = append(keys, k.(string))
		var skip json.RawMessage
		require.NoError(t, dec.Decode(&skip))
	}
	return keys
}

// An alarm with dimensions, a unit and DatapointsToAlarm goes to ALARM; its
// notification, StateReasonData and history take AWS's recorded shapes.
func TestAlarmNotificationAndHistoryShapes(t *testing.T) {
	clk := localawstest.NewClock(time.Date(2026, 11, 22, 3, 0, 10, 0, time.UTC))
	c := newClients(t, localaws.Options{Now: clk.Now})
	topic, err := c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("alarms")})
	require.NoError(t, err)
	arn := aws.ToString(topic.TopicArn)
	dims := []cwtypes.Dimension{{Name: aws.String("Trail"), Value: aws.String("main")}}
	_, err = c.cw.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{
		AlarmName: aws.String("auth-failures"), MetricName: aws.String("AuthFailures"), Namespace: aws.String("CIS"),
		Statistic: cwtypes.StatisticSum, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(2), DatapointsToAlarm: aws.Int32(1),
		Threshold: aws.Float64(3), ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanOrEqualToThreshold,
		TreatMissingData: aws.String("notBreaching"), Dimensions: dims, Unit: cwtypes.StandardUnitCount,
		AlarmActions: []string{arn}, OKActions: []string{arn},
	})
	require.NoError(t, err)
	_, err = c.cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("CIS"), MetricData: []cwtypes.MetricDatum{{
		MetricName: aws.String("AuthFailures"), Dimensions: dims, Unit: cwtypes.StandardUnitCount,
		StatisticValues: &cwtypes.StatisticSet{SampleCount: aws.Float64(4), Sum: aws.Float64(4), Minimum: aws.Float64(1), Maximum: aws.Float64(1)},
		Timestamp:       aws.Time(clk.Now()),
	}}})
	require.NoError(t, err)
	clk.Add(time.Minute)
	c.srv.EvaluateAlarms()

	msgs := c.srv.Published(arn)
	require.Len(t, msgs, 1)
	body := msgs[0].Body
	// The order of a real notification (2022-09-25, quoted in a public repository).
	assert.Equal(t, []string{"AlarmName", "AlarmDescription", "AWSAccountId", "AlarmConfigurationUpdatedTimestamp", "NewStateValue",
		"NewStateReason", "StateChangeTime", "Region", "AlarmArn", "OldStateValue", "OKActions", "AlarmActions",
		"InsufficientDataActions", "Trigger"}, keysInOrder(t, body))
	var msg struct {
		AlarmDescription                   *string
		AlarmConfigurationUpdatedTimestamp string
		NewStateReason                     string
		OKActions, AlarmActions            []string
		InsufficientDataActions            []string
		Trigger                            json.RawMessage
	}
	require.NoError(t, json.Unmarshal([]byte(body), &msg))
	assert.Nil(t, msg.AlarmDescription, "no description is null, as AWS writes it")
	assert.Equal(t, "2026-11-22T03:00:10.000+0000", msg.AlarmConfigurationUpdatedTimestamp)
	assert.Equal(t, "Threshold Crossed: 1 out of the last 2 datapoints [4.0 (22/11/26 03:00:00)] was greater than or equal to the threshold (3.0) and 1 missing datapoint was treated as [NonBreaching] (minimum 1 datapoint for OK -> ALARM transition).", msg.NewStateReason)
	assert.Equal(t, []string{arn}, msg.OKActions)
	assert.Equal(t, []string{arn}, msg.AlarmActions)
	assert.Equal(t, []string{}, msg.InsufficientDataActions)
	assert.Equal(t, `{"MetricName":"AuthFailures","Namespace":"CIS","StatisticType":"Statistic","Statistic":"SUM","Unit":"Count",`+
		`"Dimensions":[{"name":"Trail","value":"main"}],"Period":60,"EvaluationPeriods":2,"DatapointsToAlarm":1,`+
		`"ComparisonOperator":"GreaterThanOrEqualToThreshold","Threshold":3.0,"TreatMissingData":"notBreaching","EvaluateLowSampleCountPercentile":""}`,
		string(msg.Trigger))

	out, err := c.cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{"auth-failures"}})
	require.NoError(t, err)
	require.Len(t, out.MetricAlarms, 1)
	assert.Equal(t, `{"version":"1.0","queryDate":"2026-11-22T03:01:00.000+0000","startDate":"2026-11-22T03:00:00.000+0000","unit":"Count",`+
		`"statistic":"Sum","period":60,"recentDatapoints":[4.0],"threshold":3.0,`+
		`"evaluatedDatapoints":[{"timestamp":"2026-11-22T03:00:00.000+0000","sampleCount":4.0,"value":4.0},{"timestamp":"2026-11-22T02:59:00.000+0000"}]}`,
		aws.ToString(out.MetricAlarms[0].StateReasonData))

	hist, err := c.cw.DescribeAlarmHistory(ctx, &cloudwatch.DescribeAlarmHistoryInput{AlarmName: aws.String("auth-failures"), ScanBy: cwtypes.ScanByTimestampAscending})
	require.NoError(t, err)
	kinds := map[cwtypes.HistoryItemType]string{}
	for _, h := range hist.AlarmHistoryItems {
		if _, seen := kinds[h.HistoryItemType]; !seen {
			kinds[h.HistoryItemType] = aws.ToString(h.HistoryData)
		}
	}
	var created struct {
		Version      string
		Type         string
		CreatedAlarm map[string]any `json:"createdAlarm"`
	}
	require.NoError(t, json.Unmarshal([]byte(kinds[cwtypes.HistoryItemTypeConfigurationUpdate]), &created))
	assert.Equal(t, "1.0", created.Version)
	assert.Equal(t, "Create", created.Type)
	assert.Equal(t, "auth-failures", created.CreatedAlarm["alarmName"])
	assert.Equal(t, []any{map[string]any{"name": "Trail", "value": "main"}}, created.CreatedAlarm["dimensions"])
	assert.Equal(t, "INSUFFICIENT_DATA", created.CreatedAlarm["stateValue"])

	var update struct {
		Version  string
		OldState struct{ StateValue, StateReason string } `json:"oldState"`
		NewState struct {
			StateValue      string         `json:"stateValue"`
			StateReason     string         `json:"stateReason"`
			StateReasonData map[string]any `json:"stateReasonData"`
		} `json:"newState"`
	}
	require.NoError(t, json.Unmarshal([]byte(kinds[cwtypes.HistoryItemTypeStateUpdate]), &update))
	assert.Equal(t, "INSUFFICIENT_DATA", update.OldState.StateValue)
	assert.Equal(t, "Unchecked: Initial alarm creation", update.OldState.StateReason)
	assert.Equal(t, "ALARM", update.NewState.StateValue)
	assert.Equal(t, msg.NewStateReason, update.NewState.StateReason)
	assert.Equal(t, "2026-11-22T03:00:00.000+0000", update.NewState.StateReasonData["startDate"], "stateReasonData is an object, not a string")
}
