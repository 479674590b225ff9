package pattern

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Explain's outcome is the reference evaluator's, and each step says what
// the event holds where the test looks.
func TestExplain(t *testing.T) {
	cases := []struct {
		pattern, event string
		matched        bool
		reason         string
		found          []string // Found of each step
		held           []bool
	}{
		{`{ $.a = "x" }`, `not json`, false, "the event is not one JSON object, so no JSON pattern matches it", nil, nil},
		{`{ $.a = 5 || $.b IS NULL }`, `{"a":"5","b":null}`, true, "",
			[]string{`$.a is the string "5", compared as the number it spells`, `$.b is null`}, []bool{true, true}},
		{`{ $.a = 1e3 }`, `{"a":"1e3"}`, false, "",
			[]string{`$.a is the string "1e3", which is not a decimal number, so no number equals it`}, []bool{false}},
		{`{ $.a != "x" }`, `{"a":[1]}`, false, "",
			[]string{`$.a is an array: only strings, numbers and booleans are compared, != included`}, []bool{false}},
		{`{ $.a = "400" }`, `{"a":400}`, true, "", []string{`$.a is the number 400, compared as its text "400"`}, []bool{true}},
		{`{ $.a[*] = "y" }`, `{"a":["x","y"]}`, true, "",
			[]string{`$.a[*] selects 2 value(s): the string "x", the string "y"; the condition holds when any of them passes`}, []bool{true}},
		{`{ $.a != "x" }`, `{"a":null}`, false, "", []string{`$.a is null: every comparison on null is false, != included`}, []bool{false}},
		{`{ $.gone NOT EXISTS }`, `{}`, true, "", []string{`$.gone is missing`}, []bool{true}},
		{`ERROR -DEBUG ?x`, `ERROR at DEBUG level`, false, "",
			[]string{"found at byte 0", "found at byte 9",
				"not in the event (terms are case-sensitive); ignored: ?terms count only when every term of the pattern is a ?term"},
			[]bool{true, false, false}},
		{`[ip, user, status = 4*]`, `10.0.0.1 alice 200`, false, "", []string{`field 3 (status) is "200"`}, []bool{false}},
		{`[ip, user, status >= 400]`, `10.0.0.1 alice`, false, "the event has 2 field(s); the pattern needs at least 3", nil, nil},
	}
	for _, c := range cases {
		m := MustCompile(c.pattern)
		x := m.Explain([]byte(c.event))
		assert.Equal(t, c.matched, x.Matched, c.pattern)
		assert.Equal(t, m.Match([]byte(c.event)), x.Matched, "Explain agrees with Match: %s", c.pattern)
		assert.Equal(t, c.reason, x.Reason, c.pattern)
		require.Len(t, x.Steps, len(c.found), c.pattern)
		for i, s := range x.Steps {
			assert.Equal(t, c.found[i], s.Found, c.pattern)
			assert.Equal(t, c.held[i], s.Held, "%s step %d", c.pattern, i)
		}
	}
}
