package pattern

import (
	"fmt"
	"strings"
	"sync"

	"github.com/cwpat/cwpat/pattern/internal/jsonscan"
)

// eqIndexMin is the number of `= "text"` conditions on one selector from
// which they are answered by one map lookup instead of one comparison each
// (a CIS rule tests $.eventName against up to 18 names).
const eqIndexMin = 4

// fastProgram is one or more JSON patterns compiled together: every selector
// of every pattern in one jsonscan trie (a selector used by several
// conditions is read once), the conditions grouped by selector, and each
// pattern's boolean expression over the conditions. It is immutable; the
// per-event state comes from a pool.
type fastProgram struct {
	trie  *jsonscan.Trie
	paths []fastPath  // by trie path id
	conds []fastCond  // every condition of every rule
	rules []*expr     // by rule; leaves index conds
	exprs []*fastExpr // rules compiled for the condition bitsets
	words int         // uint64 words in a condition bitset
	pre   *prefilter  // nil when some rule can match without any literal
	pool  sync.Pool   // *fastState
}

// fastPath is what to do with a value found at one selector.
type fastPath struct {
	eq     map[string][]int32 // `= "text"` conditions by their text
	tests  []int32            // every other condition, tested one by one
	exists []int32            // NOT EXISTS conditions: any value counts
}

// fastCond is one condition, answered like jsonCond.test.
type fastCond struct {
	op  Op
	val *value
	num bool // the value is a number, so number text must be parsed
}

// newFastProgram compiles JSON patterns; rule i is patterns[i].
func newFastProgram(patterns []*Pattern) (*fastProgram, error) {
	prog := &fastProgram{}
	var paths []jsonscan.Path
	pathIDs := map[string]int{}
	for _, p := range patterns {
		if p.kind != JSON || p.json == nil || p.json.Expr == nil {
			return nil, fmt.Errorf("pattern: %q is not a JSON pattern", p.src)
		}
		root := compileExpr(p.json.Expr, func(c *condSyntax) int {
			path := selectorPath(c.sel)
			key := pathKey(path)
			id, ok := pathIDs[key]
			if !ok {
				id = len(paths)
				pathIDs[key] = id
				paths = append(paths, path)
				prog.paths = append(prog.paths, fastPath{})
			}
			n := int32(len(prog.conds))
			prog.conds = append(prog.conds, fastCond{op: c.op, val: &c.val, num: c.val.kind == NumberValue})
			fp := &prog.paths[id]
			switch {
			case c.op == OpNotExists:
				fp.exists = append(fp.exists, n)
			case c.op == OpEq && c.val.kind == StringValue:
				if fp.eq == nil {
					fp.eq = map[string][]int32{}
				}
				fp.eq[c.val.text] = append(fp.eq[c.val.text], n)
			default:
				fp.tests = append(fp.tests, n)
			}
			return int(n)
		})
		prog.rules = append(prog.rules, root)
	}
	for i := range prog.paths {
		prog.paths[i].shrinkEq()
	}
	trie, err := jsonscan.NewTrie(paths)
	if err != nil {
		return nil, err
	}
	prog.trie = trie
	prog.words = (len(prog.conds) + 63) / 64
	for _, r := range prog.rules {
		prog.exprs = append(prog.exprs, compileFastExpr(r, prog.conds, prog.words))
	}
	prog.pre = newPrefilter(prog)
	return prog, nil
}

// shrinkEq moves equality conditions back to one-by-one tests when there are
// too few for a map lookup to pay.
func (fp *fastPath) shrinkEq() {
	n := 0
	for _, ids := range fp.eq {
		n += len(ids)
	}
	if n >= eqIndexMin || fp.eq == nil {
		return
	}
	for _, ids := range fp.eq {
		fp.tests = append(fp.tests, ids...)
	}
	fp.eq = nil
}

// selectorPath translates a checked selector for jsonscan. The reference
// has one wildcard for members and elements alike, and so does this.
func selectorPath(sel *Selector) jsonscan.Path {
	path := make(jsonscan.Path, len(sel.segs))
	for i, seg := range sel.segs {
		switch seg.Kind {
		case KeySegment:
			path[i] = jsonscan.Step{Kind: jsonscan.Key, Name: seg.Key}
		case IndexSegment:
			path[i] = jsonscan.Step{Kind: jsonscan.Index, Index: seg.Index}
		case WildcardSegment:
			path[i] = jsonscan.Step{Kind: jsonscan.Any}
		}
	}
	return path
}

// pathKey identifies a path exactly (names may hold any character).
func pathKey(path jsonscan.Path) string {
	var b strings.Builder
	for _, st := range path {
		fmt.Fprintf(&b, "%d:%d:%d:%s;", st.Kind, st.Index, len(st.Name), st.Name)
	}
	return b.String()
}
