package pattern

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/diag"
)

// TestErrorText compares the full rendered text of every diagnostic.
func TestErrorText(t *testing.T) {
	for _, c := range errorCases {
		_, err := Parse(c.pattern)
		require.Error(t, err, c.pattern)
		l, ok := diag.As(err)
		require.True(t, ok)
		assert.Equal(t, c.want, renderAll(l), "pattern %q", c.pattern)
		for _, d := range l {
			assert.Equal(t, diag.Error, d.Severity)
			assert.NotEmpty(t, d.AWSMessage, "%s: every error says what AWS answers", d.Code)
			assert.Regexp(t, `^[a-z]+(-[a-z]+)*$`, d.Code)
		}
	}
}

func TestAWSMessages(t *testing.T) {
	cases := []struct{ pattern, code, aws string }{
		{`{ $.a = 1`, "unclosed-brace", "If a filter pattern starts with '{' it must end with '}'"},
		{`[a, ..., b, ...]`, "duplicate-ellipsis", "Duplicate field '...'"},
		{`[a, b, a]`, "duplicate-field", "Duplicate field 'a'"},
		{`“quoted”`, "invalid-character", "Invalid character(s) in term '?'"},
		{`%a(b)%`, "regex-invalid-character", "Invalid character(s) in term '()'"},
		{`%é%`, "regex-invalid-character", "Invalid character(s) in term '?'"},
		{`{ $.a IS NOT NULL }`, "unsupported-is-not", MsgInvalidMetricFilterPattern},
		{strings.Repeat("x", 1025), "pattern-too-long", "1 validation error detected: Value '" + strings.Repeat("x", 1025) +
			"' at 'filterPattern' failed to satisfy constraint: Member must have length less than or equal to 1024"},
	}
	for _, c := range cases {
		_, err := Parse(c.pattern)
		l, ok := diag.As(err)
		require.True(t, ok, c.pattern)
		assert.Equal(t, c.code, l[0].Code, c.pattern)
		assert.Equal(t, c.aws, l[0].AWSMessage, c.pattern)
	}
	d := diag.Diagnostic{AWSMessage: MsgInvalidMetricFilterPattern}
	assert.Equal(t, "Invalid filter pattern", FilterLogEventsMessage(d))
	d.AWSMessage = MsgUnclosedBrace
	assert.Equal(t, MsgUnclosedBrace, FilterLogEventsMessage(d))
}

func TestLengthLimit(t *testing.T) {
	ok := strings.Repeat("a", MaxPatternLength)
	_, err := Parse(ok)
	assert.NoError(t, err)
	// The limit counts characters, not bytes.
	_, err = Parse(`"` + strings.Repeat("é", MaxPatternLength-2) + `"`)
	assert.NoError(t, err)
	_, err = Parse(ok + "a")
	assert.Error(t, err)
}

// TestAllProblemsReported: one call finds every independent problem.
func TestAllProblemsReported(t *testing.T) {
	_, err := Parse(`{ $.a = 'x' && b = 1 && $.c == 2 && $.d IS MAYBE && $.e EXISTS }`)
	l, _ := diag.As(err)
	var codes []string
	for _, d := range l {
		codes = append(codes, d.Code)
	}
	assert.Equal(t, []string{"single-quoted-value", "selector-without-dollar", "invalid-operator", "invalid-is-keyword", "unsupported-exists"}, codes)
}

func TestMultiLinePositions(t *testing.T) {
	src := "{\n  ($.a = \"x\")\n  && ($.b = %(%)\n}"
	_, err := Parse(src)
	l, _ := diag.As(err)
	require.Len(t, l, 1)
	assert.Equal(t, 3, l[0].Pos.Line)
	assert.Equal(t, 14, l[0].Pos.Column)
	assert.Equal(t, "  && ($.b = %(%)", l[0].SourceLine)
}
