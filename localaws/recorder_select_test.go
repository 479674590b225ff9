package localaws_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

// TestWhichTrailsRecordWhat: a trail records the calls its region scope,
// global-service setting and event selectors take, and no others.
func TestWhichTrailsRecordWhat(t *testing.T) {
	const stream = "123456789012_CloudTrail_us-east-1"
	cases := []struct {
		name  string
		setup func(t *testing.T, c *clients)
		want  []string
	}{
		{"the default selector takes every management call, IAM's in us-east-1", nil, []string{
			"logs.amazonaws.com CreateLogGroup eu-west-1", "cloudtrail.amazonaws.com DescribeTrails us-east-1", "iam.amazonaws.com CreateRole us-east-1"}},
		{"a single-Region trail leaves other Regions out", func(t *testing.T, c *clients) {
			_, err := c.trail.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String("main"), IsMultiRegionTrail: aws.Bool(false)})
			require.NoError(t, err)
		}, []string{"cloudtrail.amazonaws.com UpdateTrail us-east-1", "cloudtrail.amazonaws.com DescribeTrails us-east-1", "iam.amazonaws.com CreateRole us-east-1"}},
		{"without global service events IAM is left out", func(t *testing.T, c *clients) {
			_, err := c.trail.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String("main"), IncludeGlobalServiceEvents: aws.Bool(false)})
			require.NoError(t, err)
		}, []string{"cloudtrail.amazonaws.com UpdateTrail us-east-1", "logs.amazonaws.com CreateLogGroup eu-west-1", "cloudtrail.amazonaws.com DescribeTrails us-east-1"}},
		{"WriteOnly leaves reads out", func(t *testing.T, c *clients) {
			_, err := c.trail.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{TrailName: aws.String("main"),
				EventSelectors: []cttypes.EventSelector{{ReadWriteType: cttypes.ReadWriteTypeWriteOnly, IncludeManagementEvents: aws.Bool(true)}}})
			require.NoError(t, err)
		}, []string{"cloudtrail.amazonaws.com PutEventSelectors us-east-1", "logs.amazonaws.com CreateLogGroup eu-west-1", "iam.amazonaws.com CreateRole us-east-1"}},
		{"an excluded event source is left out", func(t *testing.T, c *clients) {
			_, err := c.trail.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{TrailName: aws.String("main"),
				EventSelectors: []cttypes.EventSelector{{ReadWriteType: cttypes.ReadWriteTypeAll, ExcludeManagementEventSources: []string{"logs.amazonaws.com"}}}})
			require.NoError(t, err)
		}, []string{"cloudtrail.amazonaws.com PutEventSelectors us-east-1", "cloudtrail.amazonaws.com DescribeTrails us-east-1", "iam.amazonaws.com CreateRole us-east-1"}},
		{"an advanced selector for write management events", func(t *testing.T, c *clients) {
			_, err := c.trail.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{TrailName: aws.String("main"),
				AdvancedEventSelectors: []cttypes.AdvancedEventSelector{{FieldSelectors: []cttypes.AdvancedFieldSelector{
					{Field: aws.String("eventCategory"), Equals: []string{"Management"}}, {Field: aws.String("readOnly"), Equals: []string{"false"}}}}}})
			require.NoError(t, err)
		}, []string{"cloudtrail.amazonaws.com PutEventSelectors us-east-1", "logs.amazonaws.com CreateLogGroup eu-west-1", "iam.amazonaws.com CreateRole us-east-1"}},
		{"an advanced selector for data events only", func(t *testing.T, c *clients) {
			_, err := c.trail.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{TrailName: aws.String("main"),
				AdvancedEventSelectors: []cttypes.AdvancedEventSelector{{FieldSelectors: []cttypes.AdvancedFieldSelector{
					{Field: aws.String("eventCategory"), Equals: []string{"Data"}}, {Field: aws.String("resources.type"), Equals: []string{"AWS::S3::Object"}}}}}})
			require.NoError(t, err)
		}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newClients(t)
			connectable(t, c, "", "")
			_, err := c.trail.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("main"), S3BucketName: aws.String("b"), IsMultiRegionTrail: aws.Bool(true),
				CloudWatchLogsLogGroupArn: aws.String(trailGroupARN), CloudWatchLogsRoleArn: aws.String(trailRoleARN)})
			require.NoError(t, err)
			if tc.setup != nil {
				tc.setup(t, c)
			}
			_, err = c.trail.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String("main")})
			require.NoError(t, err)
			n := len(trailEvents(t, c.logs, "CloudTrail/logs")[stream])
			// The setup call was made before StartLogging; make it again
			// so that a trail that takes it shows it.
			if tc.setup != nil {
				tc.setup(t, c)
			}
			_, err = cloudwatchlogs.NewFromConfig(c.srv.ConfigFor("eu-west-1", "AKIDLOCALTEST")).CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("eu")})
			require.NoError(t, err)
			_, err = c.trail.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
			require.NoError(t, err)
			_, err = iam.NewFromConfig(c.srv.Config()).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("x"), AssumeRolePolicyDocument: aws.String(cloudTrailTrust)})
			require.NoError(t, err)
			var got []string
			for _, r := range trailEvents(t, c.logs, "CloudTrail/logs")[stream][n:] {
				got = append(got, r.EventSource+" "+r.EventName+" "+r.AWSRegion)
			}
			// A multi-Region trail writes eu-west-1's call to the stream
			// named for its home Region; the record keeps the call's Region.
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestExpiredCredentialsAreRefused(t *testing.T) {
	clk := localawstest.NewClock(time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC))
	c := newClients(t, localaws.Options{Now: clk.Now})
	_, err := iam.NewFromConfig(c.srv.Config()).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("ops"),
		AssumeRolePolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/cwpat-local"},"Action":"sts:AssumeRole"}]}`)})
	require.NoError(t, err)
	out, err := sts.NewFromConfig(c.srv.Config()).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/ops"),
		RoleSessionName: aws.String("s1"), DurationSeconds: aws.Int32(900)})
	require.NoError(t, err)
	assert.Equal(t, clk.Now().Add(15*time.Minute), aws.ToTime(out.Credentials.Expiration))
	cfg := c.srv.Config()
	cfg.Credentials = credentials.NewStaticCredentialsProvider(aws.ToString(out.Credentials.AccessKeyId), aws.ToString(out.Credentials.SecretAccessKey), aws.ToString(out.Credentials.SessionToken))
	logs := cloudwatchlogs.NewFromConfig(cfg)
	_, err = logs.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{})
	require.NoError(t, err)
	clk.Add(15 * time.Minute)
	_, err = logs.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{})
	code, msg, _ := apiError(t, err)
	assert.Equal(t, "ExpiredTokenException", code)
	assert.Equal(t, "The security token included in the request is expired", msg)
	_, err = sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	code, _, _ = apiError(t, err)
	assert.Equal(t, "ExpiredToken", code, "the query protocol's code")
}

// TestRecordsOver256KBAreNotDelivered: CloudTrail sends no event bigger
// than CloudWatch Logs takes.
func TestRecordsOver256KBAreNotDelivered(t *testing.T) {
	c := newClients(t)
	connectedTrail(t, c)
	n := len(trailEvents(t, c.logs, "CloudTrail/logs")["123456789012_CloudTrail_us-east-1"])
	big := strings.Repeat("x", 100_000)
	_, err := c.logs.TestMetricFilter(ctx, &cloudwatchlogs.TestMetricFilterInput{FilterPattern: aws.String("x"), LogEventMessages: []string{big, big, big}})
	require.NoError(t, err)
	_, err = c.logs.TestMetricFilter(ctx, &cloudwatchlogs.TestMetricFilterInput{FilterPattern: aws.String("x"), LogEventMessages: []string{big}})
	require.NoError(t, err)
	recs := trailEvents(t, c.logs, "CloudTrail/logs")["123456789012_CloudTrail_us-east-1"][n:]
	require.Len(t, recs, 1, "the 300 KB record is dropped, the 100 KB one arrives")
	assert.Len(t, recs[0].RequestParameters["logEventMessages"], 1)
}
