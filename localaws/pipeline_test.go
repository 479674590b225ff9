package localaws_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

const rootPattern = `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`

// The CIS root-usage control end to end: a metric filter on the trail's log
// group, an alarm on its metric notifying a topic, and a CloudTrail record of
// root activity arriving through PutLogEvents.
func TestRootUsageAlarmFiresThroughTheWholePipeline(t *testing.T) {
	clk := localawstest.NewClock(time.Date(2026, 11, 22, 3, 0, 10, 0, time.UTC))
	c := newClients(t, localaws.Options{Now: clk.Now})
	mustCreateGroup(t, c, "CloudTrail/DefaultLogGroup")
	_, err := c.logs.CreateLogStream(ctx, &cloudwatchlogs.CreateLogStreamInput{LogGroupName: aws.String("CloudTrail/DefaultLogGroup"), LogStreamName: aws.String("123456789012_CloudTrail_us-east-1")})
	require.NoError(t, err)
	_, err = c.logs.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{
		LogGroupName: aws.String("CloudTrail/DefaultLogGroup"), FilterName: aws.String("cis-root-usage"), FilterPattern: aws.String(rootPattern),
		MetricTransformations: []types.MetricTransformation{{MetricName: aws.String("RootAccountUsageCount"), MetricNamespace: aws.String("CISBenchmark"), MetricValue: aws.String("1")}},
	})
	require.NoError(t, err)

	topic, err := c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("cis-alarms")})
	require.NoError(t, err)
	_, err = c.sns.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("email"), Endpoint: aws.String("soc@example.com")})
	require.NoError(t, err)
	_, err = c.srv.ConfirmSubscription(aws.ToString(topic.TopicArn), "soc@example.com")
	require.NoError(t, err)
	_, err = c.cw.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{
		AlarmName: aws.String("cis-root-usage"), MetricName: aws.String("RootAccountUsageCount"), Namespace: aws.String("CISBenchmark"),
		Statistic: cwtypes.StatisticSum, Period: aws.Int32(300), EvaluationPeriods: aws.Int32(1), Threshold: aws.Float64(1),
		ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanOrEqualToThreshold, TreatMissingData: aws.String("notBreaching"),
		AlarmActions: []string{aws.ToString(topic.TopicArn)},
	})
	require.NoError(t, err)
	require.Equal(t, "INSUFFICIENT_DATA", c.srv.Snapshot("", "us-east-1").Alarms["cis-root-usage"], "no period boundary has passed yet")

	ts := clk.Now().UnixMilli()
	records := []string{
		`{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"alice"},"eventName":"ListBuckets","eventType":"AwsApiCall"}`,
		`{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"123456789012"},"eventName":"ConsoleLogin","eventType":"AwsConsoleSignIn"}`,
		`{"eventVersion":"1.08","userIdentity":{"type":"Root","invokedBy":"support.amazonaws.com"},"eventName":"DescribeX","eventType":"AwsApiCall"}`,
	}
	events := make([]types.InputLogEvent, len(records))
	for i, r := range records {
		events[i] = types.InputLogEvent{Timestamp: aws.Int64(ts + int64(i)), Message: aws.String(r)}
	}
	put, err := c.logs.PutLogEvents(ctx, &cloudwatchlogs.PutLogEventsInput{LogGroupName: aws.String("CloudTrail/DefaultLogGroup"), LogStreamName: aws.String("123456789012_CloudTrail_us-east-1"), LogEvents: events})
	require.NoError(t, err)
	assert.Nil(t, put.RejectedLogEventsInfo)

	st, err := c.cw.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{
		Namespace: aws.String("CISBenchmark"), MetricName: aws.String("RootAccountUsageCount"),
		StartTime: aws.Time(clk.Now().Add(-time.Hour)), EndTime: aws.Time(clk.Now().Add(time.Hour)), Period: aws.Int32(300),
		Statistics: []cwtypes.Statistic{cwtypes.StatisticSum},
	})
	require.NoError(t, err)
	require.Len(t, st.Datapoints, 1, "only the direct root sign-in matches")
	assert.InDelta(t, 1.0, aws.ToFloat64(st.Datapoints[0].Sum), 0)
	assert.Empty(t, c.srv.Published(aws.ToString(topic.TopicArn)), "the period holding the match is not complete yet")

	// At 03:05 the period [03:00, 03:05) is complete and evaluated: ALARM.
	clk.Add(5 * time.Minute)
	alarms, err := c.cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{"cis-root-usage"}})
	require.NoError(t, err)
	require.Len(t, alarms.MetricAlarms, 1)
	a := alarms.MetricAlarms[0]
	assert.Equal(t, cwtypes.StateValueAlarm, a.StateValue)
	assert.Equal(t, "Threshold Crossed: 1 datapoint [1.0 (22/11/26 03:00:00)] was greater than or equal to the threshold (1.0).", aws.ToString(a.StateReason))
	assert.Equal(t, `{"version":"1.0","queryDate":"2026-11-22T03:05:00.000+0000","startDate":"2026-11-22T03:00:00.000+0000","statistic":"Sum","period":300,"recentDatapoints":[1.0],"threshold":1.0,"evaluatedDatapoints":[{"timestamp":"2026-11-22T03:00:00.000+0000","sampleCount":1.0,"value":1.0}]}`,
		aws.ToString(a.StateReasonData))
	assert.Equal(t, time.Date(2026, 11, 22, 3, 5, 0, 0, time.UTC), aws.ToTime(a.StateTransitionedTimestamp).UTC())

	msgs := c.srv.Published(aws.ToString(topic.TopicArn))
	require.Len(t, msgs, 1)
	assert.Equal(t, `ALARM: "cis-root-usage" in US East (N. Virginia)`, msgs[0].Subject)
	assert.Contains(t, msgs[0].Body, `"NewStateValue":"ALARM"`)
	assert.Contains(t, msgs[0].Body, `"OldStateValue":"INSUFFICIENT_DATA"`)
	assert.Equal(t, []string{"soc@example.com"}, msgs[0].DeliveredTo)

	// The match stays in CloudWatch's evaluation range (EvaluationPeriods+2
	// periods) until 03:20; then notBreaching brings the alarm back to OK.
	clk.Add(10 * time.Minute)
	c.srv.EvaluateAlarms()
	assert.Equal(t, "ALARM", c.srv.Snapshot("", "us-east-1").Alarms["cis-root-usage"])
	clk.Add(5 * time.Minute)
	c.srv.EvaluateAlarms()
	assert.Equal(t, "OK", c.srv.Snapshot("", "us-east-1").Alarms["cis-root-usage"])
	require.Len(t, c.srv.Published(aws.ToString(topic.TopicArn)), 1, "no OKActions configured")

	// FilterLogEvents with the same pattern finds the one record.
	fe, err := c.logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String("CloudTrail/DefaultLogGroup"), FilterPattern: aws.String(rootPattern)})
	require.NoError(t, err)
	require.Len(t, fe.Events, 1)
	assert.Equal(t, records[1], aws.ToString(fe.Events[0].Message))
	assert.Equal(t, "123456789012_CloudTrail_us-east-1", aws.ToString(fe.Events[0].LogStreamName))
}

func TestMetricFilterDescribeAndTest(t *testing.T) {
	c := newClients(t)
	mustCreateGroup(t, c, "a")
	mustCreateGroup(t, c, "b")
	put := func(group, name, pattern, metric string) {
		t.Helper()
		_, err := c.logs.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{
			LogGroupName: aws.String(group), FilterName: aws.String(name), FilterPattern: aws.String(pattern),
			MetricTransformations: []types.MetricTransformation{{MetricName: aws.String(metric), MetricNamespace: aws.String("CIS"), MetricValue: aws.String("1"), DefaultValue: aws.Float64(0)}},
		})
		require.NoError(t, err)
	}
	put("a", "cis-1", `{ $.eventName = "ConsoleLogin" }`, "Logins")
	put("a", "cis-2", `{ $.errorCode = "AccessDenied" }`, "Denied")
	put("a", "other", `ERROR`, "Errors")
	put("b", "cis-3", `{ $.eventName = "ConsoleLogin" }`, "Logins")
	put("a", "cis-1", `{ $.eventName = "ConsoleLogin" && $.errorMessage = "Failed authentication" }`, "Logins") // update in place

	out, err := c.logs.DescribeMetricFilters(ctx, &cloudwatchlogs.DescribeMetricFiltersInput{LogGroupName: aws.String("a"), FilterNamePrefix: aws.String("cis-")})
	require.NoError(t, err)
	require.Len(t, out.MetricFilters, 2)
	assert.Equal(t, "cis-1", aws.ToString(out.MetricFilters[0].FilterName))
	assert.Equal(t, `{ $.eventName = "ConsoleLogin" && $.errorMessage = "Failed authentication" }`, aws.ToString(out.MetricFilters[0].FilterPattern))
	assert.Equal(t, "a", aws.ToString(out.MetricFilters[0].LogGroupName))
	require.Len(t, out.MetricFilters[0].MetricTransformations, 1)
	assert.InDelta(t, 0.0, aws.ToFloat64(out.MetricFilters[0].MetricTransformations[0].DefaultValue), 0)
	assert.NotZero(t, aws.ToInt64(out.MetricFilters[0].CreationTime))

	byMetric, err := c.logs.DescribeMetricFilters(ctx, &cloudwatchlogs.DescribeMetricFiltersInput{MetricName: aws.String("Logins"), MetricNamespace: aws.String("CIS")})
	require.NoError(t, err)
	var where []string
	for _, f := range byMetric.MetricFilters {
		where = append(where, aws.ToString(f.LogGroupName)+"/"+aws.ToString(f.FilterName))
	}
	assert.Equal(t, []string{"a/cis-1", "b/cis-3"}, where)

	var all []string
	p := cloudwatchlogs.NewDescribeMetricFiltersPaginator(c.logs, &cloudwatchlogs.DescribeMetricFiltersInput{Limit: aws.Int32(1)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		require.NoError(t, err)
		for _, f := range page.MetricFilters {
			all = append(all, aws.ToString(f.FilterName))
		}
	}
	assert.Equal(t, []string{"cis-1", "cis-2", "other", "cis-3"}, all)

	_, err = c.logs.DescribeMetricFilters(ctx, &cloudwatchlogs.DescribeMetricFiltersInput{MetricName: aws.String("Logins")})
	var inv *types.InvalidParameterException
	require.ErrorAs(t, err, &inv)
	_, err = c.logs.DescribeMetricFilters(ctx, &cloudwatchlogs.DescribeMetricFiltersInput{LogGroupName: aws.String("nope")})
	var nf *types.ResourceNotFoundException
	require.ErrorAs(t, err, &nf)

	groups, err := c.logs.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String("a")})
	require.NoError(t, err)
	assert.Equal(t, int32(3), aws.ToInt32(groups.LogGroups[0].MetricFilterCount))

	tm, err := c.logs.TestMetricFilter(ctx, &cloudwatchlogs.TestMetricFilterInput{
		FilterPattern:    aws.String("[ip, user, status=4*, size]"),
		LogEventMessages: []string{"10.0.0.1 alice 404 512", "10.0.0.2 bob 200 64", "10.0.0.3 carol 403 1"},
	})
	require.NoError(t, err)
	require.Len(t, tm.Matches, 2)
	assert.Equal(t, int64(1), tm.Matches[0].EventNumber)
	assert.Equal(t, int64(3), tm.Matches[1].EventNumber)
	assert.Equal(t, map[string]string{"$ip": "10.0.0.1", "$user": "alice", "$status": "404", "$size": "512"}, tm.Matches[0].ExtractedValues)

	_, err = c.logs.DeleteMetricFilter(ctx, &cloudwatchlogs.DeleteMetricFilterInput{LogGroupName: aws.String("a"), FilterName: aws.String("other")})
	require.NoError(t, err)
	assert.Equal(t, []string{"cis-1", "cis-2"}, c.srv.Snapshot("", "us-east-1").LogGroups["a"])
}

func TestPutMetricFilterPatternErrors(t *testing.T) {
	c := newClients(t)
	mustCreateGroup(t, c, "g")
	mt := []types.MetricTransformation{{MetricName: aws.String("M"), MetricNamespace: aws.String("NS"), MetricValue: aws.String("1"), Dimensions: map[string]string{"user": "$user"}}}
	_, err := c.logs.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{LogGroupName: aws.String("g"), FilterName: aws.String("f"), FilterPattern: aws.String("ERROR"), MetricTransformations: mt})
	var inv *types.InvalidParameterException
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, "The specified filter pattern does not support dimensions", inv.ErrorMessage())

	_, err = c.logs.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{LogGroupName: aws.String("g"), FilterName: aws.String("f"), FilterPattern: aws.String(`{ $.a = 1`),
		MetricTransformations: []types.MetricTransformation{{MetricName: aws.String("M"), MetricNamespace: aws.String("NS"), MetricValue: aws.String("1")}}})
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, "If a filter pattern starts with '{' it must end with '}'", inv.ErrorMessage())

	_, err = c.logs.TestMetricFilter(ctx, &cloudwatchlogs.TestMetricFilterInput{FilterPattern: aws.String(`{ $.a = 1`), LogEventMessages: []string{"x"}})
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, "If a filter pattern starts with '{' it must end with '}'", inv.ErrorMessage())

	_, err = c.logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String("g"), FilterPattern: aws.String(`{ $.a = 1`)})
	require.ErrorAs(t, err, &inv)

	// AWS's generic refusal names the metric filter only in PutMetricFilter.
	_, err = c.logs.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{LogGroupName: aws.String("g"), FilterName: aws.String("f"), FilterPattern: aws.String(`{ $.a = }`),
		MetricTransformations: []types.MetricTransformation{{MetricName: aws.String("M"), MetricNamespace: aws.String("NS"), MetricValue: aws.String("1")}}})
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, "Invalid metric filter pattern", inv.ErrorMessage())
	_, err = c.logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String("g"), FilterPattern: aws.String(`{ $.a = }`)})
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, "Invalid filter pattern", inv.ErrorMessage())
}

func TestMetricFilterLimitPerLogGroup(t *testing.T) {
	c := newClients(t)
	mustCreateGroup(t, c, "g")
	for i := range 101 {
		_, err := c.logs.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{
			LogGroupName: aws.String("g"), FilterName: aws.String(fmt.Sprintf("f%03d", i)), FilterPattern: aws.String("ERROR"),
			MetricTransformations: []types.MetricTransformation{{MetricName: aws.String("M"), MetricNamespace: aws.String("NS"), MetricValue: aws.String("1")}},
		})
		if i < 100 {
			require.NoError(t, err)
			continue
		}
		var limit *types.LimitExceededException
		require.ErrorAs(t, err, &limit)
		assert.Equal(t, "Resource limit exceeded.", limit.ErrorMessage())
	}
}

func TestPutLogEventsRules(t *testing.T) {
	clk := localawstest.NewClock(time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC))
	c := newClients(t, localaws.Options{Now: clk.Now})
	mustCreateGroup(t, c, "g")
	_, err := c.logs.CreateLogStream(ctx, &cloudwatchlogs.CreateLogStreamInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("s")})
	require.NoError(t, err)
	now := clk.Now().UnixMilli()
	ev := func(ts int64, m string) types.InputLogEvent {
		return types.InputLogEvent{Timestamp: aws.Int64(ts), Message: aws.String(m)}
	}

	_, err = c.logs.PutLogEvents(ctx, &cloudwatchlogs.PutLogEventsInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("s"), LogEvents: []types.InputLogEvent{ev(now, "b"), ev(now-1, "a")}})
	var inv *types.InvalidParameterException
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, "Log events in a single PutLogEvents request must be in chronological order.", inv.ErrorMessage())

	_, err = c.logs.PutLogEvents(ctx, &cloudwatchlogs.PutLogEventsInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("nope"), LogEvents: []types.InputLogEvent{ev(now, "a")}})
	var nf *types.ResourceNotFoundException
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "The specified log stream does not exist.", nf.ErrorMessage())

	day := int64(24 * time.Hour / time.Millisecond)
	out, err := c.logs.PutLogEvents(ctx, &cloudwatchlogs.PutLogEventsInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("s"),
		LogEvents: []types.InputLogEvent{ev(now-14*day-60*60*1000, "old"), ev(now-14*day-60*60*1000+1, "old2"), ev(now-14*day+60*60*1000, "kept"), ev(now-14*day+2*60*60*1000, "kept2")}})
	require.NoError(t, err)
	require.NotNil(t, out.RejectedLogEventsInfo)
	assert.Equal(t, int32(1), aws.ToInt32(out.RejectedLogEventsInfo.TooOldLogEventEndIndex))

	out, err = c.logs.PutLogEvents(ctx, &cloudwatchlogs.PutLogEventsInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("s"),
		LogEvents: []types.InputLogEvent{ev(now, "now"), ev(now+3*60*60*1000, "future")}})
	require.NoError(t, err)
	require.NotNil(t, out.RejectedLogEventsInfo)
	assert.Equal(t, int32(1), aws.ToInt32(out.RejectedLogEventsInfo.TooNewLogEventStartIndex))
	assert.NotEmpty(t, aws.ToString(out.NextSequenceToken))

	fe, err := c.logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String("g"), StartTime: aws.Int64(now - 14*day)})
	require.NoError(t, err)
	var got []string
	for _, e := range fe.Events {
		got = append(got, aws.ToString(e.Message))
	}
	assert.Equal(t, []string{"kept", "kept2", "now"}, got)
}

// A default value is published for every event that does not match, and
// dimensions come from the matching event, as package sim publishes them.
func TestMetricFilterDefaultValueAndDimensions(t *testing.T) {
	clk := localawstest.NewClock(time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC))
	c := newClients(t, localaws.Options{Now: clk.Now})
	mustCreateGroup(t, c, "g")
	_, err := c.logs.CreateLogStream(ctx, &cloudwatchlogs.CreateLogStreamInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("s")})
	require.NoError(t, err)
	_, err = c.logs.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{LogGroupName: aws.String("g"), FilterName: aws.String("denied"),
		FilterPattern:         aws.String(`{ $.errorCode = "AccessDenied" }`),
		MetricTransformations: []types.MetricTransformation{{MetricName: aws.String("Denied"), MetricNamespace: aws.String("CIS"), MetricValue: aws.String("1"), DefaultValue: aws.Float64(0)}}})
	require.NoError(t, err)
	_, err = c.logs.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{LogGroupName: aws.String("g"), FilterName: aws.String("by-user"),
		FilterPattern:         aws.String(`{ $.errorCode = "AccessDenied" }`),
		MetricTransformations: []types.MetricTransformation{{MetricName: aws.String("DeniedByUser"), MetricNamespace: aws.String("CIS"), MetricValue: aws.String("1"), Dimensions: map[string]string{"User": "$.user"}}}})
	require.NoError(t, err)
	ts := clk.Now().UnixMilli()
	_, err = c.logs.PutLogEvents(ctx, &cloudwatchlogs.PutLogEventsInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("s"), LogEvents: []types.InputLogEvent{
		{Timestamp: aws.Int64(ts), Message: aws.String(`{"errorCode":"AccessDenied","user":"alice"}`)},
		{Timestamp: aws.Int64(ts + 1), Message: aws.String(`{"errorCode":"Throttling","user":"bob"}`)},
		{Timestamp: aws.Int64(ts + 2), Message: aws.String(`not json`)},
	}})
	require.NoError(t, err)
	stats := func(name string, dims ...cwtypes.Dimension) cwtypes.Datapoint {
		t.Helper()
		out, err := c.cw.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{Namespace: aws.String("CIS"), MetricName: aws.String(name), Dimensions: dims,
			StartTime: aws.Time(clk.Now().Add(-time.Minute)), EndTime: aws.Time(clk.Now().Add(time.Minute)), Period: aws.Int32(60),
			Statistics: []cwtypes.Statistic{cwtypes.StatisticSum, cwtypes.StatisticSampleCount}})
		require.NoError(t, err)
		require.Len(t, out.Datapoints, 1)
		return out.Datapoints[0]
	}
	d := stats("Denied")
	assert.InDelta(t, 1.0, aws.ToFloat64(d.Sum), 0)
	assert.InDelta(t, 3.0, aws.ToFloat64(d.SampleCount), 0, "one match and two defaults")
	d = stats("DeniedByUser", cwtypes.Dimension{Name: aws.String("User"), Value: aws.String("alice")})
	assert.InDelta(t, 1.0, aws.ToFloat64(d.SampleCount), 0)
}

func TestRegexFilterQuotaPerLogGroup(t *testing.T) {
	c := newClients(t)
	mustCreateGroup(t, c, "g")
	put := func(name, pattern string) error {
		_, err := c.logs.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{
			LogGroupName: aws.String("g"), FilterName: aws.String(name), FilterPattern: aws.String(pattern),
			MetricTransformations: []types.MetricTransformation{{MetricName: aws.String("M"), MetricNamespace: aws.String("NS"), MetricValue: aws.String("1")}},
		})
		return err
	}
	for i := range 5 {
		require.NoError(t, put(fmt.Sprintf("re%d", i), `%ERROR [0-9]+%`))
	}
	require.NoError(t, put("plain", "ERROR"), "filters without a regex do not count")
	require.NoError(t, put("re0", `%WARN%`), "replacing a regex filter keeps the count")
	var limit *types.LimitExceededException
	require.ErrorAs(t, put("re5", `%FATAL%`), &limit)
}
