package pattern

// fastExpr is a rule's expression compiled for the condition bitsets: the
// conditions directly under an && or || node are tested together with word
// masks, so a CIS rule of 18 `$.eventName = X` alternatives is one AND and
// one compare per 64 conditions instead of 18 recursive calls.
type fastExpr struct {
	or   bool
	sat  []uint64 // conditions answered by a satisfying value
	miss []uint64 // NOT EXISTS conditions, answered by the absence of values
	kids []*fastExpr
}

// compileFastExpr flattens x; words is the length of a condition bitset.
func compileFastExpr(x *expr, conds []fastCond, words int) *fastExpr {
	fx := &fastExpr{or: x.or}
	leaves := x.kids
	if x.kids == nil {
		// A lone condition: a one-operand node.
		leaves = []*expr{x}
	}
	for _, k := range leaves {
		if k.kids != nil {
			fx.kids = append(fx.kids, compileFastExpr(k, conds, words))
			continue
		}
		mask := &fx.sat
		if conds[k.leaf].op == OpNotExists {
			mask = &fx.miss
		}
		if *mask == nil {
			*mask = make([]uint64, words)
		}
		(*mask)[k.leaf>>6] |= 1 << (k.leaf & 63)
	}
	return fx
}

// eval answers the expression over sat (conditions a value satisfied) and
// seen (NOT EXISTS conditions whose selector found a value).
func (fx *fastExpr) eval(sat, seen []uint64) bool {
	if fx.or {
		for w, m := range fx.sat {
			if sat[w]&m != 0 {
				return true
			}
		}
		for w, m := range fx.miss {
			if m&^seen[w] != 0 {
				return true
			}
		}
		for _, k := range fx.kids {
			if k.eval(sat, seen) {
				return true
			}
		}
		return false
	}
	for w, m := range fx.sat {
		if sat[w]&m != m {
			return false
		}
	}
	for w, m := range fx.miss {
		if seen[w]&m != 0 {
			return false
		}
	}
	for _, k := range fx.kids {
		if !k.eval(sat, seen) {
			return false
		}
	}
	return true
}
