package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/pattern"
)

func TestTMFJSONLayout(t *testing.T) {
	var b bytes.Buffer
	out := &pattern.TestMetricFilterOutput{Matches: []pattern.MetricFilterMatch{
		{EventNumber: 0, EventMessage: "ERROR <b> & café", ExtractedValues: nil},
		{EventNumber: 3, EventMessage: "a b", ExtractedValues: map[string]string{"$10": "j", "$2": "b", "$size": "9", "$1": "a", "$ip": "x"}},
	}}
	require.NoError(t, writeTMFJSON(&b, out))
	// The layout of `aws --output json`: 4-space indent, {} for no values,
	// nothing escaped that Python's json.dumps(ensure_ascii=False) keeps.
	assert.Equal(t, `{
    "matches": [
        {
            "eventNumber": 0,
            "eventMessage": "ERROR <b> & café",
            "extractedValues": {}
        },
        {
            "eventNumber": 3,
            "eventMessage": "a b",
            "extractedValues": {
                "$1": "a",
                "$2": "b",
                "$10": "j",
                "$ip": "x",
                "$size": "9"
            }
        }
    ]
}
`, b.String())

	b.Reset()
	require.NoError(t, writeTMFJSON(&b, &pattern.TestMetricFilterOutput{}))
	assert.Equal(t, "{\n    \"matches\": []\n}\n", b.String())
}

func TestTakeListFlag(t *testing.T) {
	for _, tc := range []struct {
		args, values, rest []string
		err                bool
	}{
		{args: []string{"--filter-pattern", "x", "--log-event-messages", "a", "b c", "-o", "json"},
			values: []string{"a", "b c"}, rest: []string{"--filter-pattern", "x", "-o", "json"}},
		// argparse keeps negative numbers and words with spaces as values.
		{args: []string{"--log-event-messages", "-5", "- dash", "-x"}, values: []string{"-5", "- dash"}, rest: []string{"-x"}},
		{args: []string{"--log-event-messages=a", "--log-event-messages", "b"}, values: []string{"a", "b"}},
		{args: []string{"--log-event-messages", "--", "a"}, err: true},
		{args: []string{"--log-event-messages"}, err: true},
		{args: []string{"-", "--log-event-messages", "-"}, values: []string{"-"}, rest: []string{"-"}},
	} {
		values, rest, _, err := takeListFlag(tc.args, "log-event-messages")
		if tc.err {
			assert.Error(t, err, "%q", tc.args)
			continue
		}
		require.NoError(t, err, "%q", tc.args)
		assert.Equal(t, tc.values, values, "%q", tc.args)
		assert.Equal(t, tc.rest, rest, "%q", tc.args)
	}
}

func TestUnpackStringList(t *testing.T) {
	got, err := unpackStringList("--x", []string{` ["a", "b"]`})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, got)
	got, err = unpackStringList("--x", []string{"[a", "b"})
	require.NoError(t, err, "only a single value is read as JSON")
	assert.Equal(t, []string{"[a", "b"}, got)
	_, err = unpackStringList("--x", []string{`["a", 1]`})
	assert.Error(t, err)
}

// The CLI's request check and pattern.Parse count a pattern's length the
// same way (UTF-16 code units, awslimits.Length): issue 8 §1.
func TestTMFLengthAgreesWithParse(t *testing.T) {
	for _, n := range []int{511, 512, 600} {
		src := `"` + strings.Repeat("😀", n) + `"`
		_, err := pattern.Parse(src)
		refused := validateTMFRequest(src, []string{"x"}) != ""
		assert.Equal(t, err != nil, refused, "%d emoji", n)
		assert.Equal(t, n > 511, refused, "%d emoji", n)
	}
}

func TestTMFJSONParses(t *testing.T) {
	var b bytes.Buffer
	out := &pattern.TestMetricFilterOutput{Matches: []pattern.MetricFilterMatch{
		{EventNumber: 1, EventMessage: "x\u2028y", ExtractedValues: map[string]string{"$a": "\"", "$1": "\\"}},
		{EventNumber: 2, EventMessage: "z"},
	}}
	require.NoError(t, writeTMFJSON(&b, out))
	var back pattern.TestMetricFilterOutput
	require.NoError(t, json.Unmarshal(b.Bytes(), &back))
	assert.Equal(t, "x\u2028y", back.Matches[0].EventMessage)
	assert.Equal(t, map[string]string{"$a": "\"", "$1": "\\"}, back.Matches[0].ExtractedValues)
	assert.Equal(t, map[string]string{}, back.Matches[1].ExtractedValues)
}
