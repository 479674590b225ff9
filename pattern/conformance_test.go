package pattern

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/diag"
)

// conformanceCase is one line of testdata/conformance/*.jsonl: cases.jsonl
// is copied from the project's reference material (see the spec, section
// 8); decisions.jsonl holds the cases behind cwpat's own decisions, each
// with its evidence (SEMANTICS.md).
type conformanceCase struct {
	ID       string  `json:"id"`
	Pattern  string  `json:"pattern"`
	Event    *string `json:"event"`
	Match    any     `json:"match"`
	Evidence string  `json:"evidence"`
	Source   string  `json:"source"`
	Note     string  `json:"note"`
	// AWSMessage, when set, is AWS's message for a refused pattern.
	AWSMessage string `json:"aws_message"`
	// EventNumber, when set, is TestMetricFilter's eventNumber for the
	// event sent as the only message.
	EventNumber int `json:"event_number"`
}

func loadConformance(t testing.TB) []conformanceCase {
	files, err := filepath.Glob("testdata/conformance/*.jsonl")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var out []conformanceCase
	for _, name := range files {
		out = append(out, loadConformanceFile(t, name)...)
	}
	return out
}

func loadConformanceFile(t testing.TB, name string) []conformanceCase {
	f, err := os.Open(name)
	require.NoError(t, err)
	defer f.Close()
	var out []conformanceCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c conformanceCase
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(&c), sc.Text())
		require.NotEmpty(t, c.Evidence, "%s: every case says what its answer rests on", c.ID)
		out = append(out, c)
	}
	require.NoError(t, sc.Err())
	require.NotEmpty(t, out)
	return out
}

// awsMessages are the messages the conformance notes quote from AWS, by
// case. The notes put the quote before " | ". X02 and X13 quote the
// FilterLogEvents/console wording, which FilterLogEventsMessage gives; X07's
// note abbreviates the pattern, so only its shape is compared; X09's note
// quotes only the start of the message. X03, X04 and X05 do not quote AWS
// (X04's note quotes the documentation, not an error).
var awsMessages = map[string]struct {
	want     string
	filterLE bool // compare FilterLogEventsMessage
	prefix   bool
}{
	"X01": {want: "Duplicate field '...'"},
	"X02": {want: "Invalid filter pattern", filterLE: true},
	"X07": {want: "1 validation error detected: Value 'XXX", prefix: true},
	"X08": {want: "If a filter pattern starts with '{' it must end with '}'"},
	"X09": {want: "Invalid character(s) in term", prefix: true},
	"X10": {want: "Invalid character(s) in term '?'"},
	"X13": {want: "Invalid filter pattern", filterLE: true},
}

func TestConformance(t *testing.T) {
	for _, c := range loadConformance(t) {
		t.Run(c.ID, func(t *testing.T) {
			if c.Match == "error" {
				_, err := Parse(c.Pattern)
				require.Error(t, err, "AWS refuses %q", c.Pattern)
				l, ok := diag.As(err)
				require.True(t, ok)
				require.NotEmpty(t, l)
				if c.AWSMessage != "" {
					assert.Equal(t, c.AWSMessage, l[0].AWSMessage)
				}
				if want, quoted := awsMessages[c.ID]; quoted {
					got := l[0].AWSMessage
					if want.filterLE {
						got = FilterLogEventsMessage(l[0])
					}
					if want.prefix {
						assert.True(t, strings.HasPrefix(got, want.want), "AWSMessage %q should start with %q", got, want.want)
					} else {
						assert.Equal(t, want.want, got)
					}
				}
				return
			}
			require.NotNil(t, c.Event, "case without event")
			m, err := Compile(c.Pattern)
			require.NoError(t, err)
			want, ok := c.Match.(bool)
			require.True(t, ok, "match is %v", c.Match)
			assert.Equal(t, want, m.MatchString(*c.Event), "pattern %q event %q (%s)", c.Pattern, *c.Event, c.Note)
			assert.Equal(t, want, compileReference(m.Pattern()).match([]byte(*c.Event)), "reference evaluator")
			set, err := CompileSet([]string{c.Pattern, `{ $.cwpatNever = "x" }`})
			require.NoError(t, err)
			assert.Equal(t, want, set.Match([]byte(*c.Event), make([]bool, 2)) == 1, "set matcher")
			if c.EventNumber != 0 {
				out, err := TestMetricFilter(c.Pattern, []string{*c.Event})
				require.NoError(t, err)
				require.Len(t, out.Matches, 1)
				assert.Equal(t, c.EventNumber, out.Matches[0].EventNumber)
			}
			assertRoundTrip(t, m.Pattern())
		})
	}
}

// assertRoundTrip checks that the canonical form parses to the same syntax
// tree and is a fixed point.
func assertRoundTrip(t *testing.T, p *Pattern) {
	t.Helper()
	s := p.String()
	q, err := Parse(s)
	require.NoError(t, err, "canonical form %q of %q does not parse", s, p.Source())
	assert.Equal(t, dump(p), dump(q), "canonical form %q of %q changes the syntax tree", s, p.Source())
	assert.Equal(t, s, q.String(), "String is not idempotent")
}
