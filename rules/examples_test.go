package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBuiltinExamplesMatch runs every built-in rule's examples through the
// real matcher: match and falsePositives must match, noMatch and
// falseNegatives must not. Every pattern must also pass PutMetricFilter's
// validation.
func TestBuiltinExamplesMatch(t *testing.T) {
	lib, err := BuiltinExamples()
	require.NoError(t, err)
	for _, name := range BuiltinNames() {
		s, err := Builtin(name)
		require.NoError(t, err)
		for _, r := range s.Rules {
			m, err := r.Matcher()
			if !assert.NoError(t, err, "%s %s", name, r.ID) {
				continue
			}
			_, err = r.MetricFilter()
			assert.NoError(t, err, "%s %s: PutMetricFilter would refuse it", name, r.ID)
			r.Examples.Each(func(ref ExampleRef, want Expectation) {
				ev, ok := lib.Resolve(ref)
				require.True(t, ok, ref.Name)
				assert.Equal(t, want.Matches(), m.Match(ev.Message), "%s %s: %s example %s", name, r.ID, want.Key(), ref.Name)
			})
		}
	}
}

func TestPatternErrorsPointIntoTheFile(t *testing.T) {
	src := "rules:\n  - id: x\n    title: X\n    filterPattern: '{ $.a = 1 && }'\n    metricTransformation: {metricName: m, metricNamespace: n}\n    alarm: {alarmName: a}\n"
	s, err := Parse("", "x.yaml", []byte(src))
	require.NoError(t, err, "structure is fine; the pattern is checked when compiled")
	r, _ := s.Rule("x")
	_, err = r.Matcher()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "x.yaml:4:34: error:", "the caret goes under the closing brace inside the YAML")
	_, err = r.MetricFilter()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "x.yaml:4:34: error:", "the caret goes under the closing brace inside the YAML")
}
