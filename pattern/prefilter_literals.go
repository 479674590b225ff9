package pattern

import "strings"

// minLiteral is the shortest literal worth requiring: shorter ones occur in
// almost every event and only cost time.
const minLiteral = 3

// clause is a set of literals at least one of which every matching event
// contains, as raw bytes.
type clause []string

// requirement says which literals an event must contain for a rule to have
// any chance: every clause must have one of its literals present. An empty
// requirement means the rule can match without any literal (for example a
// rule made only of != conditions), and then no event may be skipped.
type requirement []clause

// ruleRequirement derives the requirement of a compiled rule. It is sound:
// an event that matches the rule contains, for every clause, one of its
// literals, provided the event has no \u escape (prefilter.go lets those
// through). See literalOf for why.
func ruleRequirement(x *expr, conds []fastCond) requirement {
	if x.kids == nil {
		if lit, ok := literalOf(&conds[x.leaf]); ok {
			return requirement{{lit}}
		}
		return nil
	}
	if !x.or {
		// Every operand holds, so every operand's requirement does; keep
		// the best clause only (each clause costs scanning time).
		var best clause
		for _, k := range x.kids {
			for _, c := range ruleRequirement(k, conds) {
				if best == nil || betterClause(c, best) {
					best = c
				}
			}
		}
		if best == nil {
			return nil
		}
		return requirement{best}
	}
	// One operand holds: the union of one clause from each operand.
	var union clause
	for _, k := range x.kids {
		req := ruleRequirement(k, conds)
		if len(req) == 0 {
			return nil
		}
		union = append(union, req[0]...)
	}
	return requirement{dedupe(union)}
}

// literalOf returns the text a condition forces into the raw event. `=` with
// a string value compares the decoded string (or the literal text of a
// number or boolean) for equality, and a glob's longest star-free piece must
// occur in it. Without \u escapes in the event, decoding only turns \" \\ \/
// and control escapes into ", \, / and control characters, so a literal
// free of those appears verbatim in the raw bytes. Regexes, numbers (1e3 is
// 1000), != and the IS tests force nothing.
func literalOf(c *fastCond) (string, bool) {
	if c.op != OpEq {
		return "", false
	}
	var lit string
	switch c.val.kind {
	case StringValue:
		lit = c.val.text
	case GlobValue:
		for _, piece := range strings.Split(c.val.text, "*") {
			if len(piece) > len(lit) {
				lit = piece
			}
		}
	default:
		return "", false
	}
	if len(lit) < minLiteral {
		return "", false
	}
	for i := 0; i < len(lit); i++ {
		if b := lit[i]; b < 0x20 || b == '"' || b == '\\' || b == '/' {
			return "", false
		}
	}
	return lit, true
}

// betterClause reports whether a should be kept rather than b when only one
// clause of an && survives. Host names (anything with a dot, such as
// s3.amazonaws.com) are avoided: every CloudTrail event carries several
// *.amazonaws.com strings, so they select little and cost the most to look
// for. Then fewer alternatives win, then the longer shortest literal.
func betterClause(a, b clause) bool {
	if ha, hb := hasDotted(a), hasDotted(b); ha != hb {
		return hb
	}
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return shortest(a) > shortest(b)
}

func hasDotted(c clause) bool {
	for _, lit := range c {
		if strings.Contains(lit, ".") {
			return true
		}
	}
	return false
}

func shortest(c clause) int {
	n := -1
	for _, lit := range c {
		if n < 0 || len(lit) < n {
			n = len(lit)
		}
	}
	return n
}

func dedupe(c clause) clause {
	seen := map[string]bool{}
	out := c[:0]
	for _, lit := range c {
		if !seen[lit] {
			seen[lit] = true
			out = append(out, lit)
		}
	}
	return out
}
