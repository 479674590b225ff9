package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// FuzzTestMetricFilter drives the whole program with arbitrary patterns and
// messages: whatever the input, cwpat answers (exit 0 with one JSON
// document) or refuses (exit 2 with a message), and never crashes.
func FuzzTestMetricFilter(f *testing.F) {
	for _, seed := range [][2]string{
		{`{ $.a = "x" }`, `{"a":"x"}`},
		{`[ip, user, status=4*, size]`, `10.0.0.1 alice 404 512`},
		{`[..., size]`, `a "b c" [d e] 7`},
		{`?ERROR ?WARN -DEBUG`, `ERROR x`},
		{`%[0-9]{3,}%`, `code 404`},
		{`{ $.a[*].b != 1 || ($.c IS NULL && $.d NOT EXISTS) }`, `{"a":[{"b":2}],"c":null}`},
		{`{ $.a = `, `{`},
		{`[a, b`, `a b`},
		{`"unterminated`, `x`},
		{`{ $.['a.b'] = *.8xlarge }`, `{"a.b":"x2idn.8xlarge"}`},
		{"\x00\xff{", "\xff"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, pattern, message string) {
		if message == "" {
			message = "x" // an empty message is refused before the pattern is read
		}
		var stdout, stderr bytes.Buffer
		code := Run(context.Background(),
			[]string{"test-metric-filter", "--filter-pattern=" + pattern, "--log-event-messages=" + message},
			strings.NewReader(""), &stdout, &stderr, nil)
		if strings.Contains(stderr.String(), "internal error") {
			t.Fatalf("pattern %q, message %q: %s", pattern, message, stderr.String())
		}
		switch code {
		case ExitOK:
			var out struct {
				Matches []json.RawMessage `json:"matches"`
			}
			if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
				t.Fatalf("pattern %q: exit 0 but stdout is not the response: %v\n%s", pattern, err, stdout.String())
			}
		case ExitUsage:
			if stdout.Len() != 0 || stderr.Len() == 0 {
				t.Fatalf("pattern %q: refused, but stdout=%q stderr=%q", pattern, stdout.String(), stderr.String())
			}
		default:
			t.Fatalf("pattern %q: exit %d", pattern, code)
		}
	})
}
