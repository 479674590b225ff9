package pattern

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDecisions pins the choices SEMANTICS.md records that the other
// semantic tables do not already cover.
func TestDecisions(t *testing.T) {
	runMatchCases(t, []matchCase{
		// Numbers beyond float64 compare as infinities; -0 equals 0.
		{`{ $.n > 1e300 }`, `{"n":1e400}`, true},
		{`{ $.n = 0 }`, `{"n":-0}`, true},
		// "Strings don't support scientific notation": "1e3" in an event is
		// text, 1e3 in the pattern or as a JSON number is a number.
		{`{ $.n = 1000 }`, `{"n":"1e3"}`, false},
		{`{ $.n = 1e3 }`, `{"n":"1000"}`, true},
		{`{ $.n = 1e3 }`, `{"n":1000}`, true},
		{`{ $.n = "1e3" }`, `{"n":"1e3"}`, true},
		{`[a > 10, b]`, `1e3 x`, false},
		// A space-delimited field that is not a number equals no number.
		{`[a != 5, b]`, `abc x`, true},
		{`[a = 5, b]`, `abc x`, false},
		// A numeric string is not a number when only part of it is numeric.
		{`{ $.n = 12 }`, `{"n":"12abc"}`, false},
		// '.' in a regex does not match a newline.
		{`%a.b%`, "a\nb", false},
		// Property names are case-sensitive.
		{`{ $.Name = x }`, `{"name":"x"}`, false},
		// Booleans compare by their literal text.
		{`{ $.b = "true" }`, `{"b":true}`, true},
		{`{ $.b != "false" }`, `{"b":true}`, true},
		// A wildcard selector skips nulls, arrays and objects among its values.
		{`{ $.a[*] != "x" }`, `{"a":[null,[1],{"b":1}]}`, false},
		{`{ $.a[*] IS NULL }`, `{"a":[1,null]}`, true},
	})
	for _, bad := range []string{`{ $.a is null }`, `{ $.a not exists }`, `ERR*`, `%a	b%`, `{ $.a = 1 }}`} {
		_, err := Parse(bad)
		assert.Error(t, err, bad)
	}
	p, err := Parse(`{ $.n = 1e400 }`)
	require.NoError(t, err)
	assert.True(t, p.Conditions()[0].Number() > 1e308)
}

// TestSpecialKeys: keys that mean something to gjson's path syntax are
// still read literally through $.['...'].
func TestSpecialKeys(t *testing.T) {
	ev := `{"a|b":1,"c*":2,"d?":3,"e#":4,"@f":5,"g.h":6,"i\\j":7,"k l":8,"0":9,"m":{"n.o":{"p":10}}}`
	runMatchCases(t, []matchCase{
		{`{ $.['a|b'] = 1 }`, ev, true},
		{`{ $.['c*'] = 2 }`, ev, true},
		{`{ $.['d?'] = 3 }`, ev, true},
		{`{ $.['e#'] = 4 }`, ev, true},
		{`{ $.['@f'] = 5 }`, ev, true},
		{`{ $.['g.h'] = 6 }`, ev, true},
		{`{ $.['i\j'] = 7 }`, ev, true},
		{`{ $.['k l'] = 8 }`, ev, true},
		{`{ $.0 = 9 }`, ev, true},
		{`{ $.m.['n.o'].p = 10 }`, ev, true},
		{`{ $.['c'] = 2 }`, ev, false},
		{`{ $.['a'] NOT EXISTS }`, ev, true},
	})
}
