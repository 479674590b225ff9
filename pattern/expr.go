package pattern

// expr is a compiled boolean expression over conditions, shared by the JSON
// and space-delimited evaluators. Single-child ORs and ANDs are flattened
// away at compile time, so the tree has only the branching that matters.
type expr struct {
	or   bool    // an OR node; else an AND node unless leaf
	kids []*expr // OR / AND operands
	leaf int     // index of the condition, when kids is nil
}

// compileExpr flattens e, numbering conditions through leaf.
func compileExpr(e *OrExpr, leaf func(*Condition) int) *expr {
	ors := make([]*expr, 0, len(e.And))
	for _, a := range e.And {
		ands := make([]*expr, 0, len(a.Factors))
		for _, f := range a.Factors {
			if f.Group != nil {
				ands = append(ands, compileExpr(f.Group, leaf))
			} else {
				ands = append(ands, &expr{leaf: leaf(f.Cond)})
			}
		}
		if len(ands) == 1 {
			ors = append(ors, ands[0])
		} else {
			ors = append(ors, &expr{kids: ands})
		}
	}
	if len(ors) == 1 {
		return ors[0]
	}
	return &expr{or: true, kids: ors}
}

// leafEval answers one condition for the event at hand.
type leafEval interface {
	leaf(i int) bool
}

// eval evaluates x, short-circuiting as && and || do.
func (x *expr) eval(l leafEval) bool {
	if x.kids == nil {
		return l.leaf(x.leaf)
	}
	if x.or {
		for _, k := range x.kids {
			if k.eval(l) {
				return true
			}
		}
		return false
	}
	for _, k := range x.kids {
		if !k.eval(l) {
			return false
		}
	}
	return true
}
