// Package pattern is the CloudWatch Logs filter-pattern language: parse, check
// against AWS's validation rules and limits, print canonically, compile to an
// immutable matcher, and apply metric-filter semantics, answering exactly as
// AWS answers.
//
// SCAFFOLD: the signatures in this file are the contract other packages code
// against. The bodies are being built; until then they return errNotBuilt.
package pattern

import (
	"errors"

	"github.com/cwpat/cwpat/diag"
)

var errNotBuilt = errors.New("pattern: not built yet")

// Kind is the kind of a filter pattern, chosen by its first non-blank character.
type Kind int

// The four kinds of pattern.
const (
	MatchAll       Kind = iota // empty, blank, "" or " "
	Terms                      // terms, "quoted phrases", ?or, -exclude, %regex%
	JSON                       // { ... }
	SpaceDelimited             // [ ... ]
)

// Pattern is a parsed, checked filter pattern.
type Pattern struct {
	src  string
	kind Kind
}

// Parse parses and checks a filter pattern. The error, if any, is a diag.List
// whose positions are relative to src (line 1, column 1 is its first character).
func Parse(src string) (*Pattern, error) { return nil, errNotBuilt }

// Kind returns the pattern's kind.
func (p *Pattern) Kind() Kind { return p.kind }

// String returns the canonical form of the pattern.
func (p *Pattern) String() string { return p.src }

// Warnings returns pitfalls in an accepted pattern.
func (p *Pattern) Warnings() diag.List { return nil }

// Matcher is a compiled pattern. It is immutable and safe for concurrent use.
type Matcher struct{ p *Pattern }

// Compile parses, checks and compiles a pattern.
func Compile(src string) (*Matcher, error) { return nil, errNotBuilt }

// MustCompile is Compile for patterns known to be valid; it panics otherwise.
func MustCompile(src string) *Matcher {
	m, err := Compile(src)
	if err != nil {
		panic(err)
	}
	return m
}

// Match reports whether the log event message matches.
func (m *Matcher) Match(event []byte) bool { return false }

// MatchString is Match for a string.
func (m *Matcher) MatchString(event string) bool { return m.Match([]byte(event)) }

// Pattern returns the parsed pattern.
func (m *Matcher) Pattern() *Pattern { return m.p }

// Extract matches event and returns the values TestMetricFilter reports.
func (m *Matcher) Extract(event []byte) (map[string]string, bool) { return nil, false }

// MetricTransformation is AWS's MetricTransformation.
type MetricTransformation struct {
	MetricName      string            `json:"metricName" yaml:"metricName"`
	MetricNamespace string            `json:"metricNamespace" yaml:"metricNamespace"`
	MetricValue     string            `json:"metricValue" yaml:"metricValue"`
	DefaultValue    *float64          `json:"defaultValue,omitempty" yaml:"defaultValue,omitempty"`
	Dimensions      map[string]string `json:"dimensions,omitempty" yaml:"dimensions,omitempty"`
	Unit            string            `json:"unit,omitempty" yaml:"unit,omitempty"`
}

// Datapoint is what a metric filter publishes for one matching event.
type Datapoint struct {
	Value      float64
	Dimensions map[string]string
}

// MetricFilter is a compiled pattern plus its metric transformation.
type MetricFilter struct {
	m *Matcher
	t MetricTransformation
}

// NewMetricFilter validates the pair as PutMetricFilter does and compiles it.
func NewMetricFilter(pattern string, t MetricTransformation) (*MetricFilter, error) {
	return nil, errNotBuilt
}

// Apply returns the datapoint published for event, and false when event does
// not match (the caller then publishes DefaultValue, if any).
func (f *MetricFilter) Apply(event []byte) (Datapoint, bool) { return Datapoint{}, false }

// MetricFilterMatch is one entry of TestMetricFilter's response.
type MetricFilterMatch struct {
	EventNumber     int               `json:"eventNumber"`
	EventMessage    string            `json:"eventMessage"`
	ExtractedValues map[string]string `json:"extractedValues"`
}

// TestMetricFilterOutput is TestMetricFilter's response.
type TestMetricFilterOutput struct {
	Matches []MetricFilterMatch `json:"matches"`
}

// TestMetricFilter answers the CloudWatch Logs TestMetricFilter call locally.
func TestMetricFilter(pattern string, messages []string) (*TestMetricFilterOutput, error) {
	return nil, errNotBuilt
}

// Set is a compiled set of patterns evaluated together in one pass per record.
// It is immutable and safe for concurrent use.
type Set struct{ ms []*Matcher }

// CompileSet compiles patterns into a Set; pattern i answers in matched[i].
func CompileSet(patterns []string) (*Set, error) { return nil, errNotBuilt }

// Len is the number of patterns in the set.
func (s *Set) Len() int { return len(s.ms) }

// Match sets matched[i] for every pattern i that matches event and returns how
// many matched. len(matched) must be at least Len().
func (s *Set) Match(event []byte, matched []bool) int { return 0 }
