package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

// auditAccount is a local account whose trail main delivers to
// CloudTrail/Logs, on a fixed clock so the audit's text is stable.
func auditAccount(t *testing.T) (*localaws.Endpoint, []string) {
	t.Helper()
	isolateAWS(t)
	clock := time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC)
	srv := localawstest.Start(t, localaws.Options{Now: func() time.Time { return clock }})
	_, err := cloudwatchlogs.NewFromConfig(srv.Config()).CreateLogGroup(context.Background(), &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("CloudTrail/Logs")})
	require.NoError(t, err)
	srv.PutTrail("", "us-east-1", localaws.Trail{Name: "main", S3BucketName: "b", IsMultiRegionTrail: true, IsLogging: true,
		CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:" + localaws.DefaultAccount + ":log-group:CloudTrail/Logs:*",
		CloudWatchLogsRoleArn:     "arn:aws:iam::" + localaws.DefaultAccount + ":role/ct"})
	return srv, []string{"--endpoint-url", srv.URL}
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file missing: run go test ./internal/cli -update")
	assert.Equal(t, string(want), got, "%s differs (go test ./internal/cli -update rewrites it)", path)
}

// One pending subscription fails every control the same way: the text says
// it once, lists the trails with their delivery, and the hint fits a local
// endpoint (no confirmation mail ever arrives there).
func TestAuditTextGroupsRepeatedFindings(t *testing.T) {
	_, ep := auditAccount(t)
	r := runCwpat(t, append([]string{"deploy", "--apply", "--email", "sec@example.com"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	r = runCwpat(t, append([]string{"audit", "--max-delivery-age", "0"}, ep...)...)
	assert.Equal(t, 1, r.code, r.stderr)
	out := strings.ReplaceAll(r.stdout, ep[1], "http://127.0.0.1:PORT")
	assert.Equal(t, 1, strings.Count(out, "pending confirmation"), out)
	assert.Contains(t, out, "main  delivers to CloudTrail/Logs, last delivery 2026-11-22T03:00:00Z")
	assert.Contains(t, out, "subscribe an SQS queue or Lambda function instead")
	assert.NotContains(t, out, "log group ,")
	checkGolden(t, "audit/pending-subscription.txt", out)
}

// Machine formats of the audit: SARIF results sit on the AWS resource, not
// on a built-in rule file; ASFF imports into Security Hub; JSON keys are
// camelCase and patterns keep their &&.
func TestAuditMachineFormats(t *testing.T) {
	srv, ep := auditAccount(t)
	r := runCwpat(t, append([]string{"deploy", "--apply", "--sqs", "arn:aws:sqs:us-east-1:123456789012:alerts"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	alarm := ""
	for name := range srv.Snapshot("", "us-east-1").Alarms {
		alarm = max(alarm, name)
	}
	r = runCwpat(t, append([]string{"audit", "--max-delivery-age", "0", "-o", "sarif"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation map[string]any
					LogicalLocations []struct{ FullyQualifiedName, Kind string }
				}
			}
		}
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &sarif), r.stdout)
	require.NotEmpty(t, sarif.Runs[0].Results)
	for _, res := range sarif.Runs[0].Results {
		require.Len(t, res.Locations, 1)
		assert.Nil(t, res.Locations[0].PhysicalLocation, "no built-in rule file as a location")
		require.Len(t, res.Locations[0].LogicalLocations, 1, res.RuleID)
		assert.True(t, strings.HasPrefix(res.Locations[0].LogicalLocations[0].FullyQualifiedName, "arn:aws:"), res.Locations[0].LogicalLocations[0].FullyQualifiedName)
	}
	assert.Contains(t, r.stdout, `"fullyQualifiedName": "arn:aws:cloudwatch:us-east-1:`+localaws.DefaultAccount+`:alarm:`+alarm)
	assert.NotContains(t, r.stdout, "builtin/")

	r = runCwpat(t, append([]string{"audit", "--max-delivery-age", "0", "-o", "asff"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	var asff struct {
		Findings []map[string]any
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &asff))
	require.NotEmpty(t, asff.Findings)
	for _, f := range asff.Findings {
		for _, k := range []string{"SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "Types", "CreatedAt", "UpdatedAt", "Severity", "Title", "Description", "Resources"} {
			assert.Contains(t, f, k)
		}
		assert.Equal(t, localaws.DefaultAccount, f["AwsAccountId"])
		assert.Contains(t, []string{"PASSED", "WARNING"}, f["Compliance"].(map[string]any)["Status"], f["Title"])
	}

	r = runCwpat(t, append([]string{"audit", "--max-delivery-age", "0", "-o", "json"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.NotContains(t, r.stdout, `\u0026`)
	assert.Contains(t, r.stdout, "&&")
	var doc any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc))
	assertCamelKeys(t, doc)
}

func assertCamelKeys(t *testing.T, v any) {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			assert.NotContains(t, k, "_", "JSON key %q", k)
			assertCamelKeys(t, e)
		}
	case []any:
		for _, e := range x {
			assertCamelKeys(t, e)
		}
	}
}

// An account with no trail: the audit says so, with the commands that fix
// it, and never prints an empty log group name.
func TestAuditWithoutTrailNamesNoEmptyLogGroup(t *testing.T) {
	isolateAWS(t)
	srv := localawstest.Start(t)
	r := runCwpat(t, "audit", "--endpoint-url", srv.URL)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stdout, "no CloudTrail trail delivers to CloudWatch Logs in us-east-1")
	assert.Contains(t, r.stdout, "cwpat deploy --connect-trail NAME")
	assert.NotContains(t, r.stdout, "filter on  ")
	assert.NotContains(t, r.stdout, "filter on matches")
	assert.NotRegexp(t, `log group\s*[,:(]`, r.stdout)
	assert.Equal(t, 1, strings.Count(r.stdout, "no metric filter can match this control's events"), "grouped once:\n%s", r.stdout)
}
