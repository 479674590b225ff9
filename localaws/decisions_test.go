package localaws_test

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decisionCase is one line of pattern's decisions.jsonl: the conformance
// cases behind cwpat's own decisions on what AWS does (pattern/SEMANTICS.md).
type decisionCase struct {
	ID         string  `json:"id"`
	Pattern    string  `json:"pattern"`
	Event      *string `json:"event"`
	Match      any     `json:"match"`
	AWSMessage string  `json:"aws_message"`
}

// The endpoint answers every decision case as the pattern package does:
// through the SDK, over HTTP, TestMetricFilter matches or refuses exactly as
// the case says.
func TestTestMetricFilterFollowsDecisions(t *testing.T) {
	f, err := os.Open("../pattern/testdata/conformance/decisions.jsonl")
	require.NoError(t, err)
	defer f.Close()
	c := newClients(t)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		var dc decisionCase
		require.NoError(t, json.Unmarshal(sc.Bytes(), &dc))
		n++
		t.Run(dc.ID, func(t *testing.T) {
			event := "x"
			if dc.Event != nil {
				event = *dc.Event
			}
			out, err := c.logs.TestMetricFilter(ctx, &cloudwatchlogs.TestMetricFilterInput{
				FilterPattern: aws.String(dc.Pattern), LogEventMessages: []string{event}})
			if dc.Match == "error" {
				var inv *types.InvalidParameterException
				require.ErrorAs(t, err, &inv)
				if dc.AWSMessage != "" {
					assert.Equal(t, dc.AWSMessage, inv.ErrorMessage())
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, dc.Match == true, len(out.Matches) == 1, "pattern %q event %q", dc.Pattern, event)
		})
	}
	require.NoError(t, sc.Err())
	require.NotZero(t, n)
}
