package cli

import (
	"bytes"
	"context"
	"net"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A wrong --endpoint-url fails at the first attempt with the hint, instead
// of ten attempts over minutes.
func TestRefusedEndpointFailsAtOnceWithTheHint(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDFAKE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "fake")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	url := "http://" + l.Addr().String()
	require.NoError(t, l.Close())

	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"plan", "--region", "us-east-1", "--endpoint-url", url,
		"--log-group-name", "trail"}, strings.NewReader(""), &stdout, &stderr, nil)
	assert.Equal(t, ExitFindings, code, stderr.String())
	assert.Contains(t, stderr.String(), "connection refused")
	assert.Contains(t, stderr.String(), "check --endpoint-url")
	assert.NotContains(t, stderr.String(), "max attempts")
	assert.NotContains(t, stderr.String(), "waiting", "a refused connection is not retried")
}

// Ctrl-C cancels the context a command runs with; the program says so once
// and exits 130.
func TestInterruptedCommandExits130(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := Run(ctx, []string{"backtest", "--rules", "cis"}, strings.NewReader(""), &stdout, &stderr, nil)
	assert.Equal(t, ExitInterrupted, code)
	assert.Equal(t, "cwpat: interrupted\n", stderr.String())
}
