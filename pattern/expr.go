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
func compileExpr(e *orSyntax, leaf func(*condSyntax) int) *expr {
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

// Each evaluator walks expr with its own concrete loop (evalJSON,
// evalFields) rather than through an interface: an interface argument would
// make the per-event state escape to the heap, one allocation per Match.
