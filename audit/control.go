package audit

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/rules"
)

// Control is one monitoring control to audit: what a filter must do, shown
// by example events. It is built from a rule (see ControlsFromRules).
type Control struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Pattern is the rule's own pattern, shown as the fix when none fits.
	Pattern string `json:"pattern"`
	// SecurityHub is the Security Hub control (CloudWatch.1) that checks
	// this control by exact pattern text, if any.
	SecurityHub string `json:"securityHub,omitempty"`
	// Broken says why the rule set's own pattern is known to be wrong.
	Broken string `json:"broken,omitempty"`
	// Pos is where the rule is defined; findings point there, so machine
	// formats (SARIF) have a location for every result.
	Pos diag.Position `json:"-"`
	// Matches are events a filter for the control must match; NearMisses
	// are events it must not match.
	Matches    []string `json:"-"`
	NearMisses []string `json:"-"`
}

// ControlsFromRules turns rules into audit controls: a rule's match examples
// must match and its noMatch examples must not. The falsePositives examples
// are left out: the published CIS pattern itself matches them (IAM's
// CreatePolicy from Organizations, say), and a filter that is exactly what
// CIS prescribes must pass the audit.
func ControlsFromRules(set *rules.Set) ([]Control, error) {
	if set.Examples == nil {
		lib, err := rules.BuiltinExamples()
		if err != nil {
			return nil, err
		}
		set.Examples = lib
	}
	var out []Control
	var missing []string
	for _, r := range set.Rules {
		c := Control{ID: r.ID, Title: r.Title, Pattern: r.FilterPattern, SecurityHub: r.References.SecurityHub, Broken: r.Broken, Pos: r.Source.Pos}
		resolve := func(refs []rules.ExampleRef, into *[]string) {
			for _, ref := range refs {
				ev, ok := set.Examples.Resolve(ref)
				if !ok {
					missing = append(missing, r.ID+": "+ref.Name)
					continue
				}
				*into = append(*into, string(ev.Message))
			}
		}
		resolve(r.Examples.Match, &c.Matches)
		resolve(r.Examples.NoMatch, &c.NearMisses)
		if len(c.Matches) == 0 {
			missing = append(missing, r.ID+": no match examples")
		}
		out = append(out, c)
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, fmt.Errorf("rule set %s cannot be audited, examples missing: %s", set.Name, strings.Join(missing, "; "))
	}
	return out, nil
}
