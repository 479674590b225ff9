package rules

import (
	"maps"
	"slices"

	"github.com/cwpat/cwpat/pattern"
)

// Set is an ordered set of rules, built in or loaded from files.
type Set struct {
	Name        string `json:"name"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	// Extends is the built-in set the rules started from, if any.
	Extends string  `json:"extends,omitempty"`
	Rules   []*Rule `json:"rules"`
	// Examples resolves example names (the built-in library).
	Examples *Library `json:"-"`
}

// Rule returns the rule with the given id.
func (s *Set) Rule(id string) (*Rule, bool) {
	r, _ := s.find(id)
	return r, r != nil
}

func (s *Set) find(id string) (*Rule, int) {
	for i, r := range s.Rules {
		if r.ID == id {
			return r, i
		}
	}
	return nil, -1
}

// IDs returns the rule ids in order.
func (s *Set) IDs() []string {
	out := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		out[i] = r.ID
	}
	return out
}

// Patterns returns the filter patterns in rule order, for pattern.CompileSet.
func (s *Set) Patterns() []string {
	out := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		out[i] = r.FilterPattern
	}
	return out
}

// Clone returns a deep copy, so callers may change rules freely.
func (s *Set) Clone() *Set {
	c := *s
	c.Rules = make([]*Rule, len(s.Rules))
	for i, r := range s.Rules {
		c.Rules[i] = r.Clone()
	}
	return &c
}

// Clone returns a deep copy of the rule.
func (r *Rule) Clone() *Rule {
	c := *r
	c.References.CIS = maps.Clone(r.References.CIS)
	c.References.URLs = slices.Clone(r.References.URLs)
	c.MetricTransformation = cloneTransformation(r.MetricTransformation)
	c.Examples = Examples{
		Match:          slices.Clone(r.Examples.Match),
		NoMatch:        slices.Clone(r.Examples.NoMatch),
		FalsePositives: slices.Clone(r.Examples.FalsePositives),
		FalseNegatives: slices.Clone(r.Examples.FalseNegatives),
	}
	c.Source.Fields = maps.Clone(r.Source.Fields)
	return &c
}

func cloneTransformation(t pattern.MetricTransformation) pattern.MetricTransformation {
	if t.DefaultValue != nil {
		v := *t.DefaultValue
		t.DefaultValue = &v
	}
	t.Dimensions = maps.Clone(t.Dimensions)
	return t
}
