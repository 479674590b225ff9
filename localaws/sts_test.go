package localaws_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAssumeRoleActsInTheRoleAccount assumes a role of another account and
// acts there with the credentials, as `audit --role-arn` does.
func TestAssumeRoleActsInTheRoleAccount(t *testing.T) {
	c := newClients(t)
	const member = "222233334444"
	admin := iam.NewFromConfig(c.srv.ConfigFor("us-east-1", member))
	trustAuditor := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`
	_, err := admin.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("audit"), AssumeRolePolicyDocument: aws.String(trustAuditor)})
	require.NoError(t, err)
	_, err = admin.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("closed"), AssumeRolePolicyDocument: aws.String(cloudTrailTrust)})
	require.NoError(t, err)
	trustVendor := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"cwpat-42"}}}]}`
	_, err = admin.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("vendor"), AssumeRolePolicyDocument: aws.String(trustVendor)})
	require.NoError(t, err)

	stsc := sts.NewFromConfig(c.srv.Config())
	me, err := stsc.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	require.NoError(t, err)
	assert.Equal(t, "123456789012", aws.ToString(me.Account))
	assert.Equal(t, "arn:aws:iam::123456789012:user/cwpat-local", aws.ToString(me.Arn))

	out, err := stsc.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::222233334444:role/audit"), RoleSessionName: aws.String("cwpat-audit")})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:sts::222233334444:assumed-role/audit/cwpat-audit", aws.ToString(out.AssumedRoleUser.Arn))
	assert.Regexp(t, `^ASIA`, aws.ToString(out.Credentials.AccessKeyId))

	cfg := c.srv.Config()
	cfg.Credentials = credentials.NewStaticCredentialsProvider(aws.ToString(out.Credentials.AccessKeyId),
		aws.ToString(out.Credentials.SecretAccessKey), aws.ToString(out.Credentials.SessionToken))
	who, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	require.NoError(t, err)
	assert.Equal(t, member, aws.ToString(who.Account))
	assert.Equal(t, "arn:aws:sts::222233334444:assumed-role/audit/cwpat-audit", aws.ToString(who.Arn))
	_, err = cloudwatchlogs.NewFromConfig(cfg).CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("in-member")})
	require.NoError(t, err)
	assert.Contains(t, c.srv.Snapshot(member, "us-east-1").LogGroups, "in-member")
	assert.NotContains(t, c.srv.Snapshot("", "us-east-1").LogGroups, "in-member")
	assert.Equal(t, []string{"audit", "closed", "vendor"}, c.srv.Snapshot(member, "eu-west-1").Roles, "roles are global")
	assert.Empty(t, c.srv.Snapshot("", "us-east-1").Roles)

	_, err = stsc.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::222233334444:role/vendor"), RoleSessionName: aws.String("s1"), ExternalId: aws.String("cwpat-42")})
	require.NoError(t, err, "the external id the trust policy asks for")
	for _, arn := range []string{"arn:aws:iam::222233334444:role/closed", "arn:aws:iam::222233334444:role/missing", "arn:aws:iam::222233334444:role/vendor"} {
		_, err = stsc.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(arn), RoleSessionName: aws.String("s1")})
		code, msg, status := apiError(t, err)
		assert.Equal(t, "AccessDenied", code)
		assert.Equal(t, "User: arn:aws:iam::123456789012:user/cwpat-local is not authorized to perform: sts:AssumeRole on resource: "+arn, msg)
		assert.Equal(t, 403, status)
	}
	_, err = stsc.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::222233334444:role/audit"), RoleSessionName: aws.String("s1"), DurationSeconds: aws.Int32(7200)})
	code, msg, _ := apiError(t, err)
	assert.Equal(t, "ValidationError", code)
	assert.Equal(t, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", msg)
}
