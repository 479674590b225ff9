package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/internal/testenv"
	"github.com/cwpat/cwpat/rules"
)

// startServe runs `cwpat serve` in-process on a free loopback port and
// returns its URL; the server stops when the test ends.
func startServe(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), pw, io.Discard, nil)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("cwpat serve did not stop")
		}
	})
	line, err := bufio.NewReader(pr).ReadString('\n')
	require.NoError(t, err, "cwpat serve printed no URL")
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	url := strings.TrimSpace(line)
	require.True(t, strings.HasPrefix(url, "http://127.0.0.1:"), url)
	return url
}

// awsCLI returns a function running the AWS CLI against url with an
// environment of its own: test credentials, no real home or profile.
func awsCLI(t *testing.T, url string) func(args ...string) map[string]any {
	t.Helper()
	bin := testenv.AWSCLI(t)
	env := testenv.AWSCLIEnv(t, url)
	return func(args ...string) map[string]any {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"--endpoint-url", url, "--output", "json"}, args...)...)
		cmd.Env = env
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		require.NoError(t, err, "aws %s: %s", strings.Join(args, " "), stderr.String())
		var doc map[string]any
		if len(strings.TrimSpace(string(out))) > 0 {
			require.NoError(t, json.Unmarshal(out, &doc), string(out))
		}
		return doc
	}
}

// TestAWSCLISeesWhatDeployWrote checks the deployment with an independent
// client: the AWS CLI reads, through its own protocol code, what cwpat wrote
// through the Go SDK into `cwpat serve`.
func TestAWSCLISeesWhatDeployWrote(t *testing.T) {
	isolateAWS(t)
	url := startServe(t)
	aws := awsCLI(t, url)
	set, err := rules.Builtin("cis")
	require.NoError(t, err)

	aws("logs", "create-log-group", "--log-group-name", "CloudTrail/Logs")
	r := runCwpat(t, "deploy", "--rules", "cis", "--apply", "--endpoint-url", url, "--log-group-name", "CloudTrail/Logs", "--email", "sec@example.com")
	require.Equal(t, 0, r.code, r.stderr)

	filters := aws("logs", "describe-metric-filters", "--log-group-name", "CloudTrail/Logs")["metricFilters"].([]any)
	require.Len(t, filters, len(set.Rules))
	byName := map[string]map[string]any{}
	for _, f := range filters {
		m := f.(map[string]any)
		byName[m["filterName"].(string)] = m
	}
	root, ok := set.Rule("root-usage")
	require.True(t, ok)
	rf := byName["cwpat-"+root.EffectiveFilterName()]
	require.NotNil(t, rf, "filters: %v", byName)
	assert.Equal(t, root.FilterPattern, rf["filterPattern"])
	mt := rf["metricTransformations"].([]any)[0].(map[string]any)
	assert.Equal(t, root.MetricTransformation.MetricName, mt["metricName"])

	alarms := aws("cloudwatch", "describe-alarms", "--alarm-name-prefix", "cwpat-")["MetricAlarms"].([]any)
	require.Len(t, alarms, len(set.Rules))
	first := alarms[0].(map[string]any)
	assert.Equal(t, "GreaterThanOrEqualToThreshold", first["ComparisonOperator"])
	actions := first["AlarmActions"].([]any)
	require.Len(t, actions, 1)
	topic := actions[0].(string)
	assert.True(t, strings.HasSuffix(topic, ":cwpat-alarms"), topic)

	subs := aws("sns", "list-subscriptions-by-topic", "--topic-arn", topic)["Subscriptions"].([]any)
	require.Len(t, subs, 1)
	sub := subs[0].(map[string]any)
	assert.Equal(t, "email", sub["Protocol"])
	assert.Equal(t, "sec@example.com", sub["Endpoint"])
	assert.Equal(t, "PendingConfirmation", sub["SubscriptionArn"])

	rootLogin := `{"userIdentity":{"type":"Root","accountId":"111122223333"},"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","eventType":"AwsConsoleSignIn"}`
	byService := `{"userIdentity":{"type":"Root","invokedBy":"s3.amazonaws.com"},"eventName":"PutObject","eventType":"AwsApiCall"}`
	matches := aws("logs", "test-metric-filter", "--filter-pattern", rf["filterPattern"].(string),
		"--log-event-messages", rootLogin, byService)["matches"].([]any)
	require.Len(t, matches, 1)
	assert.Equal(t, float64(1), matches[0].(map[string]any)["eventNumber"])
}
