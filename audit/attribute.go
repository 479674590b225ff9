package audit

import (
	"regexp"
	"strings"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/pattern"
)

// attribute decides, for every filter that fits no control but touches
// some, which control it was meant for, so that a broken filter is reported
// once, against its own control, rather than against every control whose
// events it happens to match (the CIS v1.4 unauthorized-calls text matches
// nearly everything). The filter goes to the control whose published
// pattern shares the most words with it (fields and values).
func attribute(filters []alarms.MetricFilter, matchers map[string]*pattern.Matcher, controls []Control) map[string]string {
	owner := map[string]string{}
	for _, f := range filters {
		m := matchers[f.Name]
		if m == nil {
			continue
		}
		fw := patternWords(f.Pattern)
		best, bestScore := "", -1.0
		for _, c := range controls {
			v := judgeFilter(f, m, c)
			if v.Fits {
				best = "" // it fits a control: not a broken one
				break
			}
			if v.Reason == "" {
				continue
			}
			if score := jaccard(fw, patternWords(c.Pattern)); score > bestScore {
				best, bestScore = c.ID, score
			}
		}
		if best != "" {
			owner[f.Name] = best
		}
	}
	return owner
}

var wordRE = regexp.MustCompile(`[A-Za-z0-9_.*:/-]+`)

// patternWords are the selectors and values of a pattern, without $. and
// keywords, lower-cased.
func patternWords(p string) map[string]bool {
	out := map[string]bool{}
	for _, w := range wordRE.FindAllString(p, -1) {
		w = strings.ToLower(strings.Trim(w, "."))
		switch w {
		case "", "not", "exists", "is", "null", "true", "false":
			continue
		}
		out[w] = true
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
