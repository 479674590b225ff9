package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/cwpat/cwpat/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a strings.Builder safe to read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeAnswersTheSDK starts `cwpat serve` in-process on a free port,
// reads its URL from stdout, drives it with the real SDK and stops it by
// cancelling the context, as Ctrl-C does.
func TestServeAnswersTheSDK(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	outR, outW := io.Pipe()
	stderr := &syncBuffer{}
	exit := make(chan int, 1)
	go func() {
		exit <- Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "-v", "--account", "111122223333"}, strings.NewReader(""), outW, stderr, nil)
		outW.Close()
	}()
	url, err := bufio.NewReader(outR).ReadString('\n')
	require.NoError(t, err, "stderr: %s", stderr.String())
	url = strings.TrimSpace(url)
	require.True(t, strings.HasPrefix(url, "http://127.0.0.1:"), url)
	go func() { _, _ = io.Copy(io.Discard, outR) }()

	logs := cloudwatchlogs.NewFromConfig(aws.Config{
		Region:       "eu-west-1",
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
		BaseEndpoint: aws.String(url),
	})
	_, err = logs.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("trail")})
	require.NoError(t, err)
	out, err := logs.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{})
	require.NoError(t, err)
	require.Len(t, out.LogGroups, 1)
	// --account applies to keys that are not account ids; the region is the signature's.
	assert.Equal(t, "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*", aws.ToString(out.LogGroups[0].Arn))

	cfg := aws.Config{Region: "eu-west-1", Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""), BaseEndpoint: aws.String(url)}
	topic, err := sns.NewFromConfig(cfg).CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("alerts")})
	require.NoError(t, err)
	_, err = sns.NewFromConfig(cfg).Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Subject: aws.String("hello"), Message: aws.String("x")})
	require.NoError(t, err)

	cancel()
	assert.Equal(t, ExitOK, <-exit)
	log := stderr.String()
	assert.Contains(t, log, "sns: arn:aws:sns:eu-west-1:111122223333:alerts -> (no confirmed subscription): hello\n")
	assert.Contains(t, log, "local AWS endpoint listening on "+url)
	assert.Contains(t, log, "111122223333 eu-west-1 logs.CreateLogGroup (awsJson1_1) ok\n")
	assert.Contains(t, log, "local AWS endpoint stopped")
}

// startServeForCLI runs `cwpat serve` on a free port for the test and returns its URL.
func startServeForCLI(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	outR, outW := io.Pipe()
	exit := make(chan int, 1)
	go func() {
		exit <- Run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), outW, io.Discard, nil)
		outW.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-exit; code != ExitOK {
			t.Errorf("cwpat serve exited %d", code)
		}
	})
	url, err := bufio.NewReader(outR).ReadString('\n')
	require.NoError(t, err)
	go func() { _, _ = io.Copy(io.Discard, outR) }()
	return strings.TrimSpace(url)
}

// awsCLIs returns the AWS CLIs to test: the one on PATH and Debian's
// /usr/bin/aws (2.9, which speaks the query protocol to CloudWatch) when it
// is a different program. Without any, the test skips locally and fails in
// CI, where .ci/run installs Debian's awscli.
func awsCLIs(t *testing.T) []string {
	t.Helper()
	var found []string
	seen := map[string]bool{}
	for _, name := range []string{"aws", "/usr/bin/aws"} {
		p, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			real = p
		}
		if !seen[real] {
			seen[real] = true
			found = append(found, p)
		}
	}
	if len(found) == 0 {
		testenv.NeedTool(t, errors.New("no aws on PATH"), "the AWS CLI", "apt-get install -y awscli")
	}
	return found
}

// TestAWSCLIAgainstServe drives `cwpat serve` with the real AWS CLI: JSON 1.1
// (logs), query or JSON 1.0 (cloudwatch, by CLI version) and query (sns).
func TestAWSCLIAgainstServe(t *testing.T) {
	clis := awsCLIs(t)
	url := startServeForCLI(t)

	for i, cli := range clis {
		t.Run(filepath.Base(filepath.Dir(cli))+"-"+filepath.Base(cli), func(t *testing.T) {
			aws := testenv.AWSCLIRunner(t, cli, url)
			group := fmt.Sprintf("CloudTrail/cli-%d", i)
			topic := fmt.Sprintf("cis-alarms-%d", i)
			aws(true, "logs", "create-log-group", "--log-group-name", group)
			aws(true, "logs", "put-metric-filter", "--log-group-name", group, "--filter-name", "cis-root",
				"--filter-pattern", `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }`,
				"--metric-transformations", "metricName=RootUsage,metricNamespace=CIS,metricValue=1")
			out := aws(true, "logs", "describe-metric-filters", "--log-group-name", group)
			var filters struct {
				MetricFilters []struct {
					FilterName            string `json:"filterName"`
					FilterPattern         string `json:"filterPattern"`
					MetricTransformations []struct {
						MetricName string `json:"metricName"`
					} `json:"metricTransformations"`
				} `json:"metricFilters"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &filters), out)
			require.Len(t, filters.MetricFilters, 1)
			assert.Equal(t, "cis-root", filters.MetricFilters[0].FilterName)
			assert.Equal(t, "RootUsage", filters.MetricFilters[0].MetricTransformations[0].MetricName)

			out = aws(true, "logs", "test-metric-filter", "--filter-pattern", "[ip, user, status=4*, size]",
				"--log-event-messages", "10.0.0.1 alice 404 512", "10.0.0.2 bob 200 64")
			assert.JSONEq(t, `{"matches":[{"eventNumber":1,"eventMessage":"10.0.0.1 alice 404 512","extractedValues":{"$ip":"10.0.0.1","$user":"alice","$status":"404","$size":"512"}}]}`, out)

			stderr := aws(false, "logs", "put-metric-filter", "--log-group-name", group, "--filter-name", "bad",
				"--filter-pattern", "{ $.a = 1", "--metric-transformations", "metricName=M,metricNamespace=CIS,metricValue=1")
			assert.Contains(t, stderr, "(InvalidParameterException) when calling the PutMetricFilter operation: If a filter pattern starts with '{' it must end with '}'")

			topicARN := "arn:aws:sns:us-east-1:123456789012:" + topic
			out = aws(true, "sns", "create-topic", "--name", topic)
			assert.Contains(t, out, topicARN)
			aws(true, "sns", "subscribe", "--topic-arn", topicARN, "--protocol", "email", "--notification-endpoint", "soc@example.com")
			out = aws(true, "sns", "list-subscriptions-by-topic", "--topic-arn", topicARN)
			assert.Contains(t, out, `"SubscriptionArn": "PendingConfirmation"`)
			assert.Contains(t, out, `"Endpoint": "soc@example.com"`)

			alarm := fmt.Sprintf("cis-root-usage-%d", i)
			aws(true, "cloudwatch", "put-metric-alarm", "--alarm-name", alarm, "--metric-name", "RootUsage", "--namespace", "CIS",
				"--statistic", "Sum", "--period", "300", "--evaluation-periods", "1", "--threshold", "1",
				"--comparison-operator", "GreaterThanOrEqualToThreshold", "--treat-missing-data", "notBreaching",
				"--alarm-actions", topicARN, "--dimensions", "Name=Trail,Value=main", "--tags", "Key=managed-by,Value=cwpat")
			out = aws(true, "cloudwatch", "describe-alarms", "--alarm-names", alarm)
			var alarms struct {
				MetricAlarms []struct {
					AlarmName    string
					AlarmActions []string
					Threshold    float64
					StateValue   string
					Dimensions   []struct{ Name, Value string }
				}
			}
			require.NoError(t, json.Unmarshal([]byte(out), &alarms), out)
			require.Len(t, alarms.MetricAlarms, 1)
			a := alarms.MetricAlarms[0]
			assert.Equal(t, alarm, a.AlarmName)
			assert.Equal(t, []string{topicARN}, a.AlarmActions)
			assert.InDelta(t, 1.0, a.Threshold, 0)
			// A new alarm waits for its first period boundary: INSUFFICIENT_DATA,
			// or OK (notBreaching, no data) if the test crossed a boundary.
			assert.Contains(t, []string{"INSUFFICIENT_DATA", "OK"}, a.StateValue)
			assert.Equal(t, []struct{ Name, Value string }{{"Trail", "main"}}, a.Dimensions)

			stderr = aws(false, "cloudwatch", "put-metric-alarm", "--alarm-name", "too-long", "--metric-name", "M", "--namespace", "CIS",
				"--statistic", "Sum", "--period", "300", "--evaluation-periods", "289", "--threshold", "1", "--comparison-operator", "GreaterThanThreshold")
			assert.Contains(t, stderr, "(ValidationError) when calling the PutMetricAlarm operation: Metrics cannot be checked across more than a day")
		})
	}
}
