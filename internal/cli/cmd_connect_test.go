package cli

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

// unconnectedAccount is a local account whose multi-Region trail main
// delivers to S3 only: the first link of the chain is missing.
func unconnectedAccount(t *testing.T) (*localaws.Endpoint, []string) {
	t.Helper()
	isolateAWS(t)
	srv := localawstest.Start(t)
	srv.PutTrail("", "us-east-1", localaws.Trail{Name: "main", S3BucketName: "b", IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, IsLogging: true})
	return srv, []string{"--endpoint-url", srv.URL}
}

func describeMain(t *testing.T, srv *localaws.Endpoint) (logGroupARN, roleARN string) {
	t.Helper()
	out, err := cloudtrail.NewFromConfig(srv.Config()).DescribeTrails(context.Background(), &cloudtrail.DescribeTrailsInput{TrailNameList: []string{"main"}})
	require.NoError(t, err)
	require.Len(t, out.TrailList, 1)
	return aws.ToString(out.TrailList[0].CloudWatchLogsLogGroupArn), aws.ToString(out.TrailList[0].CloudWatchLogsRoleArn)
}

// The whole chain, connected by cwpat: plan shows the connection with the
// filters, deploy makes it, a second deploy plans nothing, audit passes CIS
// 3.4, destroy disconnects and keeps the log group.
func TestConnectTrailDeployAuditDestroy(t *testing.T) {
	srv, ep := unconnectedAccount(t)
	ctx := context.Background()

	r := runCwpat(t, append([]string{"plan"}, ep...)...)
	require.Equal(t, 1, r.code, r.stdout)
	assert.Contains(t, r.stderr, "cwpat deploy --connect-trail main", "a plan without a delivering trail says which command connects it")

	r = runCwpat(t, append([]string{"plan", "--connect-trail", "main"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	for _, want := range []string{`log group "CloudTrail/DefaultLogGroup" will be created`, `iam role "CloudTrail_CloudWatchLogs_Role" will be created`,
		`cloudtrail trail "main" will be updated in-place`, "retention_in_days", "metric filter"} {
		assert.Contains(t, r.stdout, want)
	}
	lg, role := describeMain(t, srv)
	assert.Empty(t, lg+role, "plan changes nothing")

	r = runCwpat(t, append([]string{"deploy", "--connect-trail", "main", "--sqs", "arn:aws:sqs:us-east-1:123456789012:alerts", "--apply"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	lg, role = describeMain(t, srv)
	assert.Equal(t, "arn:aws:logs:us-east-1:"+localaws.DefaultAccount+":log-group:CloudTrail/DefaultLogGroup:*", lg)
	assert.Equal(t, "arn:aws:iam::"+localaws.DefaultAccount+":role/CloudTrail_CloudWatchLogs_Role", role)
	groups, err := cloudwatchlogs.NewFromConfig(srv.Config()).DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String("CloudTrail/")})
	require.NoError(t, err)
	require.Len(t, groups.LogGroups, 1)
	assert.EqualValues(t, 365, aws.ToInt32(groups.LogGroups[0].RetentionInDays))
	got, err := iam.NewFromConfig(srv.Config()).GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(alarms.DefaultRoleName)})
	require.NoError(t, err)
	trust, err := url.QueryUnescape(aws.ToString(got.Role.AssumeRolePolicyDocument))
	require.NoError(t, err)
	assert.JSONEq(t, alarms.TrustPolicy(), trust)

	r = runCwpat(t, append([]string{"deploy", "--connect-trail", "main", "--sqs", "arn:aws:sqs:us-east-1:123456789012:alerts"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "No changes.", "a second deploy plans nothing")

	require.NoError(t, srv.SetTrailDelivery("", "us-east-1", "main", time.Now(), ""))
	r = runCwpat(t, append([]string{"audit"}, ep...)...)
	assert.Equal(t, 0, r.code, r.stdout)
	assert.Contains(t, r.stdout, "main  delivers to CloudTrail/DefaultLogGroup, last delivery")

	r = runCwpat(t, append([]string{"destroy", "--apply"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "kept: it holds the account's CloudTrail events")
	lg, role = describeMain(t, srv)
	assert.Empty(t, lg+role, "destroy disconnects the trail")
	_, err = iam.NewFromConfig(srv.Config()).GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(alarms.DefaultRoleName)})
	assert.Error(t, err, "the role cwpat made is gone")
	groups, err = cloudwatchlogs.NewFromConfig(srv.Config()).DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String("CloudTrail/")})
	require.NoError(t, err)
	assert.Len(t, groups.LogGroups, 1, "the log group holds the audit records: kept")
}

// A role, policy and log group cwpat did not create are used as they are
// and never rewritten, nor deleted by destroy.
func TestConnectLeavesForeignRoleAndLogGroupAlone(t *testing.T) {
	srv, ep := unconnectedAccount(t)
	ctx := context.Background()
	cfg := srv.Config()
	_, err := cloudwatchlogs.NewFromConfig(cfg).CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("CloudTrail/Theirs")})
	require.NoError(t, err)
	lgARN := "arn:aws:logs:us-east-1:" + localaws.DefaultAccount + ":log-group:CloudTrail/Theirs:*"
	ic := iam.NewFromConfig(cfg)
	_, err = ic.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("TheirRole"), AssumeRolePolicyDocument: aws.String(alarms.TrustPolicy())})
	require.NoError(t, err)
	theirPolicy := alarms.RolePolicy(lgARN, localaws.DefaultAccount, "us-east-1", "")
	_, err = ic.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("TheirRole"), PolicyName: aws.String("theirs"), PolicyDocument: aws.String(theirPolicy)})
	require.NoError(t, err)

	r := runCwpat(t, append([]string{"deploy", "--connect-trail", "main", "--log-group-name", "CloudTrail/Theirs", "--role-name", "TheirRole", "--no-topic", "--apply"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, `log group "CloudTrail/Theirs" is unchanged: exists and is not managed by cwpat`)
	assert.Contains(t, r.stdout, `iam role "TheirRole" is unchanged: exists and is not managed by cwpat`)
	lg, role := describeMain(t, srv)
	assert.Equal(t, lgARN, lg)
	assert.Equal(t, "arn:aws:iam::"+localaws.DefaultAccount+":role/TheirRole", role)
	pols, err := ic.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String("TheirRole")})
	require.NoError(t, err)
	assert.Equal(t, []string{"theirs"}, pols.PolicyNames, "no policy added to a foreign role")
	groups, err := cloudwatchlogs.NewFromConfig(cfg).DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String("CloudTrail/Theirs")})
	require.NoError(t, err)
	assert.Nil(t, groups.LogGroups[0].RetentionInDays, "retention of a foreign log group untouched")

	r = runCwpat(t, append([]string{"destroy", "--apply", "--delete-log-group"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	lg, role = describeMain(t, srv)
	assert.Equal(t, lgARN, lg, "a connection cwpat did not make stays")
	assert.NotEmpty(t, role)
	_, err = ic.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("TheirRole")})
	assert.NoError(t, err)
}

// CIS 3.4 as written: a broken role's delivery error names the role and
// fails every control (nothing reaches the filters), and the deploy that
// made the role repairs it; a topic key that shuts CloudWatch out fails.
func TestAuditJudgesTheDelivery(t *testing.T) {
	srv, ep := unconnectedAccount(t)
	ctx := context.Background()
	key, err := kms.NewFromConfig(srv.Config()).CreateKey(ctx, &kms.CreateKeyInput{Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}`)})
	require.NoError(t, err)
	deploy := append([]string{"deploy", "--connect-trail", "main", "--sqs", "arn:aws:sqs:us-east-1:123456789012:alerts"}, ep...)
	r := runCwpat(t, append(deploy, "--apply")...)
	require.Equal(t, 0, r.code, r.stderr)
	r = runCwpat(t, append([]string{"audit"}, ep...)...)
	require.Equal(t, 0, r.code, r.stdout)

	// Someone breaks the role's trust policy; CloudTrail's next delivery fails.
	_, err = iam.NewFromConfig(srv.Config()).UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String(alarms.DefaultRoleName),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)})
	require.NoError(t, err)
	r = runCwpat(t, append([]string{"audit"}, ep...)...)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stdout, "trail main cannot deliver to CloudWatch Logs (Access denied. Check the trust relationships for your role.): fix its role arn:aws:iam::"+localaws.DefaultAccount+":role/CloudTrail_CloudWatchLogs_Role [trail-delivery-error")
	assert.Contains(t, r.stdout, "cwpat deploy --connect-trail main --apply")
	assert.Contains(t, r.stdout, "0 of 15 controls covered.", "nothing reaches the filters")
	// cwpat's own role is repaired by the same deploy, and delivery resumes.
	r = runCwpat(t, deploy...)
	assert.Contains(t, r.stdout, `iam role "CloudTrail_CloudWatchLogs_Role" will be updated in-place`)
	r = runCwpat(t, append(deploy, "--apply")...)
	require.Equal(t, 0, r.code, r.stderr)
	r = runCwpat(t, append([]string{"audit"}, ep...)...)
	assert.Equal(t, 0, r.code, r.stdout)

	topics, err := sns.NewFromConfig(srv.Config()).ListTopics(ctx, &sns.ListTopicsInput{})
	require.NoError(t, err)
	_, err = sns.NewFromConfig(srv.Config()).SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: topics.Topics[0].TopicArn,
		AttributeName: aws.String("KmsMasterKeyId"), AttributeValue: key.KeyMetadata.Arn})
	require.NoError(t, err)
	r = runCwpat(t, append([]string{"audit"}, ep...)...)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stdout, "whose key policy does not let cloudwatch.amazonaws.com use it: every notification is refused")
}

// A delivery older than --max-delivery-age fails CIS 3.4. CloudTrail holds
// records back here for an hour, so the audit's own calls do not refresh
// the delivery time it judges.
func TestAuditFailsAStaleDelivery(t *testing.T) {
	isolateAWS(t)
	srv := localawstest.Start(t, localaws.Options{TrailDelay: time.Hour})
	srv.PutTrail("", "us-east-1", localaws.Trail{Name: "main", S3BucketName: "b", IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, IsLogging: true})
	ep := []string{"--endpoint-url", srv.URL}
	r := runCwpat(t, append([]string{"deploy", "--connect-trail", "main", "--sqs", "arn:aws:sqs:us-east-1:123456789012:alerts", "--apply"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	require.NoError(t, srv.SetTrailDelivery("", "us-east-1", "main", time.Now().Add(-72*time.Hour), ""))
	r = runCwpat(t, append([]string{"audit"}, ep...)...)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stdout, "ago: older than --max-delivery-age 24h0m0s [trail-delivery-stale, Security Hub CloudTrail.5]")
	r = runCwpat(t, append([]string{"audit", "--max-delivery-age", "96h"}, ep...)...)
	assert.Equal(t, 0, r.code, r.stdout)
	assert.NotContains(t, r.stdout, "trail-delivery-stale")
}

// Bad input gets a clear error, and nothing is changed.
func TestConnectRefusesBadInputAndChangesNothing(t *testing.T) {
	srv, ep := unconnectedAccount(t)
	srv.PutTrail("", "eu-west-1", localaws.Trail{Name: "europe", S3BucketName: "b", IsMultiRegionTrail: true, IsLogging: true})
	srv.PutOrganization(localaws.Organization{ID: "o-exampleorgid", ManagementAccount: "111111111111", Members: []string{localaws.DefaultAccount}})
	srv.PutTrail("111111111111", "us-east-1", localaws.Trail{Name: "org", S3BucketName: "b", IsMultiRegionTrail: true, IsOrganizationTrail: true, IsLogging: true})
	before := srv.Snapshot("", "us-east-1")
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown trail", []string{"--connect-trail", "nope"}, 1, `no trail "nope" in region us-east-1; trails here:`},
		{"trail of another Region", []string{"--connect-trail", "europe"}, 1, "trail europe lives in region eu-west-1"},
		{"log group name AWS refuses", []string{"--connect-trail", "main", "--log-group-name", "bad name!"}, 2, `log group name "bad name!": CloudWatch Logs accepts 1 to 512`},
		{"organization trail from a member account", []string{"--connect-trail", "org"}, 1, "organization trail org belongs to account 111111111111"},
		{"retention AWS refuses", []string{"--connect-trail", "main", "--retention-days", "100"}, 2, "--retention-days 100"},
		{"connect flag without --connect-trail", []string{"--retention-days", "30"}, 2, "--retention-days applies only with --connect-trail"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runCwpat(t, append(append([]string{"deploy", "--apply"}, tt.args...), ep...)...)
			assert.Equal(t, tt.code, r.code, r.stderr)
			assert.Contains(t, r.stderr, tt.want)
		})
	}
	after := srv.Snapshot("", "us-east-1")
	assert.Equal(t, before.LogGroups, after.LogGroups)
	assert.Equal(t, before.Alarms, after.Alarms)
	assert.Equal(t, before.Topics, after.Topics)
	lg, role := describeMain(t, srv)
	assert.Empty(t, lg+role)
}

// An organization trail whose log group lives in another account: audit
// says which account to audit, and --role-arn audits it through STS
// AssumeRole at the local endpoint.
func TestAuditRoleARNAuditsTheLogGroupAccount(t *testing.T) {
	isolateAWS(t)
	srv := localawstest.Start(t)
	ctx := context.Background()
	const central = "222222222222"
	other := srv.ConfigFor("us-east-1", central)
	_, err := cloudwatchlogs.NewFromConfig(other).CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("CloudTrail/Org")})
	require.NoError(t, err)
	srv.PutOrganization(localaws.Organization{ID: "o-exampleorgid", ManagementAccount: central, Members: []string{localaws.DefaultAccount}})
	srv.PutTrail(central, "us-east-1", localaws.Trail{Name: "central", S3BucketName: "b", IsMultiRegionTrail: true, IsLogging: true, IsOrganizationTrail: true,
		CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:" + central + ":log-group:CloudTrail/Org:*"})
	_, err = iam.NewFromConfig(other).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("Auditor"),
		AssumeRolePolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + localaws.DefaultAccount + `:root"},"Action":"sts:AssumeRole"}]}`)})
	require.NoError(t, err)
	ep := []string{"--endpoint-url", srv.URL, "--max-delivery-age", "0"}

	// From the member account: the organization trail is seen, its log
	// group is not here, and the audit says where to look.
	r := runCwpat(t, append([]string{"audit"}, ep...)...)
	assert.Equal(t, 0, r.code, "nothing here fails: the chain lives in the other account\n%s", r.stdout)
	assert.Contains(t, r.stdout, "trail central delivers to log group CloudTrail/Org in account "+central+": its filters and alarms live there, so audit that account")
	assert.Contains(t, r.stdout, "cwpat audit --role-arn arn:aws:iam::"+central+":role/ROLE")
	assert.NotContains(t, r.stdout, "log-group-missing")

	r = runCwpat(t, append([]string{"audit", "--role-arn", "arn:aws:iam::" + central + ":role/Auditor"}, ep...)...)
	assert.Equal(t, 1, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Audit of region us-east-1, log group CloudTrail/Org (trail central)", "the audit ran in the role's account")
	assumed := false
	for _, c := range srv.Calls() {
		assumed = assumed || (c.Service == localaws.ServiceSTS && c.Operation == "AssumeRole" && c.ErrorCode == "")
	}
	assert.True(t, assumed, "STS was asked at --endpoint-url")

	r = runCwpat(t, append([]string{"audit", "--role-arn", "arn:aws:iam::" + central + ":role/Nobody"}, ep...)...)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "sts:AssumeRole on arn:aws:iam::"+central+":role/Nobody failed")
	r = runCwpat(t, append([]string{"audit", "--role-arn", "not-an-arn"}, ep...)...)
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "is not an IAM role ARN")
}

// A trail that already delivers keeps its log group: the plan says where,
// and the filters go there.
func TestConnectDeploysWhereTheTrailAlreadyDelivers(t *testing.T) {
	srv, ep := auditAccount(t)
	r := runCwpat(t, append([]string{"plan", "--connect-trail", "main", "--log-group-name", "Elsewhere"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Log group: CloudTrail/Logs")
	assert.Contains(t, r.stdout, `cloudtrail trail "main" is unchanged: already delivers to log group CloudTrail/Logs`)
	assert.Contains(t, r.stdout, "trail main already delivers to log group CloudTrail/Logs, not Elsewhere: cwpat deploys there")
	assert.NotContains(t, r.stdout, `log group "Elsewhere"`)
	r = runCwpat(t, append([]string{"deploy", "--apply", "--connect-trail", "main", "--no-topic"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.NotEmpty(t, srv.Snapshot("", "us-east-1").LogGroups["CloudTrail/Logs"])
	lg, _ := describeMain(t, srv)
	assert.Equal(t, "arn:aws:logs:us-east-1:"+localaws.DefaultAccount+":log-group:CloudTrail/Logs:*", lg, "the trail was not moved")
}
