package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
	"github.com/cwpat/cwpat/rules"
)

// isolateAWS points the SDK's default chain at test credentials and away
// from any real home directory, profile or instance metadata.
func isolateAWS(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	env := map[string]string{
		"HOME":                        home,
		"AWS_CONFIG_FILE":             filepath.Join(home, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(home, "credentials"),
		"AWS_ACCESS_KEY_ID":           "AKIDLOCALTEST",
		"AWS_SECRET_ACCESS_KEY":       "local-secret",
		"AWS_SESSION_TOKEN":           "",
		"AWS_PROFILE":                 "",
		"AWS_DEFAULT_PROFILE":         "",
		"AWS_REGION":                  "us-east-1",
		"AWS_DEFAULT_REGION":          "us-east-1",
		"AWS_ENDPOINT_URL":            "",
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_PAGER":                   "",
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	return home
}

type cwpatRun struct {
	code           int
	stdout, stderr string
}

func runCwpat(t *testing.T, args ...string) cwpatRun {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(""), &out, &errb, nil)
	return cwpatRun{code, out.String(), errb.String()}
}

func TestDeployPlanAuditDestroyCommands(t *testing.T) {
	isolateAWS(t)
	srv := localawstest.Start(t)
	cfg := srv.Config()
	_, err := cloudwatchlogs.NewFromConfig(cfg).CreateLogGroup(context.Background(), &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("CloudTrail/Logs")})
	require.NoError(t, err)
	srv.PutTrail("", "us-east-1", localaws.Trail{Name: "main", S3BucketName: "b", IsMultiRegionTrail: true, IsLogging: true,
		CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:" + localaws.DefaultAccount + ":log-group:CloudTrail/Logs:*",
		CloudWatchLogsRoleArn:     "arn:aws:iam::" + localaws.DefaultAccount + ":role/ct"})
	set, err := rules.Builtin("cis")
	require.NoError(t, err)
	n := len(set.Rules)
	ep := []string{"--endpoint-url", srv.URL}

	r := runCwpat(t, append([]string{"plan"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "Using log group CloudTrail/Logs of trail main.")
	assert.Contains(t, r.stdout, "Plan: "+countText(2*n+1)+" to add, 0 to change, 0 to destroy")
	assert.Contains(t, r.stdout, "nobody will be notified")

	r = runCwpat(t, append([]string{"plan", "-o", "json", "--email", "sec@example.com"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	var plan struct {
		LogGroupName string `json:"logGroupName"`
		Changes      []struct {
			Type, Name, Action string
		} `json:"changes"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &plan), r.stdout)
	assert.Equal(t, "CloudTrail/Logs", plan.LogGroupName)
	assert.Len(t, plan.Changes, 2*n+2)
	assert.Equal(t, "create", plan.Changes[0].Action)

	r = runCwpat(t, append([]string{"deploy", "--email", "sec@example.com"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Nothing was changed. Run the same command with --apply")
	assert.Empty(t, srv.Snapshot("", "us-east-1").Alarms, "deploy without --apply changes nothing")

	r = runCwpat(t, append([]string{"deploy", "--email", "sec@example.com", "--apply"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "Apply complete! Resources: "+countText(2*n+2)+" added, 0 changed, 0 destroyed.")

	r = runCwpat(t, append([]string{"deploy", "--email", "sec@example.com", "--apply"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "No changes.")
	assert.Contains(t, r.stdout, "pending confirmation")

	r = runCwpat(t, append([]string{"audit"}, ep...)...)
	assert.Equal(t, 1, r.code, "nobody confirmed the subscription yet")
	assert.Contains(t, r.stdout, "0 of "+countText(n)+" controls covered.")
	assert.Contains(t, r.stdout, "SNS_SUBSCRIPTION_NOT_PRESENT")

	topic := srv.Snapshot("", "us-east-1").Topics[0]
	_, err = srv.ConfirmSubscription(topic, "sec@example.com")
	require.NoError(t, err)
	r = runCwpat(t, append([]string{"audit"}, ep...)...)
	assert.Equal(t, 0, r.code, r.stdout)
	assert.Contains(t, r.stdout, countText(n)+" of "+countText(n)+" controls covered.")

	r = runCwpat(t, append([]string{"audit", "--verify-with-aws"}, ep...)...)
	assert.Equal(t, 0, r.code, r.stdout)
	assert.Contains(t, r.stdout, countText(n)+" of "+countText(n)+" controls covered.")

	r = runCwpat(t, append([]string{"audit", "-o", "json"}, ep...)...)
	assert.Equal(t, 0, r.code)
	var report struct {
		Controls []struct {
			Covered bool `json:"covered"`
		} `json:"controls"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &report))
	assert.Len(t, report.Controls, n)

	r = runCwpat(t, append([]string{"audit", "-o", "sarif"}, ep...)...)
	assert.Equal(t, 0, r.code)
	var sarif map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &sarif))
	assert.Equal(t, "2.1.0", sarif["version"])
	assert.Contains(t, r.stdout, `"id": "control-covered"`)
	assert.Contains(t, r.stdout, "The control is covered")

	r = runCwpat(t, append([]string{"destroy"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Nothing was deleted.")
	r = runCwpat(t, append([]string{"destroy", "--apply"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	st := srv.Snapshot("", "us-east-1")
	assert.Empty(t, st.Alarms)
	assert.Empty(t, st.Topics)
	assert.Empty(t, st.LogGroups["CloudTrail/Logs"])
}

func TestDeployCommandErrors(t *testing.T) {
	isolateAWS(t)
	srv := localawstest.Start(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no trail and no log group", []string{"plan", "--endpoint-url", srv.URL}, 1, "no CloudTrail trail delivers to a CloudWatch Logs log group in us-east-1"},
		{"log group missing", []string{"plan", "--endpoint-url", srv.URL, "--log-group-name", "nope"}, 1, `log group "nope" does not exist`},
		{"bad endpoint", []string{"plan", "--endpoint-url", "ftp://x", "--log-group-name", "g"}, 2, "must be an http:// or https:// URL"},
		{"unreachable endpoint", []string{"plan", "--endpoint-url", "http://127.0.0.1:1", "--log-group-name", "g", "--max-attempts", "1"}, 1, "could not reach the AWS endpoint"},
		{"unknown rule set", []string{"plan", "--rules", "cis-9.9"}, 2, `no built-in rule set "cis-9.9"`},
		{"unknown disabled rule", []string{"plan", "--disable", "nope", "--log-group-name", "g"}, 2, "--disable nope: rule set cis-5.0 has no such rule"},
		{"bad tag", []string{"deploy", "--tag", "novalue"}, 2, `--tag "novalue": want KEY=VALUE`},
		{"reserved tag", []string{"deploy", "--tag", "managed-by=me"}, 2, "cwpat's own bookkeeping"},
		{"no topic with email", []string{"deploy", "--no-topic", "--email", "a@b.c"}, 2, "--no-topic cannot be combined"},
		{"lambda not an arn", []string{"deploy", "--lambda", "myfunc"}, 2, "must be a function ARN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCwpat(t, tt.args...)
			assert.Equal(t, tt.code, r.code, r.stderr)
			assert.Contains(t, r.stderr, tt.stderr)
			assert.NotContains(t, r.stderr, "local-secret")
		})
	}
}

func countText(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
