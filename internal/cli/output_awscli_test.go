package cli

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/internal/testenv"
)

// The AWS CLI's own text and table formatter is the referee for cwpat's:
// the same test-metric-filter call, answered by 'cwpat serve', printed by
// `aws logs test-metric-filter --output text|table [--query]` and by
// `cwpat test-metric-filter -o text|table [--query]`, must read the same.
func TestTextAndTableOutputMatchTheAWSCLI(t *testing.T) {
	bin := testenv.AWSCLI(t)
	url := startServe(t)
	env := testenv.AWSCLIEnv(t, url)
	call := []string{"--filter-pattern", "[ip, user, status=4*, size]", "--log-event-messages",
		"10.0.0.1 alice 404 512", "10.0.0.2 bob 200 64", "10.0.0.3 carol 403 1"}
	for _, extra := range [][]string{
		{"--output", "text"},
		{"--output", "table"},
		{"--output", "text", "--query", "matches[].eventNumber"},
		{"--output", "table", "--query", "matches[].{n: eventNumber, who: extractedValues.\"$user\"}"},
		{"--output", "text", "--query", "matches[?eventNumber > `0`].eventMessage"},
	} {
		args := append(append([]string(nil), call...), extra...)
		cmd := exec.Command(bin, append([]string{"--endpoint-url", url, "logs", "test-metric-filter"}, args...)...)
		cmd.Env = env
		var stderr strings.Builder
		cmd.Stderr = &stderr
		want, err := cmd.Output()
		require.NoError(t, err, "aws: %s", stderr.String())
		r := runCwpat(t, append([]string{"test-metric-filter"}, args...)...)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, string(want), r.stdout, "%v", extra)
	}
}
