package pattern

import (
	"strconv"
	"strings"

	"github.com/cwpat/cwpat/diag"
)

// builder turns the checked grammar structs into the read-only tree of
// ast.go. It runs once per Parse, after the checker.
type builder struct{ src string }

// build fills p's read-only tree from its syntax tree.
func build(p *Pattern) {
	b := builder{src: p.src}
	switch {
	case p.json != nil:
		p.expr = b.or(p.json.Expr, true)
	case p.delimited != nil:
		p.fields = b.fields(p.delimited)
	default:
		p.termNodes = b.terms(p.terms)
	}
}

func (b builder) span(start, end int) Span {
	return Span{Start: diag.PositionAt(b.src, start), End: diag.PositionAt(b.src, end)}
}

// or builds an OR node, or its only operand when there is one.
func (b builder) or(e *orSyntax, isJSON bool) *Expr {
	if len(e.And) == 1 {
		return b.and(e.And[0], isJSON)
	}
	x := &Expr{kind: OrExpr, span: b.span(e.Pos.Offset, e.EndPos.Offset)}
	for _, a := range e.And {
		x.operands = append(x.operands, b.and(a, isJSON))
	}
	return x
}

// and builds an AND node, or its only operand when there is one.
func (b builder) and(a *andSyntax, isJSON bool) *Expr {
	if len(a.Factors) == 1 {
		return b.factor(a.Factors[0], isJSON)
	}
	x := &Expr{kind: AndExpr, span: b.span(a.Pos.Offset, a.EndPos.Offset)}
	for _, f := range a.Factors {
		x.operands = append(x.operands, b.factor(f, isJSON))
	}
	return x
}

func (b builder) factor(f *factorSyntax, isJSON bool) *Expr {
	sp := b.span(f.Pos.Offset, f.EndPos.Offset)
	if f.Group != nil {
		return &Expr{kind: GroupExpr, span: sp, operands: []*Expr{b.or(f.Group, isJSON)}}
	}
	return &Expr{kind: ConditionExpr, span: sp, cond: b.cond(f.Cond, isJSON)}
}

func (b builder) cond(c *condSyntax, isJSON bool) *Condition {
	out := &Condition{
		span:    b.span(c.Pos.Offset, c.EndPos.Offset),
		subject: c.Subject,
		sel:     c.sel,
		op:      c.op,
		text:    c.String(),
	}
	if !isJSON {
		out.field = c.Subject
	}
	if c.Value != nil {
		out.value = &Value{
			span:   b.span(c.Value.Pos.Offset, c.Value.EndPos.Offset),
			raw:    c.Value.Raw,
			kind:   c.val.kind,
			text:   c.val.text,
			quoted: c.val.quoted,
			num:    c.val.num,
		}
	}
	return out
}

func (b builder) fields(d *delimitedSyntax) []*Field {
	out := make([]*Field, len(d.Fields))
	ellipsis := -1
	for i, f := range d.Fields {
		fl := &Field{slot: i + 1}
		switch {
		case f == nil:
			fl.empty = true
			fl.span = b.emptySlotSpan(d, i)
		case f.Ellipsis:
			fl.ellipsis = true
			ellipsis = i
			fl.span = b.span(f.Pos.Offset, f.EndPos.Offset)
		default:
			fl.name = f.name
			fl.span = b.span(f.Pos.Offset, f.EndPos.Offset)
			if !isBareName(f.Expr) {
				fl.expr = b.or(f.Expr, false)
			}
		}
		out[i] = fl
	}
	if ellipsis >= 0 {
		for i := ellipsis + 1; i < len(out); i++ {
			out[i].fromEnd = len(out) - i
		}
	}
	return out
}

// emptySlotSpan places an empty slot where its text would be: right after
// the comma that ends the previous slot, or after the '['.
func (b builder) emptySlotSpan(d *delimitedSyntax, slot int) Span {
	off := d.Pos.Offset + 1
	commas := 0
	for _, part := range d.Parts {
		if part.Comma {
			commas++
			if commas == slot {
				off = part.Pos.Offset + 1
				break
			}
		}
	}
	return b.span(off, off)
}

// isBareName reports a field that is only a name: one condition with no
// operator.
func isBareName(e *orSyntax) bool {
	return len(e.And) == 1 && len(e.And[0].Factors) == 1 && e.And[0].Factors[0].Cond != nil &&
		e.And[0].Factors[0].Cond.op == OpField
}

func (b builder) terms(terms []*termSyntax) []*Term {
	allOptional := true
	for _, t := range terms {
		if t.Prefix != "?" {
			allOptional = false
		}
	}
	out := make([]*Term, len(terms))
	for i, t := range terms {
		n := &Term{span: b.span(t.Pos.Offset, t.EndPos.Offset), raw: t.Raw, text: t.val.text}
		switch {
		case t.val.kind == RegexValue:
			n.kind = RegexTerm
		case strings.HasPrefix(t.Raw, `"`):
			n.kind = PhraseTerm
		}
		switch t.Prefix {
		case "-":
			n.prefix = ExcludePrefix
		case "?":
			n.prefix = OptionalPrefix
			n.ignored = !allOptional
		}
		out[i] = n
	}
	return out
}

// splitGlob splits a glob's text at each '*'.
func splitGlob(text string) []string { return strings.Split(text, "*") }

func itoa(n int) string { return strconv.Itoa(n) }
