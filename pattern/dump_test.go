package pattern

import (
	"fmt"
	"strings"

	"github.com/cwpat/cwpat/diag"
)

// renderAll renders diagnostics as cwpat prints them.
func renderAll(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(diag.Text(d, diag.TextOptions{}))
	}
	return b.String()
}

// dump renders a syntax tree as an S-expression without positions, so two
// trees can be compared for structural equality.
func dump(p *Pattern) string {
	var b strings.Builder
	fmt.Fprintf(&b, "(%s", p.Kind())
	switch {
	case p.json != nil:
		b.WriteByte(' ')
		dumpOr(&b, p.json.Expr)
	case p.delimited != nil:
		for _, f := range p.delimited.Fields {
			switch {
			case f == nil:
				b.WriteString(" (slot)")
			case f.Ellipsis:
				b.WriteString(" (...)")
			default:
				fmt.Fprintf(&b, " (field %q ", f.name)
				dumpOr(&b, f.Expr)
				b.WriteByte(')')
			}
		}
	default:
		for _, t := range p.terms {
			fmt.Fprintf(&b, " (term %q %s %q)", t.Prefix, t.val.kind, t.val.text)
		}
	}
	b.WriteByte(')')
	return b.String()
}

func dumpOr(b *strings.Builder, e *orSyntax) {
	if e == nil {
		b.WriteString("nil")
		return
	}
	b.WriteString("(or")
	for _, a := range e.And {
		b.WriteString(" (and")
		for _, f := range a.Factors {
			b.WriteByte(' ')
			if f.Group != nil {
				b.WriteString("(group ")
				dumpOr(b, f.Group)
				b.WriteByte(')')
				continue
			}
			c := f.Cond
			fmt.Fprintf(b, "(cond %q %s %s %q %v)", c.Subject, c.op, c.val.kind, c.val.text, c.val.quoted)
		}
		b.WriteByte(')')
	}
	b.WriteByte(')')
}
