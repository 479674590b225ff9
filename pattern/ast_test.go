package pattern_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/pattern"
)

// treeOf renders the read-only tree the way a compiler walks it, with every
// node's span as line:col-line:col.
func treeOf(p *pattern.Pattern) string {
	var b strings.Builder
	b.WriteString(p.Kind().String())
	switch p.Kind() {
	case pattern.Terms:
		for _, t := range p.Terms() {
			fmt.Fprintf(&b, " (%s %q %q ignored=%v @%s)", t.Kind(), t.Prefix(), t.Text(), t.Ignored(), spanText(t.Span()))
		}
	case pattern.JSON:
		b.WriteByte(' ')
		writeExpr(&b, p.Expr())
	case pattern.SpaceDelimited:
		for _, f := range p.Fields() {
			fmt.Fprintf(&b, " (slot %d end=%d", f.Slot(), f.FromEnd())
			switch {
			case f.Empty():
				b.WriteString(" empty")
			case f.Ellipsis():
				b.WriteString(" ...")
			default:
				fmt.Fprintf(&b, " %s", f.Name())
				if f.Expr() != nil {
					b.WriteByte(' ')
					writeExpr(&b, f.Expr())
				}
			}
			fmt.Fprintf(&b, " @%s)", spanText(f.Span()))
		}
	}
	return b.String()
}

func writeExpr(b *strings.Builder, e *pattern.Expr) {
	if e.Kind() == pattern.ConditionExpr {
		c := e.Condition()
		subject := c.Field()
		if sel := c.Selector(); sel != nil {
			var segs []string
			for _, s := range sel.Segments() {
				switch s.Kind {
				case pattern.KeySegment:
					segs = append(segs, "key:"+s.Key)
				case pattern.IndexSegment:
					segs = append(segs, fmt.Sprintf("index:%d", s.Index))
				case pattern.WildcardSegment:
					segs = append(segs, "*")
				}
			}
			subject = strings.Join(segs, "/")
		}
		fmt.Fprintf(b, "(cond %s %q", subject, c.Op().String())
		if v := c.Value(); v != nil {
			fmt.Fprintf(b, " %s %q quoted=%v", v.Kind(), v.Text(), v.Quoted())
			switch v.Kind() {
			case pattern.NumberValue:
				fmt.Fprintf(b, " num=%g", v.Number())
			case pattern.GlobValue:
				fmt.Fprintf(b, " pieces=%q", v.GlobPieces())
			}
			fmt.Fprintf(b, " @%s", spanText(v.Span()))
		}
		fmt.Fprintf(b, " @%s)", spanText(c.Span()))
		return
	}
	fmt.Fprintf(b, "(%s", e.Kind())
	for _, o := range e.Operands() {
		b.WriteByte(' ')
		writeExpr(b, o)
	}
	b.WriteByte(')')
}

func spanText(s pattern.Span) string {
	return fmt.Sprintf("%d:%d-%d:%d", s.Start.Line, s.Start.Column, s.End.Line, s.End.Column)
}

func TestReadOnlyTree(t *testing.T) {
	cases := []struct{ src, want string }{
		{``, `match-all`},
		{`"" " "`, `match-all`},
		{`ERROR -"a \"b\"" ?%x+%`,
			`terms (word "" "ERROR" ignored=false @1:1-1:6) (phrase "-" "a \"b\"" ignored=false @1:7-1:17) (regex "?" "x+" ignored=true @1:18-1:23)`},
		{`?a ?"b"`, `terms (word "?" "a" ignored=false @1:1-1:3) (phrase "?" "b" ignored=false @1:4-1:8)`},
		{`{ $.a.b[0] = "x\"y" }`,
			`json (cond key:a/key:b/index:0 "=" string "x\"y" quoted=true @1:14-1:20 @1:3-1:20)`},
		{"{ ($.a = 1e3) &&\n  $.b[*] != ab*c* || $.['c.d'].* IS NULL }",
			`json (or (and (group (cond key:a "=" number "1e3" quoted=false num=1000 @1:10-1:13 @1:4-1:13)) ` +
				`(cond key:b/* "!=" glob "ab*c*" quoted=false pieces=["ab" "c" ""] @2:13-2:18 @2:3-2:18)) ` +
				`(cond key:c.d/* "IS NULL" @2:22-2:41))`},
		{`{ $.x NOT EXISTS && $.y = %^a% && $.z = word }`,
			`json (and (cond key:x "NOT EXISTS" @1:3-1:17) (cond key:y "=" regex "^a" quoted=false @1:27-1:31 @1:21-1:31) ` +
				`(cond key:z "=" string "word" quoted=false @1:41-1:45 @1:35-1:45))`},
		{`[ip, , ..., code = 4* || code = 5*, size]`,
			`space-delimited (slot 1 end=0 ip @1:2-1:4) (slot 2 end=0 empty @1:5-1:5) (slot 3 end=0 ... @1:8-1:11) ` +
				`(slot 4 end=2 code (or (cond code "=" glob "4*" quoted=false pieces=["4" ""] @1:20-1:22 @1:13-1:22) ` +
				`(cond code "=" glob "5*" quoted=false pieces=["5" ""] @1:33-1:35 @1:26-1:35)) @1:13-1:35) ` +
				`(slot 5 end=1 size @1:37-1:41)`},
		{`[]`, `space-delimited`},
	}
	for _, c := range cases {
		p, err := pattern.Parse(c.src)
		require.NoError(t, err, c.src)
		assert.Equal(t, c.want, treeOf(p), c.src)
	}
}

// Accessors hand out copies: changing what they return changes nothing.
func TestTreeIsReadOnly(t *testing.T) {
	p, err := pattern.Parse(`{ $.a[*] = 1 || $.b = 2 }`)
	require.NoError(t, err)
	ops := p.Expr().Operands()
	ops[0] = nil
	assert.NotNil(t, p.Expr().Operands()[0])
	segs := p.Conditions()[0].Selector().Segments()
	segs[0].Key = "changed"
	assert.Equal(t, "a", p.Conditions()[0].Selector().Segments()[0].Key)

	d, err := pattern.Parse(`[a, b]`)
	require.NoError(t, err)
	fields := d.Fields()
	fields[0] = nil
	assert.NotNil(t, d.Fields()[0])
	tp, err := pattern.Parse(`a b`)
	require.NoError(t, err)
	terms := tp.Terms()
	terms[0] = nil
	assert.NotNil(t, tp.Terms()[0])
}

// The tree prints back as Pattern.String does.
func TestTreeStringIsCanonical(t *testing.T) {
	for _, src := range []string{`{($.a="x")&&($.b!=1)||$.c IS NULL}`, `{ $.a NOT EXISTS||$.b IS TRUE&&( $.c>=+1e3 ) }`} {
		p, err := pattern.Parse(src)
		require.NoError(t, err)
		assert.Equal(t, p.String(), "{ "+p.Expr().String()+" }")
	}
}
