package pattern

// Set is a compiled set of patterns evaluated together. Its JSON patterns
// share one fastProgram: one reading of each event serves every selector of
// every rule, conditions on the same selector are answered together (one map
// lookup for `$.eventName = X || $.eventName = Y ...` across all rules), and
// the literal prefilter skips events no rule can match without parsing them.
// Other patterns are matched one by one. A Set is immutable and safe for
// concurrent use.
type Set struct {
	ms     []*Matcher
	prog   *fastProgram // the JSON patterns, or nil
	ruleOf []int        // pattern index of each prog rule
	others []int        // patterns matched one by one
}

// CompileSet compiles patterns into a Set; pattern i answers in matched[i].
// The error lists the problems of every pattern that fails, each
// diagnostic's message prefixed with the pattern's index.
func CompileSet(patterns []string) (*Set, error) {
	s := &Set{ms: make([]*Matcher, len(patterns))}
	var errs setError
	var jsonPats []*Pattern
	for i, src := range patterns {
		m, err := Compile(src)
		if err != nil {
			errs = append(errs, indexedError{i, err})
			continue
		}
		s.ms[i] = m
		if p := m.p; p.kind == JSON && p.json != nil && p.json.Expr != nil {
			jsonPats = append(jsonPats, p)
			s.ruleOf = append(s.ruleOf, i)
		} else {
			s.others = append(s.others, i)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(jsonPats) > 0 {
		prog, err := newFastProgram(jsonPats)
		if err != nil {
			// Too many wildcard combinations for one trie: fall back to
			// matching the JSON patterns one by one, still correct.
			s.others = append(s.others, s.ruleOf...)
			s.ruleOf = nil
		} else {
			s.prog = prog
		}
	}
	return s, nil
}

// Len is the number of patterns in the set.
func (s *Set) Len() int { return len(s.ms) }

// Match sets matched[i] for every pattern i that matches event (and clears
// it for the others) and returns how many matched. len(matched) must be at
// least Len(). It allocates nothing.
func (s *Set) Match(event []byte, matched []bool) int {
	matched = matched[:len(s.ms)]
	n := 0
	if s.prog != nil {
		st := s.prog.state()
		ok := s.prog.run(st, event)
		for r, i := range s.ruleOf {
			matched[i] = ok && s.prog.ruleMatches(st, r)
			if matched[i] {
				n++
			}
		}
		s.prog.release(st)
	}
	for _, i := range s.others {
		matched[i] = s.ms[i].Match(event)
		if matched[i] {
			n++
		}
	}
	return n
}
