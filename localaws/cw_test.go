package localaws_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

func alarmInput(name string, actions ...string) *cloudwatch.PutMetricAlarmInput {
	return &cloudwatch.PutMetricAlarmInput{
		AlarmName:          aws.String(name),
		AlarmDescription:   aws.String("CIS 4.3 root account usage"),
		MetricName:         aws.String("RootAccountUsage"),
		Namespace:          aws.String("CISBenchmark"),
		Statistic:          types.StatisticSum,
		Period:             aws.Int32(300),
		EvaluationPeriods:  aws.Int32(1),
		Threshold:          aws.Float64(1),
		ComparisonOperator: types.ComparisonOperatorGreaterThanOrEqualToThreshold,
		TreatMissingData:   aws.String("notBreaching"),
		AlarmActions:       actions,
		Tags:               []types.Tag{{Key: aws.String("managed-by"), Value: aws.String("cwpat")}},
	}
}

func TestPutAndDescribeAlarms(t *testing.T) {
	c := newClients(t)
	c.eachCW(t, func(t *testing.T, cw *cloudwatch.Client) {
		prefix := "cis-" + t.Name()[len(t.Name())-5:] + "-"
		topic := "arn:aws:sns:us-east-1:123456789012:alerts"
		for i := range 3 {
			_, err := cw.PutMetricAlarm(ctx, alarmInput(fmt.Sprintf("%s%d", prefix, i), topic))
			require.NoError(t, err)
		}
		out, err := cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNamePrefix: aws.String(prefix)})
		require.NoError(t, err)
		require.Len(t, out.MetricAlarms, 3)
		a := out.MetricAlarms[0]
		assert.Equal(t, prefix+"0", aws.ToString(a.AlarmName))
		assert.Equal(t, "arn:aws:cloudwatch:us-east-1:123456789012:alarm:"+prefix+"0", aws.ToString(a.AlarmArn))
		assert.Equal(t, []string{topic}, a.AlarmActions)
		assert.Equal(t, types.StatisticSum, a.Statistic)
		assert.Equal(t, int32(300), aws.ToInt32(a.Period))
		assert.InDelta(t, 1.0, aws.ToFloat64(a.Threshold), 0)
		assert.Equal(t, types.ComparisonOperatorGreaterThanOrEqualToThreshold, a.ComparisonOperator)
		assert.True(t, aws.ToBool(a.ActionsEnabled))
		assert.False(t, aws.ToTime(a.AlarmConfigurationUpdatedTimestamp).IsZero())
		// A new alarm waits for its first period boundary to be evaluated.
		assert.Equal(t, types.StateValueInsufficientData, a.StateValue)
		assert.Equal(t, "Unchecked: Initial alarm creation", aws.ToString(a.StateReason))

		byAction, err := cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{ActionPrefix: aws.String("arn:aws:sns:us-east-1:123456789012:alerts")})
		require.NoError(t, err)
		assert.GreaterOrEqual(t, len(byAction.MetricAlarms), 3)

		paged := cloudwatch.NewDescribeAlarmsPaginator(cw, &cloudwatch.DescribeAlarmsInput{AlarmNamePrefix: aws.String(prefix), MaxRecords: aws.Int32(2)})
		var names []string
		for paged.HasMorePages() {
			page, err := paged.NextPage(ctx)
			require.NoError(t, err)
			for _, a := range page.MetricAlarms {
				names = append(names, aws.ToString(a.AlarmName))
			}
		}
		assert.Equal(t, []string{prefix + "0", prefix + "1", prefix + "2"}, names)

		tags, err := cw.ListTagsForResource(ctx, &cloudwatch.ListTagsForResourceInput{ResourceARN: a.AlarmArn})
		require.NoError(t, err)
		require.Len(t, tags.Tags, 1)
		assert.Equal(t, "managed-by", aws.ToString(tags.Tags[0].Key))

		forMetric, err := cw.DescribeAlarmsForMetric(ctx, &cloudwatch.DescribeAlarmsForMetricInput{MetricName: aws.String("RootAccountUsage"), Namespace: aws.String("CISBenchmark")})
		require.NoError(t, err)
		assert.GreaterOrEqual(t, len(forMetric.MetricAlarms), 3)

		_, err = cw.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{prefix + "0", prefix + "1", prefix + "2"}})
		require.NoError(t, err)
		out, err = cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNamePrefix: aws.String(prefix)})
		require.NoError(t, err)
		assert.Empty(t, out.MetricAlarms)
	})
}

func TestAlarmErrorsAreTyped(t *testing.T) {
	c := newClients(t)
	c.eachCW(t, func(t *testing.T, cw *cloudwatch.Client) {
		_, err := cw.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{"missing"}})
		require.NoError(t, err, "AWS deletes the names that exist and ignores the rest")
		var nf *types.ResourceNotFound

		// PutMetricAlarm's reference: at most 1 day for periods under an hour,
		// 7 days otherwise; messages as quoted from refused deploys.
		in := alarmInput("too-long")
		in.Period = aws.Int32(300)
		in.EvaluationPeriods = aws.Int32(289)
		_, err = cw.PutMetricAlarm(ctx, in)
		var val *types.ValidationException
		require.ErrorAs(t, err, &val)
		assert.Equal(t, "Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400) for alarms using period < 3600", val.ErrorMessage())
		in.Period, in.EvaluationPeriods = aws.Int32(3600), aws.Int32(169)
		_, err = cw.PutMetricAlarm(ctx, in)
		require.ErrorAs(t, err, &val)
		assert.Equal(t, "Metrics cannot be checked across more than a week (EvaluationPeriods * Period must be <= 604800) for alarms using period >= 3600", val.ErrorMessage())
		in.EvaluationPeriods = aws.Int32(168)
		_, err = cw.PutMetricAlarm(ctx, in)
		require.NoError(t, err, "7 days of hourly periods is allowed")
		_, err = cw.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{"too-long"}})
		require.NoError(t, err)

		in = alarmInput("bad-period")
		in.Period = aws.Int32(45)
		_, err = cw.PutMetricAlarm(ctx, in)
		var inv *types.InvalidParameterValueException
		require.ErrorAs(t, err, &inv)
		assert.Equal(t, "The parameter Period must be 10, 20, 30, or a multiple of 60 for an alarm.", inv.ErrorMessage())

		in = alarmInput("no-threshold")
		in.Threshold = nil
		_, err = cw.PutMetricAlarm(ctx, in)
		var missing *types.MissingRequiredParameterException
		require.ErrorAs(t, err, &missing)

		_, err = cw.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("nope"), StateValue: types.StateValueAlarm, StateReason: aws.String("test")})
		require.ErrorAs(t, err, &nf)
		// localstack's AWS-validated snapshot test_set_alarm_invalid_input
		// (2025-09-22): ResourceNotFound, HTTP 404, an empty message.
		assert.Empty(t, nf.ErrorMessage())
		var apiErr smithy.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, "ResourceNotFound", apiErr.ErrorCode())
	})
}

func TestSetAlarmStatePublishesToTopic(t *testing.T) {
	c := newClients(t)
	topic, err := c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("alerts")})
	require.NoError(t, err)
	_, err = c.sns.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("email"), Endpoint: aws.String("sec@example.com")})
	require.NoError(t, err)
	_, err = c.srv.ConfirmSubscription(aws.ToString(topic.TopicArn), "sec@example.com")
	require.NoError(t, err)

	_, err = c.cw.PutMetricAlarm(ctx, alarmInput("root-usage", aws.ToString(topic.TopicArn)))
	require.NoError(t, err)
	_, err = c.cw.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("root-usage"), StateValue: types.StateValueAlarm, StateReason: aws.String("testing the pipeline")})
	require.NoError(t, err)

	msgs := c.srv.Published(aws.ToString(topic.TopicArn))
	require.Len(t, msgs, 1)
	assert.Equal(t, `ALARM: "root-usage" in US East (N. Virginia)`, msgs[0].Subject)
	assert.Contains(t, msgs[0].Body, `"NewStateValue":"ALARM"`)
	assert.Contains(t, msgs[0].Body, `"NewStateReason":"testing the pipeline"`)
	assert.Equal(t, []string{"sec@example.com"}, msgs[0].DeliveredTo)
}

func TestMetricDataRoundTrip(t *testing.T) {
	now := time.Date(2026, 11, 22, 12, 0, 30, 0, time.UTC)
	c := newClients(t)
	c.eachCW(t, func(t *testing.T, cw *cloudwatch.Client) {
		ns := "Test/" + t.Name()[len(t.Name())-5:]
		_, err := cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{
			Namespace: aws.String(ns),
			MetricData: []types.MetricDatum{
				{MetricName: aws.String("Hits"), Value: aws.Float64(2), Timestamp: aws.Time(now), Unit: types.StandardUnitCount},
				{MetricName: aws.String("Hits"), Value: aws.Float64(5), Timestamp: aws.Time(now.Add(10 * time.Second)), Unit: types.StandardUnitCount},
				{MetricName: aws.String("Hits"), Value: aws.Float64(1), Timestamp: aws.Time(now.Add(2 * time.Minute)), Unit: types.StandardUnitCount},
				{MetricName: aws.String("Hits"), Dimensions: []types.Dimension{{Name: aws.String("Host"), Value: aws.String("a")}}, Value: aws.Float64(9), Timestamp: aws.Time(now)},
			},
		})
		require.NoError(t, err)

		lm, err := cw.ListMetrics(ctx, &cloudwatch.ListMetricsInput{Namespace: aws.String(ns)})
		require.NoError(t, err)
		require.Len(t, lm.Metrics, 2)
		lm, err = cw.ListMetrics(ctx, &cloudwatch.ListMetricsInput{Namespace: aws.String(ns), Dimensions: []types.DimensionFilter{{Name: aws.String("Host")}}})
		require.NoError(t, err)
		require.Len(t, lm.Metrics, 1)

		st, err := cw.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{
			Namespace: aws.String(ns), MetricName: aws.String("Hits"), StartTime: aws.Time(now.Add(-time.Hour)), EndTime: aws.Time(now.Add(time.Hour)),
			Period: aws.Int32(60), Statistics: []types.Statistic{types.StatisticSum, types.StatisticMaximum, types.StatisticSampleCount},
		})
		require.NoError(t, err)
		require.Len(t, st.Datapoints, 2)
		assert.InDelta(t, 7.0, aws.ToFloat64(st.Datapoints[0].Sum), 0)
		assert.InDelta(t, 5.0, aws.ToFloat64(st.Datapoints[0].Maximum), 0)
		assert.InDelta(t, 2.0, aws.ToFloat64(st.Datapoints[0].SampleCount), 0)
		assert.Equal(t, now.Truncate(time.Minute), aws.ToTime(st.Datapoints[0].Timestamp).UTC())
		assert.Equal(t, types.StandardUnitCount, st.Datapoints[0].Unit)

		md, err := cw.GetMetricData(ctx, &cloudwatch.GetMetricDataInput{
			StartTime: aws.Time(now.Add(-time.Hour)), EndTime: aws.Time(now.Add(time.Hour)),
			MetricDataQueries: []types.MetricDataQuery{{Id: aws.String("m1"), MetricStat: &types.MetricStat{
				Metric: &types.Metric{Namespace: aws.String(ns), MetricName: aws.String("Hits")}, Period: aws.Int32(300), Stat: aws.String("Sum")}}},
		})
		require.NoError(t, err)
		require.Len(t, md.MetricDataResults, 1)
		r := md.MetricDataResults[0]
		assert.Equal(t, "m1", aws.ToString(r.Id))
		assert.Equal(t, types.StatusCodeComplete, r.StatusCode)
		assert.Equal(t, []float64{8}, r.Values)
		require.Len(t, r.Timestamps, 1)
		assert.Equal(t, now.Truncate(5*time.Minute), r.Timestamps[0].UTC())

		_, err = cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("AWS/Logs"), MetricData: []types.MetricDatum{{MetricName: aws.String("x"), Value: aws.Float64(1)}}})
		var inv *types.InvalidParameterValueException
		require.ErrorAs(t, err, &inv)
		assert.Equal(t, "The value AWS/ for parameter Namespace is invalid.", inv.ErrorMessage())
	})
}

// SetAlarmState holds only until the next evaluation, as in CloudWatch.
func TestSetAlarmStateLastsUntilTheNextEvaluation(t *testing.T) {
	clk := localawstest.NewClock(time.Date(2026, 11, 22, 3, 1, 0, 0, time.UTC))
	c := newClients(t, localaws.Options{Now: clk.Now})
	topic, err := c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("ops")})
	require.NoError(t, err)
	_, err = c.sns.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("lambda"), Endpoint: aws.String("arn:aws:lambda:us-east-1:123456789012:function:pager")})
	require.NoError(t, err)
	in := alarmInput("manual")
	in.OKActions = []string{aws.ToString(topic.TopicArn)}
	in.AlarmActions = []string{aws.ToString(topic.TopicArn)}
	_, err = c.cwQuery.PutMetricAlarm(ctx, in)
	require.NoError(t, err)
	_, err = c.cwQuery.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("manual"), StateValue: types.StateValueAlarm, StateReason: aws.String("drill")})
	require.NoError(t, err)
	assert.Equal(t, "ALARM", c.srv.Snapshot("", "us-east-1").Alarms["manual"])

	clk.Add(4 * time.Minute) // 03:05, the first boundary: no data, notBreaching
	out, err := c.cwQuery.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{StateValue: types.StateValueOk})
	require.NoError(t, err)
	require.Len(t, out.MetricAlarms, 1)
	assert.Equal(t, "manual", aws.ToString(out.MetricAlarms[0].AlarmName))

	var subjects []string
	for _, m := range c.srv.Published(aws.ToString(topic.TopicArn)) {
		subjects = append(subjects, m.Subject)
	}
	assert.Equal(t, []string{`ALARM: "manual" in US East (N. Virginia)`, `OK: "manual" in US East (N. Virginia)`}, subjects)
}

// With EvaluateEvery, the endpoint evaluates alarms on its own, as CloudWatch
// does each minute, and OnPublish hears the notification without a request.
func TestBackgroundEvaluationNotifies(t *testing.T) {
	clk := localawstest.NewClock(time.Date(2026, 11, 22, 3, 1, 0, 0, time.UTC))
	published := make(chan localaws.Message, 4)
	c := newClients(t, localaws.Options{Now: clk.Now, EvaluateEvery: time.Millisecond, OnPublish: func(m localaws.Message) { published <- m }})
	topic, err := c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("ops")})
	require.NoError(t, err)
	in := alarmInput("bg", aws.ToString(topic.TopicArn))
	in.TreatMissingData = aws.String("breaching")
	_, err = c.cw.PutMetricAlarm(ctx, in)
	require.NoError(t, err)
	clk.Add(5 * time.Minute) // past the 03:05 boundary: no data, treated as breaching
	select {
	case m := <-published:
		assert.Equal(t, `ALARM: "bg" in US East (N. Virginia)`, m.Subject)
		assert.Equal(t, aws.ToString(topic.TopicArn), m.TopicArn)
	case <-time.After(10 * time.Second):
		t.Fatal("no notification from the background evaluation")
	}
}

func TestAlarmMetricRefusals(t *testing.T) {
	c := newClients(t)
	tests := []struct {
		name   string
		change func(*cloudwatch.PutMetricAlarmInput)
		want   any
		msg    string
	}{
		{"no metric name", func(in *cloudwatch.PutMetricAlarmInput) { in.MetricName = nil }, new(*types.MissingRequiredParameterException), "The parameter MetricName is required."},
		{"namespace starting with a colon", func(in *cloudwatch.PutMetricAlarmInput) { in.Namespace = aws.String(":CIS") }, new(*types.ValidationException),
			"1 validation error detected: Value ':CIS' at 'namespace' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:].*"},
		{"statistic and extended statistic", func(in *cloudwatch.PutMetricAlarmInput) { in.ExtendedStatistic = aws.String("p99") },
			new(*types.InvalidParameterCombinationException), "Exactly one of the parameters Statistic and ExtendedStatistic must be specified."},
		{"anomaly operator without metrics", func(in *cloudwatch.PutMetricAlarmInput) {
			in.ComparisonOperator = types.ComparisonOperatorLessThanLowerOrGreaterThanUpperThreshold
		}, new(*types.InvalidParameterCombinationException), "The comparison operator LessThanLowerOrGreaterThanUpperThreshold is only valid for anomaly detection alarms, which need Metrics and ThresholdMetricId."},
		{"threshold metric without metrics", func(in *cloudwatch.PutMetricAlarmInput) { in.ThresholdMetricId = aws.String("ad1") },
			new(*types.InvalidParameterCombinationException), "ThresholdMetricId can only be used together with Metrics."},
		{"bad treat missing data", func(in *cloudwatch.PutMetricAlarmInput) { in.TreatMissingData = aws.String("sometimes") },
			new(*types.InvalidParameterValueException), "The value sometimes for parameter TreatMissingData is invalid."},
		{"datapoints over periods", func(in *cloudwatch.PutMetricAlarmInput) { in.DatapointsToAlarm = aws.Int32(2) },
			new(*types.InvalidParameterValueException), "DatapointsToAlarm must be less than or equal to EvaluationPeriods."},
		{"action that is not an ARN", func(in *cloudwatch.PutMetricAlarmInput) { in.AlarmActions = []string{"alerts"} },
			new(*types.InvalidParameterValueException), "Invalid arn syntax: alerts"},
		{"topic in another region", func(in *cloudwatch.PutMetricAlarmInput) {
			in.AlarmActions = []string{"arn:aws:sns:eu-west-1:123456789012:alerts"}
		}, new(*types.InvalidParameterValueException), "Invalid region eu-west-1 specified. Only us-east-1 is supported."},
	}
	for _, tt := range tests {
		c.eachCW(t, func(t *testing.T, cw *cloudwatch.Client) {
			in := alarmInput("bad")
			tt.change(in)
			_, err := cw.PutMetricAlarm(ctx, in)
			require.ErrorAs(t, err, tt.want, tt.name)
			assert.Contains(t, err.Error(), tt.msg, tt.name)
		})
	}
	assert.Empty(t, c.srv.Snapshot("", "us-east-1").Alarms)
}

// A day-long alarm of ten-second periods, left alone for a day, is brought
// up to date within a bounded amount of work (this test would take minutes
// if every boundary replayed the whole evaluation range).
func TestLargeAlarmCatchesUpCheaply(t *testing.T) {
	clk := localawstest.NewClock(time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC))
	c := newClients(t, localaws.Options{Now: clk.Now})
	in := alarmInput("big")
	in.Period, in.EvaluationPeriods, in.DatapointsToAlarm = aws.Int32(10), aws.Int32(8640), aws.Int32(1)
	in.TreatMissingData = aws.String("breaching")
	_, err := c.cw.PutMetricAlarm(ctx, in)
	require.NoError(t, err)
	clk.Add(24 * time.Hour)
	c.srv.EvaluateAlarms()
	assert.Equal(t, "ALARM", c.srv.Snapshot("", "us-east-1").Alarms["big"])
}
