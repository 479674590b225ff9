package pattern

// Inspect walks the pattern's read-only syntax tree depth-first, left to
// right, calling f for each node: for a JSON pattern its *Expr nodes, each
// *Condition and its *Value; for a space-delimited pattern each *Field and
// then its expression; for a term pattern each *Term. When f returns false
// the node's children are skipped. It is the way lint rules read a pattern.
func Inspect(p *Pattern, f func(Node) bool) {
	switch {
	case p.expr != nil:
		inspectExpr(p.expr, f)
	case p.fields != nil:
		for _, fl := range p.fields {
			if f(fl) && fl.expr != nil {
				inspectExpr(fl.expr, f)
			}
		}
	default:
		for _, t := range p.termNodes {
			f(t)
		}
	}
}

func inspectExpr(e *Expr, f func(Node) bool) {
	if !f(e) {
		return
	}
	if e.cond != nil {
		if f(e.cond) && e.cond.value != nil {
			f(e.cond.value)
		}
		return
	}
	for _, o := range e.operands {
		inspectExpr(o, f)
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

// Exclude reports a -term: the event must not contain it.
func (t *termSyntax) Exclude() bool { return t.Prefix == "-" }

// Optional reports a ?term: one of the ?terms must match, but only when
// every term of the pattern is a ?term (AWS ignores them otherwise).
func (t *termSyntax) Optional() bool { return t.Prefix == "?" }
