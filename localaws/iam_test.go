package localaws_test

import (
	"errors"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The trust and permission policies of the CloudTrail user guide ("Sending
// events to CloudWatch Logs"), for the default account and us-east-1.
const (
	cloudTrailTrust = `{"Version":"2012-10-17","Statement":[{"Sid":"","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	cloudTrailLogs  = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"AWSCloudTrailCreateLogStream2014110","Effect":"Allow","Action":["logs:CreateLogStream"],"Resource":["arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/logs:log-stream:123456789012_CloudTrail_us-east-1*"]},` +
		`{"Sid":"AWSCloudTrailPutLogEvents20141101","Effect":"Allow","Action":["logs:PutLogEvents"],"Resource":["arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/logs:log-stream:123456789012_CloudTrail_us-east-1*"]}]}`
)

// apiError returns the code, message and HTTP status of an SDK error.
func apiError(t *testing.T, err error) (code, msg string, status int) {
	t.Helper()
	require.Error(t, err)
	var ae smithy.APIError
	require.True(t, errors.As(err, &ae), "not an API error: %v", err)
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) {
		status = re.HTTPStatusCode()
	}
	return ae.ErrorCode(), ae.ErrorMessage(), status
}

func TestIAMRoleLifecycle(t *testing.T) {
	c := newClients(t)
	client := iam.NewFromConfig(c.srv.Config())

	out, err := client.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName:                 aws.String("CloudTrail_CloudWatchLogs_Role"),
		AssumeRolePolicyDocument: aws.String(cloudTrailTrust),
		Tags:                     []iamtypes.Tag{{Key: aws.String("managed-by"), Value: aws.String("cwpat")}},
	})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:iam::123456789012:role/CloudTrail_CloudWatchLogs_Role", aws.ToString(out.Role.Arn))
	assert.Regexp(t, `^AROA[A-Z2-7]{17}$`, aws.ToString(out.Role.RoleId))

	got, err := client.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role")})
	require.NoError(t, err)
	// IAM returns documents URL-encoded; the Go SDK leaves them so.
	doc, err := url.QueryUnescape(aws.ToString(got.Role.AssumeRolePolicyDocument))
	require.NoError(t, err)
	assert.JSONEq(t, cloudTrailTrust, doc)
	assert.NotContains(t, aws.ToString(got.Role.AssumeRolePolicyDocument), "{")
	assert.Equal(t, []iamtypes.Tag{{Key: aws.String("managed-by"), Value: aws.String("cwpat")}}, got.Role.Tags)

	// Role names are unique regardless of case.
	_, err = client.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("cloudtrail_cloudwatchlogs_role"), AssumeRolePolicyDocument: aws.String(cloudTrailTrust)})
	code, msg, status := apiError(t, err)
	assert.Equal(t, "EntityAlreadyExists", code)
	assert.Equal(t, "Role with name cloudtrail_cloudwatchlogs_role already exists.", msg)
	assert.Equal(t, 409, status)

	_, err = client.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role"),
		PolicyName: aws.String("cloudtrail-policy"), PolicyDocument: aws.String(cloudTrailLogs)})
	require.NoError(t, err)
	pol, err := client.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role"), PolicyName: aws.String("cloudtrail-policy")})
	require.NoError(t, err)
	doc, err = url.QueryUnescape(aws.ToString(pol.PolicyDocument))
	require.NoError(t, err)
	assert.Equal(t, cloudTrailLogs, doc)
	names, err := client.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role")})
	require.NoError(t, err)
	assert.Equal(t, []string{"cloudtrail-policy"}, names.PolicyNames)

	_, err = client.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role")})
	code, msg, status = apiError(t, err)
	assert.Equal(t, "DeleteConflict", code)
	assert.Equal(t, "Cannot delete entity, must delete policies first.", msg)
	assert.Equal(t, 409, status)

	_, err = client.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role"), PolicyName: aws.String("cloudtrail-policy")})
	require.NoError(t, err)
	_, err = client.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role"), PolicyName: aws.String("cloudtrail-policy")})
	code, msg, _ = apiError(t, err)
	assert.Equal(t, "NoSuchEntity", code)
	assert.Equal(t, "The role policy with name cloudtrail-policy cannot be found.", msg)

	roles, err := client.ListRoles(ctx, &iam.ListRolesInput{})
	require.NoError(t, err)
	require.Len(t, roles.Roles, 1)
	assert.Empty(t, roles.Roles[0].Tags, "ListRoles leaves tags out, as IAM does")

	_, err = client.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role")})
	require.NoError(t, err)
	_, err = client.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role")})
	code, msg, status = apiError(t, err)
	assert.Equal(t, "NoSuchEntity", code)
	assert.Equal(t, "The role with name CloudTrail_CloudWatchLogs_Role cannot be found.", msg)
	assert.Equal(t, 404, status)
}

func TestIAMRefusesWhatIAMRefuses(t *testing.T) {
	c := newClients(t)
	client := iam.NewFromConfig(c.srv.Config())
	_, err := client.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("r"), AssumeRolePolicyDocument: aws.String(cloudTrailTrust)})
	require.NoError(t, err)

	trust := []struct{ name, doc, code, msg string }{
		{"not JSON", `{"Statement":`, "MalformedPolicyDocument", "This policy contains invalid Json"},
		{"a resource in a trust policy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}`,
			"MalformedPolicyDocument", "Has prohibited field Resource"},
		{"no principal", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}`, "MalformedPolicyDocument", "Missing required field Principal"},
		{"a bad effect", `{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Principal":"*","Action":"sts:AssumeRole"}]}`, "MalformedPolicyDocument", "Syntax errors in policy."},
		{"a bad version", `{"Version":"2020-01-01","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}`, "MalformedPolicyDocument", "The policy must contain a valid version string"},
	}
	for _, tc := range trust {
		t.Run("trust/"+tc.name, func(t *testing.T) {
			_, err := client.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("r"), PolicyDocument: aws.String(tc.doc)})
			code, msg, _ := apiError(t, err)
			assert.Equal(t, tc.code, code)
			assert.Equal(t, tc.msg, msg)
		})
	}
	inline := []struct{ name, doc, msg string }{
		{"a principal", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"logs:*","Resource":"*"}]}`, "Policy document should not specify a principal."},
		{"no resource", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*"}]}`, "Policy statement must contain resources."},
		{"no action", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}`, "Policy statement must contain actions."},
	}
	for _, tc := range inline {
		t.Run("inline/"+tc.name, func(t *testing.T) {
			_, err := client.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("r"), PolicyName: aws.String("p"), PolicyDocument: aws.String(tc.doc)})
			code, msg, _ := apiError(t, err)
			assert.Equal(t, "MalformedPolicyDocument", code)
			assert.Equal(t, tc.msg, msg)
		})
	}
	_, err = client.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("bad name!"), AssumeRolePolicyDocument: aws.String(cloudTrailTrust)})
	code, msg, _ := apiError(t, err)
	assert.Equal(t, "ValidationError", code)
	assert.Equal(t, `1 validation error detected: Value 'bad name!' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`, msg)
	_, err = client.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("r")})
	require.NoError(t, err, "refused updates leave the role as it was")
}

func TestIAMRoleTags(t *testing.T) {
	c := newClients(t)
	client := iam.NewFromConfig(c.srv.Config())
	_, err := client.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("r"), AssumeRolePolicyDocument: aws.String(cloudTrailTrust),
		Tags: []iamtypes.Tag{{Key: aws.String("a"), Value: aws.String("1")}}})
	require.NoError(t, err)
	_, err = client.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String("r"), Tags: []iamtypes.Tag{
		{Key: aws.String("a"), Value: aws.String("2")}, {Key: aws.String("b"), Value: aws.String("3")}}})
	require.NoError(t, err)
	_, err = client.UntagRole(ctx, &iam.UntagRoleInput{RoleName: aws.String("r"), TagKeys: []string{"b", "missing"}})
	require.NoError(t, err)
	tags, err := client.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: aws.String("r")})
	require.NoError(t, err)
	assert.Equal(t, []iamtypes.Tag{{Key: aws.String("a"), Value: aws.String("2")}}, tags.Tags)
	assert.False(t, tags.IsTruncated)
}
