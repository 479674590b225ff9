package backtest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/pattern"
	"github.com/cwpat/cwpat/rules"
	"github.com/cwpat/cwpat/trail"
)

// cisRules returns the built-in CIS set as backtest rules.
func builtinRules(t testing.TB, name string) []Rule {
	t.Helper()
	set, err := rules.Builtin(name)
	require.NoError(t, err)
	return RulesFrom(set)
}

// minuteCounts counts, per rule and minute, the sample records each rule's
// pattern matches, with the pattern package alone (as a query engine would
// count them elsewhere).
func minuteCounts(t testing.TB, rs []Rule) [][]MinuteCount {
	t.Helper()
	pats := make([]string, len(rs))
	for i, r := range rs {
		pats[i] = r.FilterPattern
	}
	set, err := pattern.CompileSet(pats)
	require.NoError(t, err)
	perMinute := make([]map[time.Time]int64, len(rs))
	for i := range perMinute {
		perMinute[i] = map[time.Time]int64{}
	}
	matched := make([]bool, len(rs))
	_, err = (&trail.Reader{}).ReadAll(Sample(), func(r *trail.Record) error {
		set.Match(r.Message, matched)
		for i, ok := range matched {
			if ok {
				perMinute[i][r.Time.Truncate(time.Minute)]++
			}
		}
		return nil
	})
	require.NoError(t, err)
	out := make([][]MinuteCount, len(rs))
	for i, m := range perMinute {
		for minute, n := range m {
			out[i] = append(out[i], MinuteCount{Minute: minute, Matched: n})
		}
	}
	return out
}

func TestFromCountsGivesWhatRunGivesForTheSameMatches(t *testing.T) {
	for _, name := range []string{"cis", "cis-1.2", "securityhub"} {
		t.Run(name, func(t *testing.T) {
			rs := builtinRules(t, name)
			run, err := Run(context.Background(), rs, Sample(), Options{})
			require.NoError(t, err)
			got, err := FromCounts(rs, minuteCounts(t, rs), run.From, run.To)
			require.NoError(t, err)
			require.Len(t, got.Rules, len(run.Rules))
			alarms := 0
			for i := range run.Rules {
				want, have := run.Rules[i], got.Rules[i]
				alarms += want.Alarms()
				if want.FirstMatch != nil {
					require.NotNil(t, have.FirstMatch, want.ID)
					assert.Equal(t, want.FirstMatch.Truncate(time.Minute), *have.FirstMatch, want.ID)
					assert.Equal(t, want.LastMatch.Truncate(time.Minute), *have.LastMatch, want.ID)
				} else {
					assert.Nil(t, have.FirstMatch, want.ID)
				}
				assert.Empty(t, have.Examples, "counts carry no records")
				assert.Nil(t, have.Drivers, "counts carry no records")
				// What counts cannot carry set aside, the rest is Run's.
				want.FirstMatch, want.LastMatch, want.Examples, want.Drivers = nil, nil, nil, nil
				have.FirstMatch, have.LastMatch, have.Examples = nil, nil, nil
				assert.Equal(t, want, have, want.ID)
			}
			assert.Positive(t, alarms, "the comparison covers alarms that fire")
		})
	}
}

func TestFromCountsRefusesRulesThatNeedTheEvents(t *testing.T) {
	one := 0.0
	base := rule("r1", `{ $.eventName = CreateVpc }`)
	field, dims, def := base, base, base
	field.MetricTransformation.MetricValue = "$.requestParameters.count"
	dims.MetricTransformation.Dimensions = map[string]string{"who": "$.userIdentity.arn"}
	def.MetricTransformation.DefaultValue = &one
	at := time.Date(2023, 7, 10, 10, 0, 0, 0, time.UTC)
	counts := [][]MinuteCount{{{Minute: at, Matched: 1}}}
	for _, r := range []Rule{field, dims, def} {
		_, err := FromCounts([]Rule{r}, counts, at, at)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "rule r1")
	}
	_, err := FromCounts([]Rule{base}, nil, at, at)
	assert.Error(t, err, "one count series per rule")
	rep, err := FromCounts([]Rule{base}, counts, at, at.Add(time.Minute))
	require.NoError(t, err)
	assert.Equal(t, int64(1), rep.Rules[0].Matched)
	assert.Equal(t, int64(1), rep.Rules[0].Published)
}
