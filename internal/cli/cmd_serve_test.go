package cli

import (
	"bufio"
	"context"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
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

	cancel()
	assert.Equal(t, ExitOK, <-exit)
	log := stderr.String()
	assert.Contains(t, log, "local AWS endpoint listening on "+url)
	assert.Contains(t, log, "111122223333 eu-west-1 logs.CreateLogGroup (awsJson1_1) ok\n")
	assert.Contains(t, log, "local AWS endpoint stopped")
}
