package pattern

import (
	"strings"
	"testing"

	"github.com/cwpat/cwpat/awslimits"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCanonicalString(t *testing.T) {
	cases := []struct{ in, want string }{
		{``, ``},
		{`  "" `, ``},
		{`ERROR   -DEBUG  ?x`, `ERROR -DEBUG ?x`},
		{` "a  b"  %x|y% `, `"a  b" %x|y%`},
		{`{$.a=1}`, `{ $.a = 1 }`},
		{`{($.a="x")&&($.b!=1)}`, `{ ($.a = "x") && ($.b != 1) }`},
		{"{\n  ($.a = \"x\")\n  &&\n  ($.b IS NULL)\n}", `{ ($.a = "x") && ($.b IS NULL) }`},
		{`{ $.a NOT EXISTS||$.b IS TRUE&&( $.c>=+1e3 ) }`, `{ $.a NOT EXISTS || $.b IS TRUE && ($.c >= +1e3) }`},
		{`{ $.['cluster.name'] = c && $.a[0][*] = %x% }`, `{ $.['cluster.name'] = c && $.a[0][*] = %x% }`},
		{`{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}`,
			`{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`},
		{`[ip,user ,..., status_code=4*||status_code=5*,]`, `[ip, user, ..., status_code = 4* || status_code = 5*, ]`},
		{`[]`, `[]`},
		{`[ , ]`, `[, ]`},
		{`[w1!=ERROR&&(w1!=WARN),w2]`, `[w1 != ERROR && (w1 != WARN), w2]`},
	}
	for _, c := range cases {
		p, err := Parse(c.in)
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, p.String(), c.in)
		assertRoundTrip(t, p)
	}
}

// Issue 13: the canonical form adds spaces, so it can exceed AWS's limit
// when the pattern does not; Format then keeps the pattern as written.
func TestFormatNeverExceedsTheLimit(t *testing.T) {
	src := "{" + strings.Repeat("$.a=1||", 143) + "$.a=1}" // 1,008 characters
	p, err := Parse(src)
	require.NoError(t, err)
	require.Greater(t, len(p.String()), awslimits.FilterPatternMaxLength, "the canonical form does not fit")
	assert.Equal(t, src, p.Format())

	short, err := Parse(`{$.a=1}`)
	require.NoError(t, err)
	assert.Equal(t, `{ $.a = 1 }`, short.Format(), "a canonical form that fits is used")
}

func TestInspect(t *testing.T) {
	p, err := Parse(`{ ($.a.b = "x*") && ($.c[*] > 5 || $.d NOT EXISTS) }`)
	require.NoError(t, err)
	var kinds []string
	groups := 0
	Inspect(p, func(n Node) bool {
		switch n := n.(type) {
		case *Condition:
			kinds = append(kinds, n.Selector().String()+" "+n.Op().String()+" "+n.ValueKind().String())
		case *Expr:
			if n.Kind() == GroupExpr {
				groups++
				return groups == 1 // skip the second group
			}
		}
		return true
	})
	assert.Equal(t, []string{`$.a.b = glob`}, kinds)

	conds := p.Conditions()
	require.Len(t, conds, 3)
	assert.Equal(t, []Segment{{Kind: KeySegment, Key: "c"}, {Kind: WildcardSegment}}, conds[1].Selector().Segments())
	assert.Equal(t, 5.0, conds[1].Number())
	assert.Equal(t, OpNotExists, conds[2].Op())
	assert.Equal(t, "", conds[0].Field())

	d, err := Parse(`[ip, ..., status = 4*, ]`)
	require.NoError(t, err)
	fields := d.Fields()
	require.Len(t, fields, 4)
	assert.Equal(t, "ip", fields[0].Name())
	assert.Nil(t, fields[0].Expr(), "a bare name tests nothing")
	assert.True(t, fields[1].Ellipsis())
	assert.True(t, fields[3].Empty())
	assert.Equal(t, "status", d.Conditions()[0].Field())

	tp, err := Parse(`ERROR -"x y" ?%z%`)
	require.NoError(t, err)
	terms := tp.Terms()
	require.Len(t, terms, 3)
	assert.True(t, terms[1].Exclude())
	assert.Equal(t, "x y", terms[1].Text())
	assert.True(t, terms[2].Optional())
	assert.Equal(t, RegexValue, terms[2].ValueKind())
}
