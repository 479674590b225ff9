package localaws_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
)

const (
	trailGroupARN = "arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/logs:*"
	trailRoleARN  = "arn:aws:iam::123456789012:role/CloudTrail_CloudWatchLogs_Role"
)

// connectable creates, in the default account, what the CloudTrail guide
// asks for: the log group CloudTrail/logs and the role with the guide's
// trust and permission policies (trust and perms replace them when set).
func connectable(t *testing.T, c *clients, trust, perms string) *iam.Client {
	t.Helper()
	if trust == "" {
		trust = cloudTrailTrust
	}
	if perms == "" {
		perms = cloudTrailLogs
	}
	mustCreateGroup(t, c, "CloudTrail/logs")
	client := iam.NewFromConfig(c.srv.Config())
	_, err := client.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role"), AssumeRolePolicyDocument: aws.String(trust)})
	require.NoError(t, err)
	_, err = client.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role"),
		PolicyName: aws.String("cloudtrail-policy"), PolicyDocument: aws.String(perms)})
	require.NoError(t, err)
	return client
}

func TestUpdateTrailConnectsAndDisconnects(t *testing.T) {
	c := newClients(t)
	connectable(t, c, "", "")
	_, err := c.trail.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("main"), S3BucketName: aws.String("b")})
	require.NoError(t, err)

	up, err := c.trail.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String("main"),
		CloudWatchLogsLogGroupArn: aws.String(trailGroupARN), CloudWatchLogsRoleArn: aws.String(trailRoleARN)})
	require.NoError(t, err)
	assert.Equal(t, trailGroupARN, aws.ToString(up.CloudWatchLogsLogGroupArn))
	assert.Equal(t, "b", aws.ToString(up.S3BucketName), "members not given are kept")
	d, err := c.trail.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{TrailNameList: []string{"main"}})
	require.NoError(t, err)
	require.Len(t, d.TrailList, 1)
	assert.Equal(t, trailRoleARN, aws.ToString(d.TrailList[0].CloudWatchLogsRoleArn))

	// Stopping delivery as the guide does: both ARNs set to "".
	_, err = c.trail.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String("main"),
		CloudWatchLogsLogGroupArn: aws.String(""), CloudWatchLogsRoleArn: aws.String("")})
	require.NoError(t, err)
	d, err = c.trail.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{TrailNameList: []string{"main"}})
	require.NoError(t, err)
	assert.Nil(t, d.TrailList[0].CloudWatchLogsLogGroupArn)
	assert.Nil(t, d.TrailList[0].CloudWatchLogsRoleArn)
}

// TestCloudTrailRefusesADeliveryItCannotMake: each case is refused with
// CloudTrail's code and leaves the trail unconnected.
func TestCloudTrailRefusesADeliveryItCannotMake(t *testing.T) {
	otherTrust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	conditioned := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceArn":"arn:aws:cloudtrail:us-east-1:123456789012:trail/other"}}}]}`
	onlyCreate := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:CreateLogStream","Resource":"*"}]}`
	otherStreams := strings.ReplaceAll(cloudTrailLogs, "123456789012_CloudTrail_us-east-1*", "999999999999_CloudTrail_us-east-1*")
	cases := []struct {
		name, trust, perms, group, role, code, msg string
	}{
		{"a role CloudTrail may not assume", otherTrust, "", trailGroupARN, trailRoleARN,
			"InvalidCloudWatchLogsRoleArnException", "Access denied. Check the trust relationships for your role."},
		{"a trust limited to another trail", conditioned, "", trailGroupARN, trailRoleARN,
			"InvalidCloudWatchLogsRoleArnException", "Access denied. Check the trust relationships for your role."},
		{"a role that may not put events", "", onlyCreate, trailGroupARN, trailRoleARN,
			"InvalidCloudWatchLogsLogGroupArnException", "Access denied. Check the permissions for your role."},
		{"a policy for another account's streams", "", otherStreams, trailGroupARN, trailRoleARN,
			"InvalidCloudWatchLogsLogGroupArnException", "Access denied. Check the permissions for your role."},
		{"a role that does not exist", "", "", trailGroupARN, "arn:aws:iam::123456789012:role/missing",
			"InvalidCloudWatchLogsRoleArnException", "Access denied. Check the trust relationships for your role."},
		{"a log group that does not exist", "", "", "arn:aws:logs:us-east-1:123456789012:log-group:missing:*", trailRoleARN,
			"InvalidCloudWatchLogsLogGroupArnException", "The specified log group does not exist."},
		{"a log group in another account", "", "", "arn:aws:logs:us-east-1:222233334444:log-group:CloudTrail/logs:*", trailRoleARN,
			"InvalidCloudWatchLogsLogGroupArnException", "CloudTrail cannot validate the specified log group ARN."},
		{"a log group in another region", "", "", "arn:aws:logs:eu-west-1:123456789012:log-group:CloudTrail/logs:*", trailRoleARN,
			"InvalidCloudWatchLogsLogGroupArnException", "CloudTrail cannot validate the specified log group ARN."},
		{"a log group ARN without :*", "", "", strings.TrimSuffix(trailGroupARN, ":*"), trailRoleARN,
			"InvalidCloudWatchLogsLogGroupArnException", "CloudTrail cannot validate the specified log group ARN."},
		{"a log group without a role", "", "", trailGroupARN, "",
			"InvalidCloudWatchLogsRoleArnException", "You must specify a role ARN as well as a log group."},
		{"a role without a log group", "", "", "", trailRoleARN,
			"InvalidCloudWatchLogsLogGroupArnException", "You must specify a log group as well as a role ARN."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newClients(t)
			connectable(t, c, tc.trust, tc.perms)
			_, err := c.trail.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("connected"), S3BucketName: aws.String("b"),
				CloudWatchLogsLogGroupArn: aws.String(tc.group), CloudWatchLogsRoleArn: aws.String(tc.role)})
			code, msg, _ := apiError(t, err)
			assert.Equal(t, tc.code, code)
			assert.Equal(t, tc.msg, msg)
			assert.Empty(t, c.srv.Snapshot("", "us-east-1").Trails, "a refused CreateTrail stores nothing")

			_, err = c.trail.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("main"), S3BucketName: aws.String("b")})
			require.NoError(t, err)
			_, err = c.trail.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String("main"),
				CloudWatchLogsLogGroupArn: aws.String(tc.group), CloudWatchLogsRoleArn: aws.String(tc.role)})
			code, msg, _ = apiError(t, err)
			assert.Equal(t, tc.code, code)
			assert.Equal(t, tc.msg, msg)
			d, err := c.trail.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
			require.NoError(t, err)
			assert.Nil(t, d.TrailList[0].CloudWatchLogsLogGroupArn, "a refused UpdateTrail changes nothing")
		})
	}
}

// TestCreateTrailAnswersOnlyWhatAWSAnswers posts CreateTrail by hand: the
// reply carries CreateTrail's response members, not the trail object's.
func TestCreateTrailAnswersOnlyWhatAWSAnswers(t *testing.T) {
	c := newClients(t)
	connectable(t, c, "", "")
	body := `{"Name":"main","S3BucketName":"b","CloudWatchLogsLogGroupArn":"` + trailGroupARN + `","CloudWatchLogsRoleArn":"` + trailRoleARN + `"}`
	req, err := http.NewRequest(http.MethodPost, c.srv.URL, bytes.NewReader([]byte(body)))
	require.NoError(t, err)
	req.Header.Set("X-Amz-Target", "CloudTrail_20131101.CreateTrail")
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	for _, member := range []string{"HomeRegion", "HasCustomEventSelectors", "HasInsightSelectors"} {
		assert.NotContains(t, out, member)
	}
	assert.Equal(t, "arn:aws:cloudtrail:us-east-1:123456789012:trail/main", out["TrailARN"])
	assert.Equal(t, trailGroupARN, out["CloudWatchLogsLogGroupArn"])
}

func TestOrganizationTrails(t *testing.T) {
	c := newClients(t)
	const mgmt, member = "111111111111", "222222222222"
	c.srv.PutOrganization(localaws.Organization{ID: "o-exampleorgid", ManagementAccount: mgmt, Members: []string{member}})
	memberTrail := cloudtrail.NewFromConfig(c.srv.ConfigFor("us-east-1", member))
	_, err := memberTrail.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("org"), S3BucketName: aws.String("b"), IsOrganizationTrail: aws.Bool(true)})
	code, msg, _ := apiError(t, err)
	assert.Equal(t, "NotOrganizationMasterAccountException", code)
	assert.Equal(t, "You cannot configure or manage trails for an organization because this action requires being signed in with the management account.", msg)
	_, err = c.trail.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("org"), S3BucketName: aws.String("b"), IsOrganizationTrail: aws.Bool(true)})
	code, _, _ = apiError(t, err)
	assert.Equal(t, "OrganizationsNotInUseException", code, "the default account is in no organization")

	mgmtTrail := cloudtrail.NewFromConfig(c.srv.ConfigFor("us-east-1", mgmt))
	_, err = mgmtTrail.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("org"), S3BucketName: aws.String("b"),
		IsOrganizationTrail: aws.Bool(true), IsMultiRegionTrail: aws.Bool(true)})
	require.NoError(t, err)

	// Members see the organization trail, and name it by ARN only.
	d, err := memberTrail.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
	require.NoError(t, err)
	require.Len(t, d.TrailList, 1)
	assert.True(t, aws.ToBool(d.TrailList[0].IsOrganizationTrail))
	orgARN := "arn:aws:cloudtrail:us-east-1:111111111111:trail/org"
	assert.Equal(t, orgARN, aws.ToString(d.TrailList[0].TrailARN))
	_, err = memberTrail.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(orgARN)})
	require.NoError(t, err)
	_, err = memberTrail.StopLogging(ctx, &cloudtrail.StopLoggingInput{Name: aws.String(orgARN)})
	code, _, _ = apiError(t, err)
	assert.Equal(t, "NotOrganizationMasterAccountException", code)
}

func TestTrailStatusReportsTheLastDelivery(t *testing.T) {
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	c := newClients(t, localaws.Options{Now: func() time.Time { return now }})
	c.srv.PutTrail("", "us-east-1", localaws.Trail{Name: "main", S3BucketName: "b", IsLogging: true,
		CloudWatchLogsLogGroupArn: trailGroupARN, CloudWatchLogsRoleArn: trailRoleARN})
	st, err := c.trail.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("main")})
	require.NoError(t, err)
	assert.Equal(t, now, aws.ToTime(st.LatestCloudWatchLogsDeliveryTime), "a seeded logging trail has just delivered")
	assert.Nil(t, st.LatestCloudWatchLogsDeliveryError)

	stale := now.Add(-36 * time.Hour)
	require.NoError(t, c.srv.SetTrailDelivery("", "us-east-1", "main", stale, "Access denied. Check the trust relationships for your role."))
	st, err = c.trail.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("main")})
	require.NoError(t, err)
	assert.Equal(t, stale, aws.ToTime(st.LatestCloudWatchLogsDeliveryTime))
	assert.Equal(t, "Access denied. Check the trust relationships for your role.", aws.ToString(st.LatestCloudWatchLogsDeliveryError))
	require.Error(t, c.srv.SetTrailDelivery("", "us-east-1", "missing", stale, ""))
}

func TestPutLogEventsRefusesEventsOver256KB(t *testing.T) {
	c := newClients(t)
	mustCreateGroup(t, c, "g")
	_, err := c.logs.CreateLogStream(ctx, &cloudwatchlogs.CreateLogStreamInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("s")})
	require.NoError(t, err)
	put := func(sizes ...int) error {
		var events []logtypes.InputLogEvent
		for _, n := range sizes {
			events = append(events, logtypes.InputLogEvent{Timestamp: aws.Int64(time.Now().UnixMilli()), Message: aws.String(strings.Repeat("é", n/2))})
		}
		_, err := c.logs.PutLogEvents(ctx, &cloudwatchlogs.PutLogEventsInput{LogGroupName: aws.String("g"), LogStreamName: aws.String("s"), LogEvents: events})
		return err
	}
	// "é" is two UTF-8 bytes: 262,118 bytes + 26 is exactly 256 KB.
	require.NoError(t, put(262118))
	code, msg, _ := apiError(t, put(100, 262120))
	assert.Equal(t, "InvalidParameterException", code)
	assert.Equal(t, "Log event too large: 262146 bytes exceeds limit of 262144", msg)
	code, msg, _ = apiError(t, put(262000, 262000, 262000, 262000, 262000))
	assert.Equal(t, "InvalidParameterException", code)
	assert.Equal(t, "Upload too large: 1310130 bytes exceeds limit of 1048576", msg)
}
