package localaws_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLogGroupLifecycle(t *testing.T) {
	c := newClients(t)
	mustCreateGroup(t, c, "CloudTrail/DefaultLogGroup")
	mustCreateGroup(t, c, "other")

	_, err := c.logs.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("other")})
	var exists *types.ResourceAlreadyExistsException
	require.ErrorAs(t, err, &exists)
	assert.Equal(t, "The specified log group already exists", exists.ErrorMessage())

	out, err := c.logs.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String("Cloud")})
	require.NoError(t, err)
	require.Len(t, out.LogGroups, 1)
	g := out.LogGroups[0]
	assert.Equal(t, "CloudTrail/DefaultLogGroup", aws.ToString(g.LogGroupName))
	assert.Equal(t, "arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/DefaultLogGroup:*", aws.ToString(g.Arn))
	assert.Equal(t, "arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/DefaultLogGroup", aws.ToString(g.LogGroupArn))
	assert.Equal(t, int32(0), aws.ToInt32(g.MetricFilterCount))

	_, err = c.logs.DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String("other")})
	require.NoError(t, err)
	_, err = c.logs.DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String("other")})
	var nf *types.ResourceNotFoundException
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "The specified log group does not exist.", nf.ErrorMessage())
}

func TestLogGroupNameValidation(t *testing.T) {
	c := newClients(t)
	_, err := c.logs.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("has space")})
	var inv *types.InvalidParameterException
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, `1 validation error detected: Value 'has space' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+`, inv.ErrorMessage())
}

func TestDescribeLogGroupsPagination(t *testing.T) {
	c := newClients(t)
	for i := range 7 {
		mustCreateGroup(t, c, fmt.Sprintf("g%02d", i))
	}
	var names []string
	p := cloudwatchlogs.NewDescribeLogGroupsPaginator(c.logs, &cloudwatchlogs.DescribeLogGroupsInput{Limit: aws.Int32(3)})
	pages := 0
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		require.NoError(t, err)
		pages++
		for _, g := range out.LogGroups {
			names = append(names, aws.ToString(g.LogGroupName))
		}
	}
	assert.Equal(t, 3, pages)
	assert.Equal(t, []string{"g00", "g01", "g02", "g03", "g04", "g05", "g06"}, names)

	_, err := c.logs.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{NextToken: aws.String("bogus")})
	var inv *types.InvalidParameterException
	require.ErrorAs(t, err, &inv)
}

func TestLogStreamsAndTags(t *testing.T) {
	c := newClients(t)
	mustCreateGroup(t, c, "g")
	_, err := c.logs.CreateLogStream(ctx, &cloudwatchlogs.CreateLogStreamInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("s1")})
	require.NoError(t, err)
	_, err = c.logs.CreateLogStream(ctx, &cloudwatchlogs.CreateLogStreamInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("s1")})
	var exists *types.ResourceAlreadyExistsException
	require.ErrorAs(t, err, &exists)
	_, err = c.logs.CreateLogStream(ctx, &cloudwatchlogs.CreateLogStreamInput{LogGroupName: aws.String("nope"), LogStreamName: aws.String("s1")})
	var nf *types.ResourceNotFoundException
	require.ErrorAs(t, err, &nf)

	arn := "arn:aws:logs:us-east-1:123456789012:log-group:g"
	_, err = c.logs.TagResource(ctx, &cloudwatchlogs.TagResourceInput{ResourceArn: aws.String(arn), Tags: map[string]string{"managed-by": "cwpat", "team": "sec"}})
	require.NoError(t, err)
	_, err = c.logs.UntagResource(ctx, &cloudwatchlogs.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"team"}})
	require.NoError(t, err)
	tags, err := c.logs.ListTagsForResource(ctx, &cloudwatchlogs.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"managed-by": "cwpat"}, tags.Tags)

	//lint:ignore SA1019 the older by-name API is still what many tools call
	_, err = c.logs.TagLogGroup(ctx, &cloudwatchlogs.TagLogGroupInput{LogGroupName: aws.String("g"), Tags: map[string]string{"env": "prod"}})
	require.NoError(t, err)
	//lint:ignore SA1019 as above
	old, err := c.logs.ListTagsLogGroup(ctx, &cloudwatchlogs.ListTagsLogGroupInput{LogGroupName: aws.String("g")})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"managed-by": "cwpat", "env": "prod"}, old.Tags)

	_, err = c.logs.TagResource(ctx, &cloudwatchlogs.TagResourceInput{ResourceArn: aws.String(arn), Tags: map[string]string{"aws:x": "y"}})
	var inv *types.InvalidParameterException
	require.ErrorAs(t, err, &inv)
}

func TestPutMetricFilterValidation(t *testing.T) {
	c := newClients(t)
	mustCreateGroup(t, c, "g")
	mt := func() []types.MetricTransformation {
		return []types.MetricTransformation{{MetricName: aws.String("M"), MetricNamespace: aws.String("NS"), MetricValue: aws.String("1")}}
	}
	tests := []struct {
		name string
		in   cloudwatchlogs.PutMetricFilterInput
		want string
	}{
		{"pattern too long", cloudwatchlogs.PutMetricFilterInput{LogGroupName: aws.String("g"), FilterName: aws.String("f"), FilterPattern: aws.String(strings.Repeat("a", 1025)), MetricTransformations: mt()},
			"1 validation error detected: Value '" + strings.Repeat("a", 1025) + "' at 'filterPattern' failed to satisfy constraint: Member must have length less than or equal to 1024"},
		{"filter name too long", cloudwatchlogs.PutMetricFilterInput{LogGroupName: aws.String("g"), FilterName: aws.String(strings.Repeat("f", 513)), FilterPattern: aws.String("x"), MetricTransformations: mt()},
			"1 validation error detected: Value '" + strings.Repeat("f", 513) + "' at 'filterName' failed to satisfy constraint: Member must have length less than or equal to 512"},
		{"filter name with colon", cloudwatchlogs.PutMetricFilterInput{LogGroupName: aws.String("g"), FilterName: aws.String("a:b"), FilterPattern: aws.String("x"), MetricTransformations: mt()},
			"1 validation error detected: Value 'a:b' at 'filterName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*"},
		{"two transformations", cloudwatchlogs.PutMetricFilterInput{LogGroupName: aws.String("g"), FilterName: aws.String("f"), FilterPattern: aws.String("x"),
			MetricTransformations: []types.MetricTransformation{
				{MetricName: aws.String("metric1"), MetricNamespace: aws.String("namespace1"), MetricValue: aws.String("1")},
				{MetricName: aws.String("metric2"), MetricNamespace: aws.String("namespace2"), MetricValue: aws.String("1")}}},
			"1 validation error detected: Value '[MetricTransformation(metricName=metric1, metricNamespace=namespace1, metricValue=1, defaultValue=null, unit=null, dimensions=null), MetricTransformation(metricName=metric2, metricNamespace=namespace2, metricValue=1, defaultValue=null, unit=null, dimensions=null)]' at 'metricTransformations' failed to satisfy constraint: Member must have length less than or equal to 1"},
		{"metric name with dollar", cloudwatchlogs.PutMetricFilterInput{LogGroupName: aws.String("g"), FilterName: aws.String("f"), FilterPattern: aws.String("x"),
			MetricTransformations: []types.MetricTransformation{{MetricName: aws.String("a$b"), MetricNamespace: aws.String("NS"), MetricValue: aws.String("1")}}},
			"1 validation error detected: Value 'a$b' at 'metricTransformations.1.member.metricName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*$]*"},
		{"four dimensions", cloudwatchlogs.PutMetricFilterInput{LogGroupName: aws.String("g"), FilterName: aws.String("f"), FilterPattern: aws.String("{ $.a = 1 }"),
			MetricTransformations: []types.MetricTransformation{{MetricName: aws.String("M"), MetricNamespace: aws.String("NS"), MetricValue: aws.String("1"),
				Dimensions: map[string]string{"a": "$.a", "b": "$.b", "c": "$.c", "d": "$.d"}}}},
			"1 validation error detected: Value '{a=$.a, b=$.b, c=$.c, d=$.d}' at 'metricTransformations.1.member.dimensions' failed to satisfy constraint: Member must have length less than or equal to 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.logs.PutMetricFilter(ctx, &tt.in)
			var inv *types.InvalidParameterException
			require.ErrorAs(t, err, &inv)
			assert.Equal(t, tt.want, inv.ErrorMessage())
		})
	}
}

func TestTestMetricFilterValidation(t *testing.T) {
	c := newClients(t)
	msgs := make([]string, 51)
	for i := range msgs {
		msgs[i] = "m"
	}
	_, err := c.logs.TestMetricFilter(ctx, &cloudwatchlogs.TestMetricFilterInput{FilterPattern: aws.String("x"), LogEventMessages: msgs})
	var inv *types.InvalidParameterException
	require.ErrorAs(t, err, &inv)
	assert.Contains(t, inv.ErrorMessage(), "at 'logEventMessages' failed to satisfy constraint: Member must have length less than or equal to 50")

	_, err = c.logs.TestMetricFilter(ctx, &cloudwatchlogs.TestMetricFilterInput{FilterPattern: aws.String("x"), LogEventMessages: []string{}})
	require.ErrorAs(t, err, &inv)
	assert.Contains(t, inv.ErrorMessage(), "Member must have length greater than or equal to 1")
}

func TestFilterLogEventsLimit(t *testing.T) {
	c := newClients(t)
	mustCreateGroup(t, c, "g")
	_, err := c.logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String("g"), Limit: aws.Int32(10001)})
	var inv *types.InvalidParameterException
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000", inv.ErrorMessage())
}

func TestDeleteMetricFilterErrors(t *testing.T) {
	c := newClients(t)
	mustCreateGroup(t, c, "g")
	_, err := c.logs.DeleteMetricFilter(ctx, &cloudwatchlogs.DeleteMetricFilterInput{LogGroupName: aws.String("g"), FilterName: aws.String("nope")})
	var nf *types.ResourceNotFoundException
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "The specified metric filter does not exist.", nf.ErrorMessage())

	_, err = c.logs.DeleteMetricFilter(ctx, &cloudwatchlogs.DeleteMetricFilterInput{LogGroupName: aws.String(strings.Repeat("g", 513)), FilterName: aws.String("f")})
	var inv *types.InvalidParameterException
	require.True(t, errors.As(err, &inv), "got %v", err)
	assert.Equal(t, "Invalid LogGroup or LogStream, both must have length less than or equal to 512.", inv.ErrorMessage())
}
