package ruletest

import (
	"fmt"
	"strings"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/rules"
)

// CheckExamples runs every rule's example events through its pattern:
// match and falsePositives must match, noMatch and falseNegatives must not.
// A pattern that does not compile is one failed result at the pattern.
func CheckExamples(set *rules.Set) []Result {
	var out []Result
	for _, r := range set.Rules {
		m, err := r.Matcher()
		if err != nil {
			res := Result{Kind: KindExample, Suite: set.Name, Name: r.ID + ": pattern", Pos: r.Source.Pattern,
				Message: "the filter pattern does not compile: " + err.Error(), SourceLine: r.SourceLine(r.Source.Pattern)}
			if l, ok := diag.As(err); ok {
				res.Diagnostics = l
			}
			out = append(out, res)
			continue
		}
		r.Examples.Each(func(ref rules.ExampleRef, want rules.Expectation) {
			pos := r.ExamplePos(ref)
			res := Result{Kind: KindExample, Suite: set.Name, Name: fmt.Sprintf("%s: %s %s", r.ID, want.Key(), ref.Name),
				Pos: pos, SourceLine: r.SourceLine(pos)}
			ev, ok := set.Examples.Resolve(ref)
			if !ok {
				res.Message = fmt.Sprintf("no example event named %q", ref.Name)
				out = append(out, res)
				return
			}
			got := m.Match(ev.Message)
			res.Passed = got == want.Matches()
			switch {
			case want == rules.ExpectFalsePositive && r.Broken != "":
				res.Note = "documents the breakage: " + r.Broken
			case want == rules.ExpectFalsePositive || want == rules.ExpectFalseNegative:
				res.Note = "documented gap of the published pattern"
			}
			if !res.Passed {
				// Say why, condition by condition, as `cwpat explain` does.
				why := "    " + strings.ReplaceAll(strings.TrimRight(m.Explain(ev.Message).Text(), "\n"), "\n", "\n    ")
				if got {
					res.Message = fmt.Sprintf("listed under %s, but the pattern matches this event:\n%s", want.Key(), why)
				} else {
					res.Message = fmt.Sprintf("listed under %s, but the pattern does not match this event:\n%s", want.Key(), why)
				}
			}
			out = append(out, res)
		})
	}
	return out
}
