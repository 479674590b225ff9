package pattern

import (
	"github.com/cwpat/cwpat/awslimits"

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
		{`{ $.a IS NOT NULL }`, "unsupported-is-not", awslimits.MsgInvalidMetricFilterPattern},
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
	d := diag.Diagnostic{AWSMessage: awslimits.MsgInvalidMetricFilterPattern}
	assert.Equal(t, "Invalid filter pattern", FilterLogEventsMessage(d))
	d.AWSMessage = awslimits.MsgUnclosedBrace
	assert.Equal(t, awslimits.MsgUnclosedBrace, FilterLogEventsMessage(d))
}

func TestLengthLimit(t *testing.T) {
	ok := strings.Repeat("a", awslimits.FilterPatternMaxLength)
	_, err := Parse(ok)
	assert.NoError(t, err)
	// The limit counts UTF-16 code units, as AWS's Java validators do: not
	// bytes (é is one unit), and an emoji is two.
	_, err = Parse(`"` + strings.Repeat("é", awslimits.FilterPatternMaxLength-2) + `"`)
	assert.NoError(t, err)
	_, err = Parse(ok + "a")
	assert.Error(t, err)
	_, err = Parse(`"` + strings.Repeat("😀", 511) + `"`) // 1,024 units
	assert.NoError(t, err)
	_, err = Parse(`"` + strings.Repeat("😀", 511) + `x"`) // 1,025 units, 514 characters
	l, ok2 := diag.As(err)
	require.True(t, ok2, "%v", err)
	assert.Equal(t, "pattern-too-long", l[0].Code)
	assert.Equal(t, "filter pattern is 514 characters long, which AWS counts as 1025 (characters such as emoji count twice); AWS allows at most 1024", l[0].Message)
	assert.True(t, strings.HasSuffix(l[0].AWSMessage, "failed to satisfy constraint: Member must have length less than or equal to 1024"))
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
