package pattern

import (
	"strconv"

	"github.com/cwpat/cwpat/pattern/internal/jsonscan"
)

// fastState is the per-event scratch of a fastProgram: which conditions a
// selected value satisfied, which NOT EXISTS selectors found a value, and a
// buffer for decoding escaped strings. States are pooled, so Match
// allocates nothing.
type fastState struct {
	p     *fastProgram
	sat   []uint64
	seen  []uint64
	found []uint64 // prefilter scratch: literals found in the event
	buf   []byte
}

func (p *fastProgram) state() *fastState {
	if st, ok := p.pool.Get().(*fastState); ok {
		return st
	}
	st := &fastState{p: p, sat: make([]uint64, p.words), seen: make([]uint64, p.words), buf: make([]byte, 0, 256)}
	if p.pre != nil {
		st.found = make([]uint64, p.pre.words)
	}
	return st
}

func (p *fastProgram) release(st *fastState) { p.pool.Put(st) }

// run reads event once and records every condition's outcome in st. It
// reports false when no rule can match: the event is not one JSON object,
// or the prefilter proved that no rule's literals occur in it.
func (p *fastProgram) run(st *fastState, event []byte) bool {
	clear(st.sat)
	clear(st.seen)
	if p.pre != nil && !p.pre.mayMatch(event, st.found) {
		return false
	}
	return p.trie.Scan(event, st) == jsonscan.Valid
}

// Visit records what one selected value means for the conditions on its
// selector. It implements jsonscan.Visitor.
func (st *fastState) Visit(path int, v jsonscan.Value) bool {
	fp := &st.p.paths[path]
	for _, c := range fp.exists {
		st.seen[c>>6] |= 1 << (c & 63)
	}
	if v.Kind == jsonscan.Object || v.Kind == jsonscan.Array {
		// No comparison holds on an array or object (AWS: the selector
		// must point to a value node).
		return true
	}
	var text string
	if v.Kind == jsonscan.String && v.Escaped {
		st.buf = v.AppendText(st.buf[:0])
		text = bytesString(st.buf)
	} else {
		text = bytesString(v.Raw)
	}
	if fp.eq != nil && v.Kind != jsonscan.Null {
		for _, c := range fp.eq[text] {
			st.sat[c>>6] |= 1 << (c & 63)
		}
	}
	for _, c := range fp.tests {
		if st.p.conds[c].test(v.Kind, text) {
			st.sat[c>>6] |= 1 << (c & 63)
		}
	}
	return true
}

// test applies the condition to one selected scalar, as jsonCond.test does.
func (c *fastCond) test(kind jsonscan.Kind, text string) bool {
	switch kind {
	case jsonscan.Null:
		return c.op == OpIsNull
	case jsonscan.True:
		return c.op == OpIsTrue || c.compare(text, false, 0)
	case jsonscan.False:
		return c.op == OpIsFalse || c.compare(text, false, 0)
	case jsonscan.Number:
		var num float64
		if c.num {
			// gjson ignores the range error too: 1e999 is +Inf.
			num, _ = strconv.ParseFloat(text, 64)
		}
		return c.compare(text, true, num)
	case jsonscan.String:
		return c.compare(text, false, 0)
	}
	return false
}

func (c *fastCond) compare(text string, isNum bool, num float64) bool {
	switch c.op {
	case OpEq, OpNe, OpLt, OpLe, OpGt, OpGe:
		return c.val.compare(c.op, text, isNum, num)
	}
	return false
}

// ruleMatches evaluates rule i over the outcomes run recorded.
func (p *fastProgram) ruleMatches(st *fastState, i int) bool {
	return p.exprs[i].eval(st.sat, st.seen)
}
