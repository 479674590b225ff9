package rules

import (
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// SupersededText is a filter pattern a control's publisher printed once and
// has since replaced: a filter carrying it followed the published text then,
// and a checker that compares against today's text (Security Hub's
// CloudWatch.x controls) no longer accepts it. The same text may still be
// current for another publisher: CIS prints Security Hub's old CloudWatch.3
// text as its console sign-in recommendation to this day, so the text is
// superseded for the control named here, not wrong.
type SupersededText struct {
	// Control is the control whose text changed ("CloudWatch.3").
	Control string
	// Until is the day the publisher replaced the text.
	Until time.Time
	// Pattern is the old published text.
	Pattern string
	// Current is the text published since, as the built-in set ships it.
	Current string
	// Set and RuleID name the built-in rule that carries Current.
	Set, RuleID string
	// Source is where the change is recorded.
	Source string
}

// Superseded reports whether pattern is a text a control's publisher has
// replaced, and by what (see SupersededText for what that does and does not
// mean). The comparison ignores blanks outside quoted
// strings, as Security Hub's does (a spaced and a condensed spelling of the
// same text both pass its checks), so a filter written with other spacing
// is still recognised.
func Superseded(pattern string) (SupersededText, bool) {
	all, err := loadSuperseded()
	if err != nil {
		return SupersededText{}, false
	}
	key := withoutBlanks(pattern)
	for _, s := range all {
		if withoutBlanks(s.Pattern) == key {
			return s, true
		}
	}
	return SupersededText{}, false
}

// SupersededTexts returns every superseded published text cwpat knows, in
// file order.
func SupersededTexts() ([]SupersededText, error) {
	all, err := loadSuperseded()
	return append([]SupersededText(nil), all...), err
}

var loadSuperseded = sync.OnceValues(func() ([]SupersededText, error) {
	return parseSuperseded(mustRead("data/superseded.yaml"))
})

// parseSuperseded reads the superseded texts and fills in each one's
// current text from the built-in rule it names.
func parseSuperseded(src []byte) ([]SupersededText, error) {
	var entries []struct {
		Control string `yaml:"control"`
		Set     string `yaml:"set"`
		Rule    string `yaml:"rule"`
		Until   string `yaml:"until"`
		Pattern string `yaml:"pattern"`
		Source  string `yaml:"source"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(src)))
	dec.KnownFields(true)
	if err := dec.Decode(&entries); err != nil {
		return nil, fmt.Errorf("superseded texts: %w", err)
	}
	out := make([]SupersededText, 0, len(entries))
	for _, e := range entries {
		until, err := time.Parse(time.DateOnly, e.Until)
		if err != nil {
			return nil, fmt.Errorf("superseded text of %s: until: %w", e.Control, err)
		}
		set, err := Builtin(e.Set)
		if err != nil {
			return nil, fmt.Errorf("superseded text of %s: %w", e.Control, err)
		}
		r, ok := set.Rule(e.Rule)
		if !ok {
			return nil, fmt.Errorf("superseded text of %s: built-in set %s has no rule %s", e.Control, e.Set, e.Rule)
		}
		out = append(out, SupersededText{Control: e.Control, Until: until, Pattern: e.Pattern, Current: r.FilterPattern,
			Set: e.Set, RuleID: e.Rule, Source: e.Source})
	}
	return out, nil
}

// withoutBlanks drops white space outside double-quoted strings, where it
// cannot change what a pattern means.
func withoutBlanks(s string) string {
	var b strings.Builder
	quoted, escaped := false, false
	for _, r := range s {
		switch {
		case escaped:
			escaped = false
		case quoted && r == '\\':
			escaped = true
		case r == '"':
			quoted = !quoted
		case !quoted && unicode.IsSpace(r):
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
