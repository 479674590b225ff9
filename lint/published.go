package lint

import (
	"sync"

	"github.com/cwpat/cwpat/rules"
)

// Compliance scanners (Security Hub's CIS controls, Steampipe, Elastic
// CSPM ...) recognise the CIS monitoring filters by comparing the pattern
// text with the published one. fmt must not turn a working control into a
// failed one, so a pattern written exactly as a published CIS or Security Hub
// pattern is kept verbatim. The published texts are the patterns of cwpat's
// built-in rule sets, which quote them as published.

var published = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	for _, name := range rules.BuiltinSetNames() {
		s, err := rules.Builtin(name)
		if err != nil {
			continue
		}
		for _, r := range s.Rules {
			if r.FilterPattern != "" {
				set[r.FilterPattern] = true
			}
		}
	}
	return set
})

// isPublished reports whether a pattern is written exactly as a published
// CIS or Security Hub pattern.
func isPublished(pattern string) bool { return published()[pattern] }
