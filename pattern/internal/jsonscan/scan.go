package jsonscan

// Visitor receives the values a Scan finds at the trie's paths.
type Visitor interface {
	// Visit is called once per path per value found at it; values at one path
	// arrive in document order. Returning false stops the scan, for a
	// consumer that already knows its answer. v.Raw aliases the event and is
	// only valid during the call.
	Visit(path int, v Value) bool
}

// Result is the outcome of a Scan.
type Result uint8

// The outcomes of a Scan.
const (
	// Invalid: the event is not exactly one JSON object (malformed JSON, a
	// top-level array or scalar, trailing text, truncation). Values visited
	// before the problem was found must be disregarded.
	Invalid Result = iota
	// Valid: the whole event is one valid JSON object and every value at
	// every path was visited.
	Valid
	// Stopped: the Visitor asked to stop; validity was not decided.
	Stopped
)

// String names the result.
func (r Result) String() string {
	switch r {
	case Valid:
		return "valid"
	case Stopped:
		return "stopped"
	}
	return "invalid"
}

// keyScratch is the longest escaped member name decoded without allocating.
const keyScratch = 256

// scanner is the state of one Scan; it lives on the caller's stack.
type scanner struct {
	d       []byte
	t       *Trie
	v       Visitor
	res     Result // set when a walk gives up: Invalid or Stopped
	errAt   int    // offset of the first byte found wrong, when Invalid
	skip    skipStack
	scratch [keyScratch]byte
}

// Scan reads event once, offers v every value found at the trie's paths and
// decides whether event is exactly one JSON object, optionally surrounded by
// JSON whitespace. It allocates nothing (unless an escaped member name longer
// than 256 bytes or nesting deeper than 4096 levels has to be handled).
func (t *Trie) Scan(event []byte, v Visitor) Result {
	var s scanner
	s.d, s.t, s.v = event, t, v
	r, _ := s.run()
	return r
}

// Validate reports whether event is exactly one JSON object, and if not the
// offset of the first byte found wrong (len(event) when it is truncated).
func Validate(event []byte) (offset int, ok bool) {
	var s scanner
	s.d, s.t = event, emptyTrie
	r, at := s.run()
	return at, r == Valid
}

// emptyTrie selects nothing; scanning with it only validates.
var emptyTrie = &Trie{nodes: []node{{anyKey: -1, anyIdx: -1}}}

func (s *scanner) run() (Result, int) {
	i := skipSpace(s.d, 0)
	if i >= len(s.d) || s.d[i] != '{' {
		return Invalid, i
	}
	root := &s.t.nodes[0]
	end, ok := s.value(i, root)
	if !ok {
		return s.res, s.errAt
	}
	if end = skipSpace(s.d, end); end != len(s.d) {
		return Invalid, end
	}
	return Valid, 0
}

// fail records an invalid event at i and returns false for the caller to pass up.
func (s *scanner) fail(i int) bool {
	s.res, s.errAt = Invalid, i
	return false
}

// value reads the value at i (not whitespace), which nd selects, offers it to
// nd's paths and returns the index after it.
func (s *scanner) value(i int, nd *node) (int, bool) {
	d := s.d
	if i >= len(d) {
		return i, s.fail(i)
	}
	start := i
	var kind Kind
	escaped := false
	ok := true
	switch c := d[i]; {
	case c == '"':
		var end int
		end, escaped, ok = stringEnd(d, i+1)
		if !ok {
			return end, s.fail(end)
		}
		if len(nd.leaves) > 0 && !s.offer(nd, Value{Kind: String, Escaped: escaped, Raw: d[start+1 : end]}) {
			return end, false
		}
		return end + 1, true
	case c == '{':
		kind = Object
		if nd.obj {
			i, ok = s.object(i+1, nd)
		} else {
			i, ok = s.skipContainer(i)
		}
	case c == '[':
		kind = Array
		if nd.arr {
			i, ok = s.array(i+1, nd)
		} else {
			i, ok = s.skipContainer(i)
		}
	case c == '-' || c >= '0' && c <= '9':
		kind = Number
		if i, ok = numberEnd(d, i); !ok {
			return i, s.fail(i)
		}
	default:
		if i, kind, ok = literalEnd(d, i); !ok {
			return i, s.fail(i)
		}
	}
	if !ok {
		return i, false
	}
	if len(nd.leaves) > 0 && !s.offer(nd, Value{Kind: kind, Raw: d[start:i]}) {
		return i, false
	}
	return i, true
}

// offer hands v to every path ending at nd.
func (s *scanner) offer(nd *node, v Value) bool {
	for _, p := range nd.leaves {
		if !s.v.Visit(int(p), v) {
			s.res = Stopped
			return false
		}
	}
	return true
}

// object reads the members of an object whose '{' is just before i, entering
// those nd selects and skipping (but validating) the rest.
func (s *scanner) object(i int, nd *node) (int, bool) {
	d := s.d
	var seen memberSet
	if len(nd.keys) > len(seen.inline)*64 {
		seen.more = make([]uint64, (len(nd.keys)+63)/64)
	}
	i = skipSpace(d, i)
	if i < len(d) && d[i] == '}' {
		return i + 1, true
	}
	for {
		if i >= len(d) || d[i] != '"' {
			return i, s.fail(i)
		}
		end, escaped, ok := stringEnd(d, i+1)
		if !ok {
			return end, s.fail(end)
		}
		// A name that repeats in one object is selected by name only at its
		// first occurrence (gjson's Get, which the reference walks step by
		// step, returns the first); wildcards still see every occurrence.
		next := nd.anyKey
		if j := nd.member(d[i+1:end], escaped, &s.scratch); j >= 0 && !seen.testAndSet(j) {
			next = nd.keys[j].next
		}
		i = skipSpace(d, end+1)
		if i >= len(d) || d[i] != ':' {
			return i, s.fail(i)
		}
		i = skipSpace(d, i+1)
		if next >= 0 {
			i, ok = s.value(i, &s.t.nodes[next])
		} else {
			i, ok = s.skipValue(i)
		}
		if !ok {
			return i, false
		}
		i = skipSpace(d, i)
		if i >= len(d) {
			return i, s.fail(i)
		}
		switch d[i] {
		case ',':
			i = skipSpace(d, i+1)
		case '}':
			return i + 1, true
		default:
			return i, s.fail(i)
		}
	}
}

// array reads the elements of an array whose '[' is just before i.
func (s *scanner) array(i int, nd *node) (int, bool) {
	d := s.d
	i = skipSpace(d, i)
	if i < len(d) && d[i] == ']' {
		return i + 1, true
	}
	for n := 0; ; n++ {
		var ok bool
		if next := nd.element(n); next >= 0 {
			i, ok = s.value(i, &s.t.nodes[next])
		} else {
			i, ok = s.skipValue(i)
		}
		if !ok {
			return i, false
		}
		i = skipSpace(d, i)
		if i >= len(d) {
			return i, s.fail(i)
		}
		switch d[i] {
		case ',':
			i = skipSpace(d, i+1)
		case ']':
			return i + 1, true
		default:
			return i, s.fail(i)
		}
	}
}

// memberSet records which named edges of a node an object has used. Nodes
// with more than 128 named members (rule sets that test that many
// properties of one object) allocate per object.
type memberSet struct {
	inline [2]uint64
	more   []uint64
}

// testAndSet reports whether edge j was already used, and marks it used.
func (m *memberSet) testAndSet(j int) bool {
	words := m.inline[:]
	if m.more != nil {
		words = m.more
	}
	w, b := j>>6, uint64(1)<<(j&63)
	if words[w]&b != 0 {
		return true
	}
	words[w] |= b
	return false
}
