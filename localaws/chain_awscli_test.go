package localaws_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/internal/testenv"
	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

func awsCLI(t *testing.T) string { return testenv.AWSCLI(t) }

// awsRunner runs one AWS CLI against an endpoint with fake credentials and
// nothing from the user's AWS configuration.
func awsRunner(t *testing.T, cli, url string) func(wantOK bool, args ...string) string {
	return testenv.AWSCLIRunner(t, cli, url)
}

// TestTheChainThroughTheAWSCLI connects a trail as the CloudTrail guide's
// AWS CLI steps do, then watches a CloudTrail change arrive in the log
// group, move the CIS metric and fire the alarm; then breaks the role's
// trust and sees the delivery error.
func TestTheChainThroughTheAWSCLI(t *testing.T) {
	cli := awsCLI(t)
	clk := localawstest.NewClock(time.Date(2026, 12, 3, 10, 0, 30, 0, time.UTC))
	srv := localawstest.Start(t, localaws.Options{Now: clk.Now})
	aws := awsRunner(t, cli, srv.URL)
	dir := t.TempDir()
	trust, perms := filepath.Join(dir, "trust.json"), filepath.Join(dir, "perms.json")
	require.NoError(t, os.WriteFile(trust, []byte(cloudTrailTrust), 0o600))
	require.NoError(t, os.WriteFile(perms, []byte(cloudTrailLogs), 0o600))

	aws(true, "logs", "create-log-group", "--log-group-name", "CloudTrail/logs")
	out := aws(true, "iam", "create-role", "--role-name", "CloudTrail_CloudWatchLogs_Role", "--assume-role-policy-document", "file://"+trust)
	assert.Contains(t, out, `"Arn": "`+trailRoleARN+`"`)
	aws(true, "iam", "put-role-policy", "--role-name", "CloudTrail_CloudWatchLogs_Role", "--policy-name", "cloudtrail-policy", "--policy-document", "file://"+perms)
	var role struct {
		Role struct {
			AssumeRolePolicyDocument struct {
				Statement []struct {
					Principal struct{ Service string }
					Action    string
				}
			}
		}
	}
	out = aws(true, "iam", "get-role", "--role-name", "CloudTrail_CloudWatchLogs_Role")
	require.NoError(t, json.Unmarshal([]byte(out), &role), "the CLI decodes the URL-encoded document: %s", out)
	require.Len(t, role.Role.AssumeRolePolicyDocument.Statement, 1)
	assert.Equal(t, "cloudtrail.amazonaws.com", role.Role.AssumeRolePolicyDocument.Statement[0].Principal.Service)

	aws(true, "cloudtrail", "create-trail", "--name", "main", "--s3-bucket-name", "b")
	aws(true, "cloudtrail", "update-trail", "--name", "main", "--cloud-watch-logs-log-group-arn", trailGroupARN, "--cloud-watch-logs-role-arn", trailRoleARN)
	aws(true, "cloudtrail", "start-logging", "--name", "main")
	out = aws(true, "cloudtrail", "describe-trails")
	assert.Contains(t, out, `"CloudWatchLogsLogGroupArn": "`+trailGroupARN+`"`)
	assert.Contains(t, out, `"CloudWatchLogsRoleArn": "`+trailRoleARN+`"`)
	aws(true, "logs", "put-metric-filter", "--log-group-name", "CloudTrail/logs", "--filter-name", "cis-cloudtrail-changes",
		"--filter-pattern", cisCloudTrailChanges, "--metric-transformations", "metricName=CloudTrailEventCount,metricNamespace=CISBenchmark,metricValue=1")
	topicARN := "arn:aws:sns:us-east-1:123456789012:cis-alarms"
	aws(true, "sns", "create-topic", "--name", "cis-alarms")
	aws(true, "cloudwatch", "put-metric-alarm", "--alarm-name", "cloudtrail-changes", "--metric-name", "CloudTrailEventCount",
		"--namespace", "CISBenchmark", "--statistic", "Sum", "--period", "300", "--evaluation-periods", "1", "--threshold", "1",
		"--comparison-operator", "GreaterThanOrEqualToThreshold", "--treat-missing-data", "notBreaching", "--alarm-actions", topicARN)

	clk.Add(time.Minute) // 10:01:30
	aws(true, "cloudtrail", "stop-logging", "--name", "main")
	aws(true, "cloudtrail", "start-logging", "--name", "main")
	out = aws(true, "logs", "filter-log-events", "--log-group-name", "CloudTrail/logs", "--filter-pattern", `{ $.eventName = "StopLogging" }`)
	var found struct {
		Events []struct {
			LogStreamName string `json:"logStreamName"`
			Message       string `json:"message"`
		} `json:"events"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &found), out)
	require.Len(t, found.Events, 1, out)
	assert.Equal(t, "123456789012_CloudTrail_us-east-1", found.Events[0].LogStreamName)
	var rec record
	require.NoError(t, json.Unmarshal([]byte(found.Events[0].Message), &rec))
	assert.Contains(t, rec.UserAgent, "aws-cli/")
	assert.Equal(t, testenv.AWSCLIAccessKeyID, rec.UserIdentity.AccessKeyID)
	assert.Equal(t, map[string]any{"name": "main"}, rec.RequestParameters)

	clk.Add(4 * time.Minute) // 10:05:30, past the boundary
	srv.EvaluateAlarms()
	out = aws(true, "cloudwatch", "describe-alarms", "--alarm-names", "cloudtrail-changes")
	assert.Contains(t, out, `"StateValue": "ALARM"`)
	require.Len(t, srv.Published(topicARN), 1)

	out = aws(false, "iam", "delete-role", "--role-name", "CloudTrail_CloudWatchLogs_Role")
	assert.Contains(t, out, "(DeleteConflict) when calling the DeleteRole operation: Cannot delete entity, must delete policies first.")

	// Break the trust: CloudTrail stops delivering and says why.
	require.NoError(t, os.WriteFile(trust, []byte(strings.ReplaceAll(cloudTrailTrust, "cloudtrail.amazonaws.com", "lambda.amazonaws.com")), 0o600))
	aws(true, "iam", "update-assume-role-policy", "--role-name", "CloudTrail_CloudWatchLogs_Role", "--policy-document", "file://"+trust)
	aws(true, "cloudtrail", "update-trail", "--name", "main", "--s3-bucket-name", "b")
	out = aws(true, "cloudtrail", "get-trail-status", "--name", "main")
	assert.Contains(t, out, `"LatestCloudWatchLogsDeliveryError": "Access denied. Check the trust relationships for your role."`)
	out = aws(true, "logs", "filter-log-events", "--log-group-name", "CloudTrail/logs", "--filter-pattern", `{ $.eventName = "UpdateTrail" }`)
	require.NoError(t, json.Unmarshal([]byte(out), &found), out)
	assert.Empty(t, found.Events, "the UpdateTrail made with a broken role did not arrive (the first one came before StartLogging)")

	out = aws(true, "sts", "get-caller-identity")
	assert.Contains(t, out, `"Arn": "arn:aws:iam::123456789012:user/cwpat-local"`)
	require.NoError(t, os.WriteFile(trust, []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`), 0o600))
	aws(true, "iam", "create-role", "--role-name", "ops", "--assume-role-policy-document", "file://"+trust)
	out = aws(true, "sts", "assume-role", "--role-arn", "arn:aws:iam::123456789012:role/ops", "--role-session-name", "alice")
	assert.Contains(t, out, `"Arn": "arn:aws:sts::123456789012:assumed-role/ops/alice"`)

	// An event over 256 KB (UTF-8 bytes + 26) is refused whole.
	events := filepath.Join(dir, "events.json")
	big, err := json.Marshal([]map[string]any{{"timestamp": clk.Now().UnixMilli(), "message": strings.Repeat("x", 262_200)}})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(events, big, 0o600))
	out = aws(false, "logs", "put-log-events", "--log-group-name", "CloudTrail/logs", "--log-stream-name", "123456789012_CloudTrail_us-east-1", "--log-events", "file://"+events)
	assert.Contains(t, out, "(InvalidParameterException) when calling the PutLogEvents operation: Log event too large: 262226 bytes exceeds limit of 262144")
}
