// The race detector makes sync.Pool drop items at random, so regexp and
// other pooled state allocate under -race: allocation counts are only
// meaningful without it.

//go:build !race

package pattern

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestMatchAllocations pins the per-event cost of the common cases: a
// CloudTrail-style JSON pattern and a term pattern match without allocating.
func TestMatchAllocations(t *testing.T) {
	event := []byte(`{"eventVersion":"1.08","userIdentity":{"type":"Root","arn":"arn:aws:iam::123456789012:root"},` +
		`"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","errorCode":"AccessDenied",` +
		`"responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"MFAUsed":"No"},"resources":[{"ARN":"a"},{"ARN":"b"}]}`)
	cases := []struct{ pattern string }{
		{`{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }`},
		{`{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`},
		{`{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`},
		{`{ $.resources[*].ARN = "b" }`},
		{`{ $.eventName = %^Console% }`},
		{`ConsoleLogin -Success`},
	}
	for _, c := range cases {
		m := MustCompile(c.pattern)
		m.Match(event)
		allocs := testing.AllocsPerRun(100, func() { m.Match(event) })
		assert.Zero(t, allocs, "%s allocates %v per Match", c.pattern, allocs)
	}
}

// TestDelimitedAllocations: space-delimited and regex term patterns do not
// allocate per event either (up to 32 fields).
func TestDelimitedAllocations(t *testing.T) {
	event := []byte(`127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534`)
	for _, src := range []string{
		`[ip, id, user, timestamp, request = *index*, status_code = 4*, size > 1000]`,
		`[..., status_code = %^4[0-9]{2}$%, size]`,
		`[ip, rest]`,
		`%frank% -%^10\.%`,
	} {
		m := MustCompile(src)
		assert.True(t, m.Match(event), src)
		allocs := testing.AllocsPerRun(100, func() { m.Match(event) })
		assert.Zero(t, allocs, "%s allocates %v per Match", src, allocs)
	}
}
