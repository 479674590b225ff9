package pattern

// Node is any node of a pattern's syntax tree: *JSONPattern, *OrExpr,
// *AndExpr, *Factor, *Condition, *Value, *DelimitedPattern, *Field or *Term.
type Node interface{ node() }

func (*JSONPattern) node()      {}
func (*OrExpr) node()           {}
func (*AndExpr) node()          {}
func (*Factor) node()           {}
func (*Condition) node()        {}
func (*Value) node()            {}
func (*DelimitedPattern) node() {}
func (*Field) node()            {}
func (*Term) node()             {}

// Inspect walks the pattern's syntax tree depth-first, left to right, calling
// f for each node; when f returns false the node's children are skipped.
// It is the way lint rules and the fast path read a pattern.
func Inspect(p *Pattern, f func(Node) bool) {
	switch {
	case p.json != nil:
		if f(p.json) && p.json.Expr != nil {
			inspectOr(p.json.Expr, f)
		}
	case p.delimited != nil:
		if f(p.delimited) {
			for _, fl := range p.delimited.Fields {
				if fl != nil && f(fl) && fl.Expr != nil {
					inspectOr(fl.Expr, f)
				}
			}
		}
	default:
		for _, t := range p.terms {
			f(t)
		}
	}
}

func inspectOr(e *OrExpr, f func(Node) bool) {
	if !f(e) {
		return
	}
	for _, a := range e.And {
		if !f(a) {
			continue
		}
		for _, fa := range a.Factors {
			if !f(fa) {
				continue
			}
			if fa.Group != nil {
				inspectOr(fa.Group, f)
			} else if fa.Cond != nil && f(fa.Cond) && fa.Cond.Value != nil {
				f(fa.Cond.Value)
			}
		}
	}
}

// Conditions returns every condition of a JSON or space-delimited pattern,
// left to right.
func (p *Pattern) Conditions() []*Condition {
	var out []*Condition
	Inspect(p, func(n Node) bool {
		if c, ok := n.(*Condition); ok {
			out = append(out, c)
		}
		return true
	})
	return out
}

// Op returns the condition's operator.
func (c *Condition) Op() Op { return c.op }

// Selector returns the parsed property selector of a JSON condition, nil in
// a space-delimited pattern.
func (c *Condition) Selector() *Selector { return c.sel }

// Field returns the field name a space-delimited condition tests, "" in a
// JSON pattern.
func (c *Condition) Field() string {
	if c.sel != nil {
		return ""
	}
	return c.Subject
}

// ValueKind says how the condition's value is compared.
func (c *Condition) ValueKind() ValueKind { return c.val.kind }

// ValueText is the value without its quotes or percent signs: the text of a
// string or glob, the source of a regex, a number as written.
func (c *Condition) ValueText() string { return c.val.text }

// ValueQuoted reports whether the value was written in double quotes.
func (c *Condition) ValueQuoted() bool { return c.val.quoted }

// Number is the value of a NumberValue.
func (c *Condition) Number() float64 { return c.val.num }

// Name is the field's name, "" for `...` and for an unnamed slot.
func (f *Field) Name() string { return f.name }

// Exclude reports a -term: the event must not contain it.
func (t *Term) Exclude() bool { return t.Prefix == "-" }

// Optional reports a ?term: one of the ?terms must match, but only when
// every term of the pattern is a ?term (AWS ignores them otherwise).
func (t *Term) Optional() bool { return t.Prefix == "?" }

// ValueKind is StringValue for words and "quoted phrases", RegexValue for
// %regex%.
func (t *Term) ValueKind() ValueKind { return t.val.kind }

// Text is the term without quotes or percent signs.
func (t *Term) Text() string { return t.val.text }
