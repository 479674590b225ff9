package pattern

// Set is a compiled set of patterns evaluated together, one pass per
// record. It is immutable and safe for concurrent use.
type Set struct{ ms []*Matcher }

// CompileSet compiles patterns into a Set; pattern i answers in matched[i].
// The error lists the problems of every pattern that fails, each
// diagnostic's message prefixed with the pattern's index.
func CompileSet(patterns []string) (*Set, error) {
	s := &Set{ms: make([]*Matcher, len(patterns))}
	var errs setError
	for i, src := range patterns {
		m, err := Compile(src)
		if err != nil {
			errs = append(errs, indexedError{i, err})
			continue
		}
		s.ms[i] = m
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return s, nil
}

// Len is the number of patterns in the set.
func (s *Set) Len() int { return len(s.ms) }

// Match sets matched[i] for every pattern i that matches event (and clears
// it for the others) and returns how many matched. len(matched) must be at
// least Len().
func (s *Set) Match(event []byte, matched []bool) int {
	n := 0
	for i, m := range s.ms {
		matched[i] = m.Match(event)
		if matched[i] {
			n++
		}
	}
	return n
}
