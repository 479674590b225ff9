package localaws_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/awslimits"
	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

// The operations a deployer calls less often, each through the real client.

func TestRetentionStreamsAndUntagLogGroup(t *testing.T) {
	clk := localawstest.NewClock(time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC))
	c := newClients(t, localaws.Options{Now: clk.Now})
	mustCreateGroup(t, c, "g")
	_, err := c.logs.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{LogGroupName: aws.String("g"), RetentionInDays: aws.Int32(365)})
	require.NoError(t, err)
	_, err = c.logs.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{LogGroupName: aws.String("g"), RetentionInDays: aws.Int32(2)})
	var inv *types.InvalidParameterException
	require.ErrorAs(t, err, &inv)
	assert.Contains(t, inv.ErrorMessage(), "Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set")
	groups, err := c.logs.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{})
	require.NoError(t, err)
	assert.Equal(t, int32(365), aws.ToInt32(groups.LogGroups[0].RetentionInDays))

	for _, s := range []string{"b", "a", "c"} {
		_, err := c.logs.CreateLogStream(ctx, &cloudwatchlogs.CreateLogStreamInput{LogGroupName: aws.String("g"), LogStreamName: aws.String(s)})
		require.NoError(t, err)
	}
	_, err = c.logs.PutLogEvents(ctx, &cloudwatchlogs.PutLogEventsInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("c"),
		LogEvents: []types.InputLogEvent{{Timestamp: aws.Int64(clk.Now().UnixMilli()), Message: aws.String("hello")}}})
	require.NoError(t, err)
	streams, err := c.logs.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: aws.String("g"), OrderBy: types.OrderByLastEventTime, Descending: aws.Bool(true)})
	require.NoError(t, err)
	require.Len(t, streams.LogStreams, 3)
	assert.Equal(t, "c", aws.ToString(streams.LogStreams[0].LogStreamName))
	assert.Equal(t, clk.Now().UnixMilli(), aws.ToInt64(streams.LogStreams[0].LastEventTimestamp))
	assert.Equal(t, int64(5), aws.ToInt64(streams.LogStreams[0].StoredBytes)) //lint:ignore SA1019 still returned by AWS
	prefixed, err := c.logs.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{LogGroupIdentifier: aws.String("arn:aws:logs:us-east-1:123456789012:log-group:g"), LogStreamNamePrefix: aws.String("a")})
	require.NoError(t, err)
	require.Len(t, prefixed.LogStreams, 1)
	assert.Equal(t, "arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:a", aws.ToString(prefixed.LogStreams[0].Arn))

	//lint:ignore SA1019 the older by-name API is still what many tools call
	_, err = c.logs.TagLogGroup(ctx, &cloudwatchlogs.TagLogGroupInput{LogGroupName: aws.String("g"), Tags: map[string]string{"a": "1", "b": "2"}})
	require.NoError(t, err)
	//lint:ignore SA1019 as above
	_, err = c.logs.UntagLogGroup(ctx, &cloudwatchlogs.UntagLogGroupInput{LogGroupName: aws.String("g"), Tags: []string{"a"}})
	require.NoError(t, err)
	tags, err := c.logs.ListTagsForResource(ctx, &cloudwatchlogs.ListTagsForResourceInput{ResourceArn: aws.String("arn:aws:logs:us-east-1:123456789012:log-group:g:*")})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"b": "2"}, tags.Tags)
}

func TestAlarmTaggingAndStatisticSets(t *testing.T) {
	c := newClients(t)
	c.eachCW(t, func(t *testing.T, cw *cloudwatch.Client) {
		name := "tagged-" + t.Name()[len(t.Name())-5:]
		_, err := cw.PutMetricAlarm(ctx, alarmInput(name))
		require.NoError(t, err)
		arn := aws.String("arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name)
		_, err = cw.TagResource(ctx, &cloudwatch.TagResourceInput{ResourceARN: arn, Tags: []cwtypes.Tag{{Key: aws.String("rule"), Value: aws.String("cis-4.3")}}})
		require.NoError(t, err)
		_, err = cw.UntagResource(ctx, &cloudwatch.UntagResourceInput{ResourceARN: arn, TagKeys: []string{"managed-by"}})
		require.NoError(t, err)
		tags, err := cw.ListTagsForResource(ctx, &cloudwatch.ListTagsForResourceInput{ResourceARN: arn})
		require.NoError(t, err)
		require.Len(t, tags.Tags, 1)
		assert.Equal(t, "cis-4.3", aws.ToString(tags.Tags[0].Value))
		_, err = cw.TagResource(ctx, &cloudwatch.TagResourceInput{ResourceARN: aws.String(aws.ToString(arn) + "x"), Tags: []cwtypes.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
		var nf *cwtypes.ResourceNotFoundException
		require.ErrorAs(t, err, &nf)

		now := time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC)
		ns := "Sets/" + t.Name()[len(t.Name())-5:]
		_, err = cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String(ns), MetricData: []cwtypes.MetricDatum{
			{MetricName: aws.String("Latency"), Timestamp: aws.Time(now), StatisticValues: &cwtypes.StatisticSet{SampleCount: aws.Float64(4), Sum: aws.Float64(40), Minimum: aws.Float64(2), Maximum: aws.Float64(20)}},
			{MetricName: aws.String("Latency"), Timestamp: aws.Time(now), Values: []float64{1, 30}, Counts: []float64{2, 1}},
		}})
		require.NoError(t, err)
		st, err := cw.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{Namespace: aws.String(ns), MetricName: aws.String("Latency"),
			StartTime: aws.Time(now), EndTime: aws.Time(now.Add(time.Minute)), Period: aws.Int32(60),
			Statistics: []cwtypes.Statistic{cwtypes.StatisticSampleCount, cwtypes.StatisticSum, cwtypes.StatisticMinimum, cwtypes.StatisticMaximum, cwtypes.StatisticAverage}})
		require.NoError(t, err)
		require.Len(t, st.Datapoints, 1)
		d := st.Datapoints[0]
		assert.InDelta(t, 7.0, aws.ToFloat64(d.SampleCount), 0)
		assert.InDelta(t, 72.0, aws.ToFloat64(d.Sum), 0)
		assert.InDelta(t, 1.0, aws.ToFloat64(d.Minimum), 0)
		assert.InDelta(t, 30.0, aws.ToFloat64(d.Maximum), 0)
		assert.InDelta(t, 72.0/7, aws.ToFloat64(d.Average), 1e-9)

		_, err = cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String(ns), MetricData: []cwtypes.MetricDatum{{MetricName: aws.String("x"), Value: aws.Float64(1), Values: []float64{1}}}})
		var combo *cwtypes.InvalidParameterCombinationException
		require.ErrorAs(t, err, &combo)
	})
}

func TestSubscriptionListingAndAttributes(t *testing.T) {
	c := newClients(t)
	var arns []string
	for _, n := range []string{"a", "b"} {
		out, err := c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(n)})
		require.NoError(t, err)
		arns = append(arns, aws.ToString(out.TopicArn))
	}
	sub, err := c.sns.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(arns[0]), Protocol: aws.String("https"), Endpoint: aws.String("https://hooks.example.com/x"), ReturnSubscriptionArn: true})
	require.NoError(t, err)
	_, err = c.sns.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(arns[1]), Protocol: aws.String("https"), Endpoint: aws.String("http://plain.example.com")})
	var inv interface{ ErrorMessage() string }
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, "Invalid parameter: Endpoint must match the specified protocol", inv.ErrorMessage())
	_, err = c.sns.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(arns[1]), Protocol: aws.String("sqs"), Endpoint: aws.String("arn:aws:sqs:us-east-1:123456789012:q")})
	require.NoError(t, err)

	all, err := c.sns.ListSubscriptions(ctx, &sns.ListSubscriptionsInput{})
	require.NoError(t, err)
	require.Len(t, all.Subscriptions, 2)
	assert.Equal(t, arns[0], aws.ToString(all.Subscriptions[0].TopicArn))
	assert.Equal(t, "PendingConfirmation", aws.ToString(all.Subscriptions[0].SubscriptionArn))

	attrs, err := c.sns.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: sub.SubscriptionArn})
	require.NoError(t, err)
	assert.Equal(t, "true", attrs.Attributes["PendingConfirmation"])
	assert.Equal(t, "https://hooks.example.com/x", attrs.Attributes["Endpoint"])
}

func TestStopAndDeleteTrail(t *testing.T) {
	c := newClients(t)
	c.srv.PutTrail("", "us-east-1", localaws.Trail{Name: "main", S3BucketName: "b", IsMultiRegionTrail: true, IsLogging: true})
	eu := cloudtrail.NewFromConfig(c.srv.ConfigFor("eu-west-1", "AKIDLOCALTEST"))
	_, err := eu.StopLogging(ctx, &cloudtrail.StopLoggingInput{Name: aws.String("main")})
	var home *cttypes.InvalidHomeRegionException
	require.ErrorAs(t, err, &home, "a shadow trail is changed only from its home region")

	_, err = c.trail.StopLogging(ctx, &cloudtrail.StopLoggingInput{Name: aws.String("main")})
	require.NoError(t, err)
	st, err := c.trail.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("main")})
	require.NoError(t, err)
	assert.False(t, aws.ToBool(st.IsLogging))
	assert.NotNil(t, st.StopLoggingTime)

	_, err = c.trail.DeleteTrail(ctx, &cloudtrail.DeleteTrailInput{Name: aws.String("main")})
	require.NoError(t, err)
	_, err = c.trail.DeleteTrail(ctx, &cloudtrail.DeleteTrailInput{Name: aws.String("main")})
	var nf *cttypes.TrailNotFoundException
	require.ErrorAs(t, err, &nf)
	assert.Empty(t, c.srv.Snapshot("", "us-east-1").Trails)
}

func TestDisabledActionsDoNotNotify(t *testing.T) {
	c := newClients(t)
	topic, err := c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("t")})
	require.NoError(t, err)
	_, err = c.cwQuery.PutMetricAlarm(ctx, alarmInput("quiet", aws.ToString(topic.TopicArn)))
	require.NoError(t, err)
	_, err = c.cwQuery.DisableAlarmActions(ctx, &cloudwatch.DisableAlarmActionsInput{AlarmNames: []string{"quiet", "unknown"}})
	require.NoError(t, err)
	_, err = c.cwQuery.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("quiet"), StateValue: cwtypes.StateValueAlarm, StateReason: aws.String("x")})
	require.NoError(t, err)
	assert.Empty(t, c.srv.Published(aws.ToString(topic.TopicArn)))
	out, err := c.cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{"quiet"}})
	require.NoError(t, err)
	assert.False(t, aws.ToBool(out.MetricAlarms[0].ActionsEnabled))

	_, err = c.cw.EnableAlarmActions(ctx, &cloudwatch.EnableAlarmActionsInput{AlarmNames: []string{"quiet"}})
	require.NoError(t, err)
	_, err = c.cw.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("quiet"), StateValue: cwtypes.StateValueOk, StateReason: aws.String("x")})
	require.NoError(t, err)
	_, err = c.cw.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("quiet"), StateValue: cwtypes.StateValueAlarm, StateReason: aws.String("y")})
	require.NoError(t, err)
	assert.Len(t, c.srv.Published(aws.ToString(topic.TopicArn)), 1)
}

func TestDeleteLogStreamAndRetention(t *testing.T) {
	c := newClients(t)
	mustCreateGroup(t, c, "g")
	_, err := c.logs.CreateLogStream(ctx, &cloudwatchlogs.CreateLogStreamInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("s")})
	require.NoError(t, err)
	_, err = c.logs.DeleteLogStream(ctx, &cloudwatchlogs.DeleteLogStreamInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("s")})
	require.NoError(t, err)
	_, err = c.logs.DeleteLogStream(ctx, &cloudwatchlogs.DeleteLogStreamInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("s")})
	var nf *types.ResourceNotFoundException
	require.ErrorAs(t, err, &nf)

	_, err = c.logs.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{LogGroupName: aws.String("g"), RetentionInDays: aws.Int32(30)})
	require.NoError(t, err)
	_, err = c.logs.DeleteRetentionPolicy(ctx, &cloudwatchlogs.DeleteRetentionPolicyInput{LogGroupName: aws.String("g")})
	require.NoError(t, err)
	out, err := c.logs.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{})
	require.NoError(t, err)
	assert.Nil(t, out.LogGroups[0].RetentionInDays, "never expire")
}

// Tag keys and values are counted as AWS counts lengths, in UTF-16 code
// units, by all three services: 128 'é' (256 bytes) is a key at the limit,
// 129 emoji (258 units) a value over it.
func TestTagLengthsAreCountedAsAWSCountsThem(t *testing.T) {
	c := newClients(t)
	key, tooLong := strings.Repeat("é", awslimits.TagKeyMaxLength), strings.Repeat("😀", 129)
	_, err := c.logs.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("tags"), Tags: map[string]string{key: "v"}})
	require.NoError(t, err, "logs: a key of 128 characters")
	_, err = c.logs.TagResource(ctx, &cloudwatchlogs.TagResourceInput{ResourceArn: aws.String("arn:aws:logs:us-east-1:123456789012:log-group:tags"), Tags: map[string]string{"k": tooLong}})
	require.Error(t, err, "logs: a value of 258 units")

	c.eachCW(t, func(t *testing.T, cw *cloudwatch.Client) {
		name := "len-" + t.Name()[len(t.Name())-5:]
		_, err := cw.PutMetricAlarm(ctx, alarmInput(name))
		require.NoError(t, err)
		arn := aws.String("arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name)
		_, err = cw.TagResource(ctx, &cloudwatch.TagResourceInput{ResourceARN: arn, Tags: []cwtypes.Tag{{Key: aws.String(key), Value: aws.String("v")}}})
		require.NoError(t, err, "cloudwatch: a key of 128 characters")
		_, err = cw.TagResource(ctx, &cloudwatch.TagResourceInput{ResourceARN: arn, Tags: []cwtypes.Tag{{Key: aws.String("k"), Value: aws.String(tooLong)}}})
		require.Error(t, err, "cloudwatch: a value of 258 units")
	})

	topic, err := c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("tags")})
	require.NoError(t, err)
	_, err = c.sns.TagResource(ctx, &sns.TagResourceInput{ResourceArn: topic.TopicArn, Tags: []snstypes.Tag{{Key: aws.String(key), Value: aws.String("v")}}})
	require.NoError(t, err, "sns: a key of 128 characters (256 bytes)")
	_, err = c.sns.TagResource(ctx, &sns.TagResourceInput{ResourceArn: topic.TopicArn, Tags: []snstypes.Tag{{Key: aws.String("k"), Value: aws.String(tooLong)}}})
	require.Error(t, err, "sns: a value of 258 units")
}
