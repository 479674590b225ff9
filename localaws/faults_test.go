package localaws_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
)

// A failure halfway through an apply: the third PutMetricAlarm fails, the
// others succeed, and the typed error reaches the caller.
func TestFailNextHalfwayThroughASequence(t *testing.T) {
	c := newClients(t)
	c.srv.FailNext(localaws.Fault{Service: localaws.ServiceCloudWatch, Operation: "PutMetricAlarm", After: 2,
		Code: "LimitExceededFault", QueryCode: "LimitExceeded", Message: "The maximum number of alarms has been reached."})
	var failed []string
	for _, name := range []string{"a1", "a2", "a3", "a4"} {
		_, err := c.cw.PutMetricAlarm(ctx, alarmInput(name))
		if err != nil {
			var limit *cwtypes.LimitExceededFault
			require.ErrorAs(t, err, &limit)
			assert.Equal(t, "The maximum number of alarms has been reached.", limit.ErrorMessage())
			failed = append(failed, name)
		}
	}
	assert.Equal(t, []string{"a3"}, failed)
	alarms := c.srv.Snapshot("", "us-east-1").Alarms
	assert.Len(t, alarms, 3)
	assert.NotContains(t, alarms, "a3")
}

func TestFailNextOverQueryUsesTheQueryCode(t *testing.T) {
	c := newClients(t)
	c.srv.FailNext(localaws.Fault{Operation: "DescribeAlarms", Code: "InvalidNextToken", Message: "bad token"})
	_, err := c.cwQuery.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{})
	var tok *cwtypes.InvalidNextToken
	require.ErrorAs(t, err, &tok)
	assert.Equal(t, "bad token", tok.ErrorMessage())
}

func TestServerFaultsAreRetried(t *testing.T) {
	c := newClients(t)
	c.srv.FailNext(localaws.Fault{Operation: "CreateLogGroup", Times: 2, Code: "ServiceUnavailableException", Status: 500})
	_, err := c.logs.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("g")})
	require.NoError(t, err, "the SDK retries 5xx twice and succeeds on the third attempt")
	assert.Equal(t, []string{"ServiceUnavailableException", "ServiceUnavailableException", ""}, errorCodes(c.srv.Calls(), "CreateLogGroup"))

	c.srv.FailNext(localaws.Fault{Operation: "CreateLogGroup", Times: 3, Code: "ServiceUnavailableException", Status: 500})
	_, err = c.logs.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("h")})
	var unavailable *types.ServiceUnavailableException
	require.ErrorAs(t, err, &unavailable, "three failures exhaust the default three attempts")
}

func TestThrottlingIsRetriedInEveryProtocol(t *testing.T) {
	c := newClients(t)
	c.srv.Throttle(localaws.ServiceLogs, "DescribeMetricFilters", 2)
	_, err := c.logs.DescribeMetricFilters(ctx, &cloudwatchlogs.DescribeMetricFiltersInput{})
	require.NoError(t, err)

	c.srv.Throttle(localaws.ServiceCloudWatch, "DescribeAlarms", 2)
	_, err = c.cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{})
	require.NoError(t, err)

	c.srv.Throttle(localaws.ServiceCloudWatch, "DescribeAlarms", 2)
	_, err = c.cwQuery.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{})
	require.NoError(t, err)

	c.srv.Throttle(localaws.ServiceSNS, "ListTopics", 2)
	_, err = c.sns.ListTopics(ctx, &sns.ListTopicsInput{})
	require.NoError(t, err)

	var codes []string
	for _, call := range c.srv.Calls() {
		codes = append(codes, call.Protocol+" "+call.Operation+" "+call.ErrorCode)
	}
	assert.Equal(t, []string{
		"awsJson1_1 DescribeMetricFilters ThrottlingException", "awsJson1_1 DescribeMetricFilters ThrottlingException", "awsJson1_1 DescribeMetricFilters ",
		"rpcv2Cbor DescribeAlarms ThrottlingException", "rpcv2Cbor DescribeAlarms ThrottlingException", "rpcv2Cbor DescribeAlarms ",
		"awsQuery DescribeAlarms ThrottlingException", "awsQuery DescribeAlarms ThrottlingException", "awsQuery DescribeAlarms ",
		"awsQuery ListTopics Throttling", "awsQuery ListTopics Throttling", "awsQuery ListTopics ",
	}, codes)

	c.srv.Throttle("", "ListTopics", 5)
	_, err = c.sns.ListTopics(ctx, &sns.ListTopicsInput{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Throttling")
	c.srv.ClearFaults()
	_, err = c.sns.ListTopics(ctx, &sns.ListTopicsInput{})
	require.NoError(t, err)
}

func errorCodes(calls []localaws.Call, op string) []string {
	var out []string
	for _, c := range calls {
		if c.Operation == op {
			out = append(out, c.ErrorCode)
		}
	}
	return out
}
