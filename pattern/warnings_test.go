package pattern

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/diag"
)

func warningCodes(t *testing.T, src string) []string {
	t.Helper()
	p, err := Parse(src)
	require.NoError(t, err, src)
	var codes []string
	for _, w := range p.Warnings() {
		assert.Equal(t, diag.Warning, w.Severity)
		assert.Empty(t, w.AWSMessage, "AWS accepts warned patterns")
		assert.NotEmpty(t, w.Hint, w.Code)
		codes = append(codes, w.Code)
	}
	return codes
}

func TestWarnings(t *testing.T) {
	cases := []struct {
		pattern string
		want    []string
	}{
		// ne-missing-field and its guard.
		{`{ $.a != "x" }`, []string{"ne-missing-field"}},
		{`{ ($.a NOT EXISTS) || ($.a != "x") }`, nil},
		{`{ $.b = 1 && (($.a NOT EXISTS) || ($.a != "x")) }`, nil},
		{`{ ($.['a'] NOT EXISTS) || ($.a != "x") }`, nil},
		{`{ ($.b NOT EXISTS) || ($.a != "x") }`, []string{"ne-missing-field"}},
		{`[a != x, b]`, nil},
		// ignored-or-terms.
		{`?ERROR ?WARN`, nil},
		{`?ERROR REQUEST`, []string{"ignored-or-terms"}},
		{`?ERROR ?WARN -DEBUG`, []string{"ignored-or-terms", "ignored-or-terms"}},
		// unquoted-hyphen.
		{`ORDER-ITEM`, []string{"unquoted-hyphen"}},
		{`ORDER -ITEM`, nil},
		{`"ORDER-ITEM"`, nil},
		// unquoted-value.
		{`{ $.readOnly = true }`, []string{"unquoted-value"}},
		{`{ $.readOnly = "true" }`, nil},
		{`{ $.recipientAccountId = 012345678901 }`, []string{"unquoted-value"}},
		{`{ $.id = 1234567890123456789 }`, []string{"unquoted-value"}},
		{`{ $.n = 0 }`, nil},
		{`{ $.n = 0.5 }`, nil},
		// never-matches.
		{`{ $.a = "x" && $.a = "y" }`, []string{"never-matches"}},
		{`{ $.a = "x" || $.a = "y" }`, nil},
		{`{ $.a = 1 && $.a = 1.0 }`, nil},
		{`{ $.a = 1 && $.a = 2 }`, []string{"never-matches"}},
		{`{ $.a = 1 && $.a = "one" }`, []string{"never-matches"}},
		{`{ $.a = "x*" && $.a = "y" }`, nil},
		{`{ $.a NOT EXISTS && $.a = 1 }`, []string{"never-matches"}},
		{`{ $.a IS NULL && $.a = 1 }`, []string{"never-matches"}},
		{`{ $.a IS TRUE && $.a IS FALSE }`, []string{"never-matches"}},
		{`{ $.a[*] = 1 && $.a[*] = 2 }`, nil},
		{`{ ($.a NOT EXISTS) || ($.a != "*") }`, []string{"never-matches"}},
		{`[a != *, b]`, []string{"never-matches"}},
		{`[w1 = ERROR && w1 = WARN, w2]`, []string{"never-matches"}},
		{`{ $.a > 5 && $.a < 3 }`, []string{"never-matches"}},
		{`{ $.a >= 5 && $.a <= 5 }`, nil},
		{`{ $.a > 5 && $.a <= 5 }`, []string{"never-matches"}},
		{`{ $.a = 4 && $.a >= 5 }`, []string{"never-matches"}},
		{`{ $.a != 4 && $.a > 5 }`, []string{"ne-missing-field"}},
		{`[size > 1000 && size < 10, b]`, []string{"never-matches"}},
		// wildcard-not-equal.
		{`{ ($.a[*] NOT EXISTS) || ($.a[*] != "x") }`, []string{"wildcard-not-equal"}},
		{`{ $.a[*] = "x" }`, nil},
		// quoted-regex and regex-unescaped-dot.
		{`{ $.a = "%x%" }`, []string{"quoted-regex"}},
		{`{ $.ip = %10.0.0.1% }`, []string{"regex-unescaped-dot"}},
		{`{ $.ip = %10\.0\.0\.1% }`, nil},
		{`%^ab.c%`, nil},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, warningCodes(t, c.pattern), c.pattern)
	}
}

func TestWarningText(t *testing.T) {
	p, err := Parse(`ORDER-ITEM-1`)
	require.NoError(t, err)
	want := "1:6: warning: unquoted ORDER-ITEM-1 reads as the terms ORDER -ITEM -1: '-' inside a word starts an exclusion [unquoted-hyphen]\n" +
		"    ORDER-ITEM-1\n" +
		"         ^\n" +
		"    hint: quote it to match the text: \"ORDER-ITEM-1\"\n"
	assert.Equal(t, want, renderAll(p.Warnings()))
}
