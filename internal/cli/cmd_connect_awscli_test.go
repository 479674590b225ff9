package cli

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/alarms"
)

// TestAWSCLISeesTheConnectedTrail checks the connection with a client
// nobody here wrote: after cwpat connects a trail that delivered nowhere,
// Debian's AWS CLI sees both ARNs on the trail, the guide's trust policy on
// the role, a year's retention on the log group, and its own StopLogging
// call as a CloudTrail record in the log group; destroy disconnects the
// trail and keeps the log group.
func TestAWSCLISeesTheConnectedTrail(t *testing.T) {
	isolateAWS(t)
	url := startServe(t)
	aws := awsCLI(t, url)
	aws("cloudtrail", "create-trail", "--name", "main", "--s3-bucket-name", "trail-bucket", "--is-multi-region-trail")
	aws("cloudtrail", "start-logging", "--name", "main")

	r := runCwpat(t, "deploy", "--connect-trail", "main", "--apply", "--endpoint-url", url, "--sqs", "arn:aws:sqs:us-east-1:123456789012:alerts")
	require.Equal(t, 0, r.code, r.stderr)

	trails := aws("cloudtrail", "describe-trails", "--trail-name-list", "main")["trailList"].([]any)
	require.Len(t, trails, 1)
	trail := trails[0].(map[string]any)
	assert.Equal(t, "arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/DefaultLogGroup:*", trail["CloudWatchLogsLogGroupArn"])
	assert.Equal(t, "arn:aws:iam::123456789012:role/CloudTrail_CloudWatchLogs_Role", trail["CloudWatchLogsRoleArn"])

	role := aws("iam", "get-role", "--role-name", alarms.DefaultRoleName)["Role"].(map[string]any)
	trust, err := json.Marshal(role["AssumeRolePolicyDocument"])
	require.NoError(t, err)
	assert.JSONEq(t, alarms.TrustPolicy(), decodePolicy(t, string(trust)))
	policy := aws("iam", "get-role-policy", "--role-name", alarms.DefaultRoleName, "--policy-name", alarms.RolePolicyName)["PolicyDocument"]
	doc, err := json.Marshal(policy)
	require.NoError(t, err)
	assert.JSONEq(t, alarms.RolePolicy(trail["CloudWatchLogsLogGroupArn"].(string), "123456789012", "us-east-1", ""), decodePolicy(t, string(doc)))

	groups := aws("logs", "describe-log-groups", "--log-group-name-prefix", "CloudTrail/")["logGroups"].([]any)
	require.Len(t, groups, 1)
	assert.EqualValues(t, 365, groups[0].(map[string]any)["retentionInDays"])

	// An API call now arrives in the log group as a CloudTrail record.
	aws("cloudtrail", "stop-logging", "--name", "main")
	aws("cloudtrail", "start-logging", "--name", "main")
	events := aws("logs", "filter-log-events", "--log-group-name", "CloudTrail/DefaultLogGroup", "--filter-pattern", `{ $.eventName = "StopLogging" }`)["events"].([]any)
	require.Len(t, events, 1)
	assert.Equal(t, "123456789012_CloudTrail_us-east-1", events[0].(map[string]any)["logStreamName"])

	r = runCwpat(t, "destroy", "--apply", "--endpoint-url", url)
	require.Equal(t, 0, r.code, r.stderr)
	trail = aws("cloudtrail", "describe-trails", "--trail-name-list", "main")["trailList"].([]any)[0].(map[string]any)
	assert.Nil(t, trail["CloudWatchLogsLogGroupArn"])
	assert.Len(t, aws("logs", "describe-log-groups", "--log-group-name-prefix", "CloudTrail/")["logGroups"].([]any), 1, "the log group is kept")
}

// decodePolicy accepts a policy document as the AWS CLI prints it: a JSON
// object, or a URL-encoded JSON string.
func decodePolicy(t *testing.T, doc string) string {
	t.Helper()
	var s string
	if json.Unmarshal([]byte(doc), &s) == nil {
		decoded, err := url.QueryUnescape(s)
		require.NoError(t, err)
		return decoded
	}
	return doc
}
