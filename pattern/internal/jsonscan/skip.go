package jsonscan

// skipStack remembers, one bit per level, whether each open container of a
// skipped value is an object, so a closing bracket can be checked against its
// opener without recursion. The first 4096 levels live inline; deeper events
// (gjson, the reference, has no nesting limit either) spill to the heap.
type skipStack struct {
	inline [64]uint64
	spill  []uint64
	depth  int
}

func (st *skipStack) push(obj bool) {
	w, b := st.depth>>6, uint(st.depth&63)
	words := st.inline[:]
	if w >= len(words) {
		if w-len(st.inline) >= len(st.spill) {
			st.spill = append(st.spill, 0)
		}
		words, w = st.spill, w-len(st.inline)
	}
	if obj {
		words[w] |= 1 << b
	} else {
		words[w] &^= 1 << b
	}
	st.depth++
}

// top reports whether the innermost open container is an object.
func (st *skipStack) top() bool {
	n := st.depth - 1
	w, b := n>>6, uint(n&63)
	if w < len(st.inline) {
		return st.inline[w]>>b&1 == 1
	}
	return st.spill[w-len(st.inline)]>>b&1 == 1
}

// skipValue validates the value at i without looking inside it for paths and
// returns the index after it.
func (s *scanner) skipValue(i int) (int, bool) {
	d := s.d
	if i >= len(d) {
		return i, s.fail(i)
	}
	var ok bool
	switch c := d[i]; {
	case c == '"':
		if i, _, ok = stringEnd(d, i+1); !ok {
			return i, s.fail(i)
		}
		return i + 1, true
	case c == '{' || c == '[':
		return s.skipContainer(i)
	case c == '-' || c >= '0' && c <= '9':
		if i, ok = numberEnd(d, i); !ok {
			return i, s.fail(i)
		}
		return i, true
	default:
		if i, _, ok = literalEnd(d, i); !ok {
			return i, s.fail(i)
		}
		return i, true
	}
}

// skipContainer validates the object or array opening at i and returns the
// index after its closing bracket. It is one loop over a small state machine
// with the skip stack, so hostile nesting costs bits, not Go stack frames.
func (s *scanner) skipContainer(i int) (int, bool) {
	d := s.d
	st := &s.skip
	base := st.depth
	var ok bool
open: // d[i] is '{' or '['
	if d[i] == '{' {
		st.push(true)
		if i = skipSpace(d, i+1); i < len(d) && d[i] == '}' {
			i++
			goto closed
		}
		goto member
	}
	st.push(false)
	if i = skipSpace(d, i+1); i < len(d) && d[i] == ']' {
		i++
		goto closed
	}
	goto value
member: // at a member name, whitespace skipped
	if i >= len(d) || d[i] != '"' {
		return i, s.fail(i)
	}
	if i, _, ok = stringEnd(d, i+1); !ok {
		return i, s.fail(i)
	}
	if i = skipSpace(d, i+1); i >= len(d) || d[i] != ':' {
		return i, s.fail(i)
	}
	i = skipSpace(d, i+1)
value: // at a value, whitespace skipped
	if i >= len(d) {
		return i, s.fail(i)
	}
	switch c := d[i]; {
	case c == '"':
		if i, _, ok = stringEnd(d, i+1); !ok {
			return i, s.fail(i)
		}
		i++
	case c == '{' || c == '[':
		goto open
	case c == '-' || c >= '0' && c <= '9':
		if i, ok = numberEnd(d, i); !ok {
			return i, s.fail(i)
		}
	default:
		if i, _, ok = literalEnd(d, i); !ok {
			return i, s.fail(i)
		}
	}
	goto after
closed: // just past a closing bracket
	st.depth--
	if st.depth == base {
		return i, true
	}
after: // just past a value inside the container on top of the stack
	if i = skipSpace(d, i); i >= len(d) {
		return i, s.fail(i)
	}
	switch d[i] {
	case ',':
		obj := st.top()
		i = skipSpace(d, i+1)
		if obj {
			goto member
		}
		goto value
	case '}':
		if !st.top() {
			return i, s.fail(i)
		}
		i++
		goto closed
	case ']':
		if st.top() {
			return i, s.fail(i)
		}
		i++
		goto closed
	}
	return i, s.fail(i)
}
