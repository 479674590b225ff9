package cli

import (
	"strings"

	"github.com/cwpat/cwpat/rules"
)

// findRule finds a rule of set by what a user calls it: its id
// (root-usage), its Security Hub control (CloudWatch.1, any case), or its
// CIS recommendation number in the set's CIS version (4.3 in cis-5.0, 3.3 in
// cis-1.2), with or without a "CIS " prefix.
func findRule(set *rules.Set, name string) (*rules.Rule, bool) {
	if r, ok := set.Rule(name); ok {
		return r, true
	}
	for _, r := range set.Rules {
		if r.References.SecurityHub != "" && strings.EqualFold(r.References.SecurityHub, name) {
			return r, true
		}
	}
	num := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(name, "CIS "), "cis "))
	version := cisVersion(set)
	for _, r := range set.Rules {
		if r.References.CIS[version] == num {
			return r, true
		}
	}
	return nil, false
}
