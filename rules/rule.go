package rules

import (
	"strings"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
	"github.com/cwpat/cwpat/sim"
)

// Rule is one monitored control: a metric filter on the CloudTrail log group,
// the alarm on its metric, and the example events that prove the pattern.
type Rule struct {
	// ID is stable across sets: the same control has the same id in cis-1.2
	// and cis-5.0 (the set says which version of the text it carries).
	ID          string     `yaml:"id" json:"id"`
	Title       string     `yaml:"title" json:"title"`
	Description string     `yaml:"description" json:"description,omitempty"`
	References  References `yaml:"references" json:"references"`
	// Severity is informational, low, medium, high or critical.
	Severity string `yaml:"severity" json:"severity"`
	// Broken says why a published pattern is shipped verbatim although it is
	// logically wrong; its examples document the breakage.
	Broken string `yaml:"broken" json:"broken,omitempty"`
	// FilterName is the metric filter's name (PutMetricFilter filterName);
	// empty means the metric name.
	FilterName           string                       `yaml:"filterName" json:"filterName,omitempty"`
	FilterPattern        string                       `yaml:"filterPattern" json:"filterPattern"`
	MetricTransformation pattern.MetricTransformation `yaml:"metricTransformation" json:"metricTransformation"`
	Alarm                Alarm                        `yaml:"alarm" json:"alarm"`
	Examples             Examples                     `yaml:"examples" json:"examples"`

	// Source says where the rule was last defined, for diagnostics.
	Source Source `yaml:"-" json:"-"`
}

// References ties a rule to the standards it implements.
type References struct {
	// CIS maps a CIS AWS Foundations Benchmark version ("1.2.0", "5.0.0") to
	// the recommendation number in that version ("3.1", "4.1").
	CIS map[string]string `yaml:"cis" json:"cis,omitempty"`
	// SecurityHub is the AWS Security Hub control id (CloudWatch.1).
	SecurityHub string `yaml:"securityHub" json:"securityHub,omitempty"`
	// URLs point at the published text.
	URLs []string `yaml:"urls" json:"urls,omitempty"`
}

// Alarm is the CloudWatch alarm on the rule's metric, in PutMetricAlarm's
// words. Its namespace and metric name are the metric transformation's; the
// settings that decide its state are sim.Alarm's, written inline in the
// rule file (alarm.statistic, alarm.period, ...).
type Alarm struct {
	AlarmName        string `yaml:"alarmName" json:"alarmName"`
	AlarmDescription string `yaml:"alarmDescription" json:"alarmDescription,omitempty"`
	sim.Alarm        `yaml:",inline"`
}

// Examples are the events that prove a rule's pattern. Each is the name of
// an event in the example library or an event written inline.
type Examples struct {
	// Match must match.
	Match []ExampleRef `yaml:"match" json:"match,omitempty"`
	// NoMatch are near misses that must not match.
	NoMatch []ExampleRef `yaml:"noMatch" json:"noMatch,omitempty"`
	// FalsePositives should not match by the control's intent but do match
	// the published pattern: they document why the rule is Broken.
	FalsePositives []ExampleRef `yaml:"falsePositives" json:"falsePositives,omitempty"`
	// FalseNegatives should match by the control's intent but do not.
	FalseNegatives []ExampleRef `yaml:"falseNegatives" json:"falseNegatives,omitempty"`
}

// Expectation is what an example expects of the pattern.
type Expectation int

// The four expectations, one per Examples list.
const (
	ExpectMatch Expectation = iota
	ExpectNoMatch
	ExpectFalsePositive
	ExpectFalseNegative
)

// Key is the Examples key the expectation is written under.
func (e Expectation) Key() string {
	return [...]string{"match", "noMatch", "falsePositives", "falseNegatives"}[e]
}

// Matches reports whether the published pattern is expected to match.
func (e Expectation) Matches() bool { return e == ExpectMatch || e == ExpectFalsePositive }

// Each calls f for every example with its expectation, in file order.
func (x Examples) Each(f func(ExampleRef, Expectation)) {
	for i, list := range [][]ExampleRef{x.Match, x.NoMatch, x.FalsePositives, x.FalseNegatives} {
		for _, r := range list {
			f(r, Expectation(i))
		}
	}
}

// Source is where a rule came from, so diagnostics point into the YAML.
type Source struct {
	Set  string        // set (or file) that last defined or changed the rule
	Pos  diag.Position // the rule's "id" in that file
	Text string        // that file's text, for source lines
	// Pattern is where the filter pattern's text starts; PatternIndent is the
	// indent of its continuation lines (block scalars); PatternExact says the
	// YAML scalar holds the pattern verbatim (no escapes or folding), so
	// positions inside the pattern map exactly.
	Pattern       diag.Position
	PatternIndent int
	PatternExact  bool
	// Fields maps a dotted key ("alarm.threshold") to its value's position.
	Fields map[string]diag.Position
}

// FieldPos returns the position of a key's value, or the rule's position.
func (s Source) FieldPos(key string) diag.Position {
	if p, ok := s.Fields[key]; ok {
		return p
	}
	return s.Pos
}

// MetricFilter compiles the rule's pattern and metric transformation as
// PutMetricFilter would accept them. Pattern diagnostics are mapped into the
// rule file.
func (r *Rule) MetricFilter() (*pattern.MetricFilter, error) {
	f, err := pattern.NewMetricFilter(r.FilterPattern, r.MetricTransformation)
	if err != nil {
		return nil, r.mapPatternError(err)
	}
	return f, nil
}

// Matcher compiles the rule's filter pattern.
func (r *Rule) Matcher() (*pattern.Matcher, error) {
	m, err := pattern.Compile(r.FilterPattern)
	if err != nil {
		return nil, r.mapPatternError(err)
	}
	return m, nil
}

// mapPatternError moves pattern-relative diagnostics onto the rule file.
func (r *Rule) mapPatternError(err error) error {
	l, ok := diag.As(err)
	if !ok {
		return err
	}
	out := make(diag.List, len(l))
	for i, d := range l {
		out[i] = r.PatternDiagnostic(d)
	}
	return out
}

// PatternDiagnostic maps a diagnostic whose position is relative to the
// filter pattern into the file the rule came from. When the YAML scalar is
// not verbatim (escapes, folding) the position is the pattern's start.
func (r *Rule) PatternDiagnostic(d diag.Diagnostic) diag.Diagnostic {
	if !r.Source.Pattern.IsValid() {
		return d
	}
	if !r.Source.PatternExact {
		d.Pos = diag.Position{}
	}
	return d.At(r.Source.Pattern, r.Source.PatternIndent, r.Source.Text)
}

// EffectiveFilterName is FilterName, or the metric name when it is empty.
func (r *Rule) EffectiveFilterName() string {
	if r.FilterName != "" {
		return r.FilterName
	}
	return r.MetricTransformation.MetricName
}

// SourceLine returns the line of text p points at, from the rule's file or
// from the embedded built-in file p names ("" when neither is known), so a
// caret is never drawn under a line of the wrong file.
func (r *Rule) SourceLine(p diag.Position) string {
	switch {
	case !p.IsValid():
		return ""
	case p.File == r.Source.Pos.File:
		return diag.LineAt(r.Source.Text, p.Line)
	}
	if b, ok := BuiltinFile(p.File); ok {
		return diag.LineAt(string(b), p.Line)
	}
	return ""
}

// ExamplePos is where to report a problem with an example: the example
// entry itself, unless it was inherited from a built-in set while the rule
// was changed in the user's file, in which case the user's filter pattern
// (what they changed) is the place to look.
func (r *Rule) ExamplePos(ref ExampleRef) diag.Position {
	if strings.HasPrefix(ref.Pos.File, "builtin/") && !strings.HasPrefix(r.Source.Pos.File, "builtin/") {
		return r.Source.FieldPos("filterPattern")
	}
	return ref.Pos
}
