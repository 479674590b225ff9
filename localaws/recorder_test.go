package localaws_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

// cisCloudTrailChanges is CIS AWS Foundations' CloudTrail configuration
// changes pattern.
const cisCloudTrailChanges = `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`

// record is the part of a CloudTrail record the tests read.
type record struct {
	EventVersion string `json:"eventVersion"`
	UserIdentity struct {
		Type           string `json:"type"`
		Arn            string `json:"arn"`
		AccountID      string `json:"accountId"`
		AccessKeyID    string `json:"accessKeyId"`
		SessionContext *struct {
			SessionIssuer struct {
				Arn string `json:"arn"`
			} `json:"sessionIssuer"`
		} `json:"sessionContext"`
	} `json:"userIdentity"`
	EventTime          string         `json:"eventTime"`
	EventSource        string         `json:"eventSource"`
	EventName          string         `json:"eventName"`
	AWSRegion          string         `json:"awsRegion"`
	SourceIPAddress    string         `json:"sourceIPAddress"`
	UserAgent          string         `json:"userAgent"`
	ErrorCode          string         `json:"errorCode"`
	ErrorMessage       string         `json:"errorMessage"`
	RequestParameters  map[string]any `json:"requestParameters"`
	ResponseElements   map[string]any `json:"responseElements"`
	RequestID          string         `json:"requestID"`
	EventID            string         `json:"eventID"`
	ReadOnly           bool           `json:"readOnly"`
	EventType          string         `json:"eventType"`
	ManagementEvent    bool           `json:"managementEvent"`
	RecipientAccountID string         `json:"recipientAccountId"`
}

// trailEvents returns the records delivered to a log group, by stream.
func trailEvents(t *testing.T, logs *cloudwatchlogs.Client, group string) map[string][]record {
	t.Helper()
	out, err := logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String(group)})
	require.NoError(t, err)
	byStream := map[string][]record{}
	for _, e := range out.Events {
		var r record
		require.NoError(t, json.Unmarshal([]byte(aws.ToString(e.Message)), &r), aws.ToString(e.Message))
		byStream[aws.ToString(e.LogStreamName)] = append(byStream[aws.ToString(e.LogStreamName)], r)
	}
	return byStream
}

func names(rs []record) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.EventSource + " " + r.EventName
	}
	return out
}

// connectedTrail connects a logging trail "main" to CloudTrail/logs, as the
// guide does, and returns the IAM client.
func connectedTrail(t *testing.T, c *clients) *iam.Client {
	t.Helper()
	client := connectable(t, c, "", "")
	_, err := c.trail.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("main"), S3BucketName: aws.String("b"),
		CloudWatchLogsLogGroupArn: aws.String(trailGroupARN), CloudWatchLogsRoleArn: aws.String(trailRoleARN)})
	require.NoError(t, err)
	_, err = c.trail.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String("main")})
	require.NoError(t, err)
	return client
}

// TestTheChainEndToEnd: a call to the endpoint becomes a CloudTrail record
// in the trail's log group, moves the CIS metric, and the alarm notifies
// the topic at the period boundary.
func TestTheChainEndToEnd(t *testing.T) {
	clk := localawstest.NewClock(time.Date(2026, 12, 3, 10, 1, 0, 0, time.UTC))
	c := newClients(t, localaws.Options{Now: clk.Now})
	_, err := c.logs.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{LogGroupName: aws.String("CloudTrail/logs"),
		FilterName: aws.String("cis-cloudtrail-changes"), FilterPattern: aws.String(cisCloudTrailChanges),
		MetricTransformations: []logtypes.MetricTransformation{{MetricName: aws.String("CloudTrailEventCount"), MetricNamespace: aws.String("CISBenchmark"), MetricValue: aws.String("1")}}})
	code, _, _ := apiError(t, err)
	require.Equal(t, "ResourceNotFoundException", code, "the log group does not exist yet")

	connectedTrail(t, c)
	_, err = c.logs.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{LogGroupName: aws.String("CloudTrail/logs"),
		FilterName: aws.String("cis-cloudtrail-changes"), FilterPattern: aws.String(cisCloudTrailChanges),
		MetricTransformations: []logtypes.MetricTransformation{{MetricName: aws.String("CloudTrailEventCount"), MetricNamespace: aws.String("CISBenchmark"), MetricValue: aws.String("1")}}})
	require.NoError(t, err)
	topic, err := c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("cis-alarms")})
	require.NoError(t, err)
	_, err = c.cw.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String("cloudtrail-changes"),
		MetricName: aws.String("CloudTrailEventCount"), Namespace: aws.String("CISBenchmark"), Statistic: cwtypes.StatisticSum,
		Period: aws.Int32(300), EvaluationPeriods: aws.Int32(1), Threshold: aws.Float64(1),
		ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanOrEqualToThreshold, TreatMissingData: aws.String("notBreaching"),
		AlarmActions: []string{aws.ToString(topic.TopicArn)}})
	require.NoError(t, err)

	// Someone creates a second trail: a CIS CloudTrail change.
	clk.Add(time.Minute)
	_, err = c.trail.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("second"), S3BucketName: aws.String("b2")})
	require.NoError(t, err)
	_, err = c.logs.PutLogEvents(ctx, &cloudwatchlogs.PutLogEventsInput{LogGroupName: aws.String("CloudTrail/logs"), LogStreamName: aws.String("123456789012_CloudTrail_us-east-1"),
		LogEvents: []logtypes.InputLogEvent{{Timestamp: aws.Int64(clk.Now().UnixMilli()), Message: aws.String(`{"note":"written by hand"}`)}}})
	require.NoError(t, err, "CloudTrail created the stream")
	_, err = iam.NewFromConfig(c.srv.Config()).GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("nobody")})
	require.Error(t, err)

	got := trailEvents(t, c.logs, "CloudTrail/logs")
	require.Len(t, got, 1, "one stream: %v", got)
	recs := got["123456789012_CloudTrail_us-east-1"]
	// StartLogging is recorded by the trail it starts; PutLogEvents is a
	// data event and is not recorded; the hand-written event is there.
	assert.Equal(t, []string{
		"cloudtrail.amazonaws.com StartLogging",
		"logs.amazonaws.com PutMetricFilter",
		"sns.amazonaws.com CreateTopic",
		"monitoring.amazonaws.com PutMetricAlarm",
		"cloudtrail.amazonaws.com CreateTrail",
		" ",
		"iam.amazonaws.com GetRole",
	}, names(recs))

	create := recs[4]
	assert.Equal(t, "1.09", create.EventVersion)
	assert.Equal(t, "IAMUser", create.UserIdentity.Type)
	assert.Equal(t, "arn:aws:iam::123456789012:user/cwpat-local", create.UserIdentity.Arn)
	assert.Equal(t, "AKIDLOCALTEST", create.UserIdentity.AccessKeyID)
	assert.Equal(t, "2026-12-03T10:02:00Z", create.EventTime)
	assert.Equal(t, "us-east-1", create.AWSRegion)
	assert.Equal(t, "127.0.0.1", create.SourceIPAddress)
	assert.Contains(t, create.UserAgent, "aws-sdk-go-v2")
	assert.Equal(t, map[string]any{"name": "second", "s3BucketName": "b2", "isMultiRegionTrail": false,
		"enableLogFileValidation": false, "isOrganizationTrail": false}, create.RequestParameters)
	assert.Equal(t, "arn:aws:cloudtrail:us-east-1:123456789012:trail/second", create.ResponseElements["trailARN"])
	assert.NotContains(t, create.ResponseElements, "homeRegion")
	assert.False(t, create.ReadOnly)
	assert.Equal(t, "AwsApiCall", create.EventType)
	assert.True(t, create.ManagementEvent)
	assert.Equal(t, "123456789012", create.RecipientAccountID)
	assert.Regexp(t, `^[0-9a-f-]{36}$`, create.EventID)
	assert.NotEmpty(t, create.RequestID)

	refused := recs[6]
	assert.Equal(t, "NoSuchEntity", refused.ErrorCode)
	assert.Equal(t, "The role with name nobody cannot be found.", refused.ErrorMessage)
	assert.True(t, refused.ReadOnly)
	assert.Nil(t, refused.ResponseElements)

	// The CIS metric counted CreateTrail (StartLogging came before the
	// filter); the alarm fires at the boundary of the period it fell in.
	assert.Empty(t, c.srv.Published(aws.ToString(topic.TopicArn)))
	clk.Add(3 * time.Minute) // 10:05
	c.srv.EvaluateAlarms()
	alarms, err := c.cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{"cloudtrail-changes"}})
	require.NoError(t, err)
	assert.Equal(t, cwtypes.StateValueAlarm, alarms.MetricAlarms[0].StateValue)
	msgs := c.srv.Published(aws.ToString(topic.TopicArn))
	require.Len(t, msgs, 1)
	assert.Contains(t, msgs[0].Body, `"NewStateValue":"ALARM"`)

	st, err := c.trail.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("main")})
	require.NoError(t, err)
	assert.Nil(t, st.LatestCloudWatchLogsDeliveryError)
	assert.Equal(t, clk.Now(), aws.ToTime(st.LatestCloudWatchLogsDeliveryTime), "the GetTrailStatus call itself was just delivered")
}

// TestABrokenRoleDeliversNothing: once the role's trust or permissions no
// longer let CloudTrail write, GetTrailStatus shows CloudTrail's error and
// no record arrives.
func TestABrokenRoleDeliversNothing(t *testing.T) {
	breaks := []struct {
		name  string
		do    func(t *testing.T, client *iam.Client)
		error string
	}{
		{"a trust policy for another service", func(t *testing.T, client *iam.Client) {
			_, err := client.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role"),
				PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)})
			require.NoError(t, err)
		}, "Access denied. Check the trust relationships for your role."},
		{"no permission policy", func(t *testing.T, client *iam.Client) {
			_, err := client.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role"), PolicyName: aws.String("cloudtrail-policy")})
			require.NoError(t, err)
		}, "Access denied. Check the permissions for your role."},
		{"a trust with a condition the endpoint cannot judge", func(t *testing.T, client *iam.Client) {
			_, err := client.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role"),
				PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}]}`)})
			require.NoError(t, err)
		}, "Access denied. Check the trust relationships for your role."},
	}
	for _, tc := range breaks {
		t.Run(tc.name, func(t *testing.T) {
			c := newClients(t)
			client := connectedTrail(t, c)
			tc.do(t, client)
			before := len(trailEvents(t, c.logs, "CloudTrail/logs")["123456789012_CloudTrail_us-east-1"])
			_, err := c.cw.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String("a"), MetricName: aws.String("M"), Namespace: aws.String("N"),
				Statistic: cwtypes.StatisticSum, Period: aws.Int32(300), EvaluationPeriods: aws.Int32(1), Threshold: aws.Float64(1),
				ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanOrEqualToThreshold})
			require.NoError(t, err)
			st, err := c.trail.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("main")})
			require.NoError(t, err)
			assert.Equal(t, tc.error, aws.ToString(st.LatestCloudWatchLogsDeliveryError))
			after := trailEvents(t, c.logs, "CloudTrail/logs")["123456789012_CloudTrail_us-east-1"]
			assert.Len(t, after, before, "no record arrives: %v", names(after))
		})
	}
}

// TestRecordsNameAssumedRoles: calls made with AssumeRole's credentials
// are recorded as the assumed role, in the role's account.
func TestRecordsNameAssumedRoles(t *testing.T) {
	c := newClients(t)
	client := connectedTrail(t, c)
	_, err := client.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("ops"),
		AssumeRolePolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}]}`)})
	require.NoError(t, err)
	creds, err := sts.NewFromConfig(c.srv.Config()).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/ops"), RoleSessionName: aws.String("alice")})
	require.NoError(t, err)
	cfg := c.srv.Config()
	cfg.Credentials = credentials.NewStaticCredentialsProvider(aws.ToString(creds.Credentials.AccessKeyId), aws.ToString(creds.Credentials.SecretAccessKey), aws.ToString(creds.Credentials.SessionToken))
	_, err = cloudtrail.NewFromConfig(cfg).StopLogging(ctx, &cloudtrail.StopLoggingInput{Name: aws.String("main")})
	require.NoError(t, err)

	recs := trailEvents(t, c.logs, "CloudTrail/logs")["123456789012_CloudTrail_us-east-1"]
	last := recs[len(recs)-1]
	assert.Equal(t, "StopLogging", last.EventName, "the trail records its own stop")
	assert.Equal(t, "AssumedRole", last.UserIdentity.Type)
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/ops/alice", last.UserIdentity.Arn)
	require.NotNil(t, last.UserIdentity.SessionContext)
	assert.Equal(t, "arn:aws:iam::123456789012:role/ops", last.UserIdentity.SessionContext.SessionIssuer.Arn)
	assume := recs[len(recs)-2]
	assert.Equal(t, "sts.amazonaws.com AssumeRole", assume.EventSource+" "+assume.EventName)
	assert.True(t, assume.ReadOnly)
	require.Contains(t, assume.ResponseElements, "credentials")
	assert.Contains(t, assume.ResponseElements["credentials"], "accessKeyId")
	assert.NotContains(t, assume.ResponseElements["credentials"], "secretAccessKey")

	// A stopped trail records nothing more.
	_, err = c.trail.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
	require.NoError(t, err)
	assert.Len(t, trailEvents(t, c.logs, "CloudTrail/logs")["123456789012_CloudTrail_us-east-1"], len(recs))
}

// TestOrganizationTrailRecordsMemberAccounts: a member account's calls go
// to the management account's log group, in the o-ORGID_ streams.
func TestOrganizationTrailRecordsMemberAccounts(t *testing.T) {
	c := newClients(t)
	const mgmt, member = "111111111111", "222222222222"
	c.srv.PutOrganization(localaws.Organization{ID: "o-exampleorgid", ManagementAccount: mgmt, Members: []string{member}})
	mcfg := c.srv.ConfigFor("us-east-1", mgmt)
	logs := cloudwatchlogs.NewFromConfig(mcfg)
	_, err := logs.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("CloudTrail/org")})
	require.NoError(t, err)
	client := iam.NewFromConfig(mcfg)
	_, err = client.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("ct"), AssumeRolePolicyDocument: aws.String(cloudTrailTrust)})
	require.NoError(t, err)
	// The guide's policy for trails of the account and of its organization.
	stream := "arn:aws:logs:us-east-1:111111111111:log-group:CloudTrail/org:log-stream:"
	perms := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":["` +
		stream + `111111111111_CloudTrail_us-east-1*","` + stream + `o-exampleorgid_*"]}]}`
	_, err = client.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("ct"), PolicyName: aws.String("p"), PolicyDocument: aws.String(perms)})
	require.NoError(t, err)
	ct := cloudtrail.NewFromConfig(mcfg)
	_, err = ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("org"), S3BucketName: aws.String("b"), IsOrganizationTrail: aws.Bool(true),
		IsMultiRegionTrail: aws.Bool(true), CloudWatchLogsLogGroupArn: aws.String("arn:aws:logs:us-east-1:111111111111:log-group:CloudTrail/org:*"),
		CloudWatchLogsRoleArn: aws.String("arn:aws:iam::111111111111:role/ct")})
	require.NoError(t, err)
	_, err = ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String("org")})
	require.NoError(t, err)

	_, err = cloudwatchlogs.NewFromConfig(c.srv.ConfigFor("eu-west-1", member)).CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("app")})
	require.NoError(t, err)
	_, err = c.logs.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("outside")})
	require.NoError(t, err)

	got := trailEvents(t, logs, "CloudTrail/org")
	assert.Equal(t, []string{"logs.amazonaws.com CreateLogGroup"}, names(got["o-exampleorgid_222222222222_CloudTrail_us-east-1"]))
	assert.Equal(t, []string{"cloudtrail.amazonaws.com StartLogging"}, names(got["o-exampleorgid_111111111111_CloudTrail_us-east-1"]))
	assert.Len(t, got, 2, "the account outside the organization is not recorded: %v", got)
	rec := got["o-exampleorgid_222222222222_CloudTrail_us-east-1"][0]
	assert.Equal(t, "eu-west-1", rec.AWSRegion)
	assert.Equal(t, member, rec.RecipientAccountID)
}

// TestTrailDelayHoldsRecordsBack: with Options.TrailDelay records arrive
// that long after their call, stamped with the call's time.
func TestTrailDelayHoldsRecordsBack(t *testing.T) {
	clk := localawstest.NewClock(time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC))
	c := newClients(t, localaws.Options{Now: clk.Now, TrailDelay: 5 * time.Minute})
	connectedTrail(t, c)
	clk.Add(time.Minute)
	_, err := c.trail.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("second"), S3BucketName: aws.String("b")})
	require.NoError(t, err)
	assert.Empty(t, trailEvents(t, c.logs, "CloudTrail/logs"))

	clk.Add(4 * time.Minute) // 10:05: StartLogging (10:00) is due, CreateTrail (10:01) is not.
	c.srv.DeliverTrailEvents()
	out, err := c.logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String("CloudTrail/logs")})
	require.NoError(t, err)
	require.Len(t, out.Events, 1)
	assert.Equal(t, time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC).UnixMilli(), aws.ToInt64(out.Events[0].Timestamp))
	assert.Equal(t, clk.Now().UnixMilli(), aws.ToInt64(out.Events[0].IngestionTime))

	clk.Add(time.Minute)
	c.srv.DeliverTrailEvents()
	assert.Equal(t, []string{"cloudtrail.amazonaws.com StartLogging", "cloudtrail.amazonaws.com CreateTrail"},
		names(trailEvents(t, c.logs, "CloudTrail/logs")["123456789012_CloudTrail_us-east-1"]))
}

// TestATrailRecordsItsOwnEnd: DeleteTrail is delivered by the trail it
// deletes; deleting the log group leaves CloudTrail an error to report.
func TestATrailRecordsItsOwnEnd(t *testing.T) {
	c := newClients(t)
	connectedTrail(t, c)
	_, err := c.trail.DeleteTrail(ctx, &cloudtrail.DeleteTrailInput{Name: aws.String("main")})
	require.NoError(t, err)
	recs := trailEvents(t, c.logs, "CloudTrail/logs")["123456789012_CloudTrail_us-east-1"]
	require.NotEmpty(t, recs)
	assert.Equal(t, "DeleteTrail", recs[len(recs)-1].EventName)

	c = newClients(t)
	connectedTrail(t, c)
	_, err = c.logs.DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String("CloudTrail/logs")})
	require.NoError(t, err)
	st, err := c.trail.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("main")})
	require.NoError(t, err)
	assert.Equal(t, "The specified log group does not exist.", aws.ToString(st.LatestCloudWatchLogsDeliveryError))
	assert.NotNil(t, st.LatestCloudWatchLogsDeliveryTime, "the last delivery that worked is still reported")
}

// TestSetTrailDeliveryPinsTheStatus: a test's own calls are deliveries, so
// the status SetTrailDelivery sets stays while records keep arriving.
func TestSetTrailDeliveryPinsTheStatus(t *testing.T) {
	c := newClients(t)
	connectedTrail(t, c)
	stale := time.Now().Add(-72 * time.Hour).Truncate(time.Millisecond).UTC()
	require.NoError(t, c.srv.SetTrailDelivery("", "us-east-1", "main", stale, ""))
	n := len(trailEvents(t, c.logs, "CloudTrail/logs")["123456789012_CloudTrail_us-east-1"])
	st, err := c.trail.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("main")})
	require.NoError(t, err)
	assert.Equal(t, stale, aws.ToTime(st.LatestCloudWatchLogsDeliveryTime).UTC())
	assert.Len(t, trailEvents(t, c.logs, "CloudTrail/logs")["123456789012_CloudTrail_us-east-1"], n+1, "GetTrailStatus arrived (FilterLogEvents is a data event)")

	// Disconnecting releases the pin.
	_, err = c.trail.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String("main"), CloudWatchLogsLogGroupArn: aws.String(""), CloudWatchLogsRoleArn: aws.String("")})
	require.NoError(t, err)
	st, err = c.trail.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("main")})
	require.NoError(t, err)
	assert.Nil(t, st.LatestCloudWatchLogsDeliveryTime)
}
