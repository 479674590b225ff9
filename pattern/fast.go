package pattern

// The fast path. Compile uses it for every JSON pattern (through the
// compileFast hook of match.go) and CompileSet for all the JSON patterns of a
// set at once. It answers exactly as the reference evaluator (match_json.go)
// does, which the differential tests and FuzzFastMatch hold it to, but reads
// each event once with pattern/internal/jsonscan instead of once per
// condition with gjson, allocates nothing per event, and skips events that
// cannot match without parsing them (prefilter.go).

func init() { compileFast = compileFastJSON }

// compileFastJSON returns the fast evaluator of a JSON pattern, or nil for
// other kinds (they keep the reference evaluator).
func compileFastJSON(p *Pattern) evaluator {
	if p.kind != JSON || p.json == nil || p.json.Expr == nil {
		return nil
	}
	prog, err := newFastProgram([]*Pattern{p})
	if err != nil {
		// Only a pathological number of wildcard combinations gets here;
		// the reference evaluator still answers correctly.
		return nil
	}
	return &fastMatcher{prog: prog}
}

// fastMatcher is the evaluator of one JSON pattern: a fastProgram of one rule.
type fastMatcher struct{ prog *fastProgram }

func (f *fastMatcher) match(event []byte) bool {
	st := f.prog.state()
	defer f.prog.release(st)
	if !f.prog.run(st, event) {
		return false
	}
	return f.prog.ruleMatches(st, 0)
}
