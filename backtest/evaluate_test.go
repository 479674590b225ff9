package backtest

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/sim"
)

// The windowed, chunked evaluation gives exactly the state changes of one
// sim.Evaluate over the whole range, which is the definition.
func TestEvaluateMatchesOneLongEvaluation(t *testing.T) {
	base := time.Date(2023, 7, 10, 0, 0, 0, 0, time.UTC)
	for seed := uint64(1); seed <= 60; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		a := sim.Alarm{Statistic: sim.Sum, Period: 300, EvaluationPeriods: 1 + rng.IntN(3), Threshold: float64(1 + rng.IntN(3)),
			ComparisonOperator: sim.GreaterThanOrEqualToThreshold,
			TreatMissingData:   sim.TreatMissingDataModes[rng.IntN(len(sim.TreatMissingDataModes))]}
		a.DatapointsToAlarm = 1 + rng.IntN(a.EvaluationPeriods)
		periods := 200 + rng.IntN(maxChunk*3) // long enough to cross chunks in some seeds
		var series []sim.Datapoint
		for p := 0; p < periods; p++ {
			if rng.Float64() < 0.05 || (p > 100 && p < 140 && rng.Float64() < 0.5) {
				v := float64(1 + rng.IntN(4))
				series = append(series, sim.Datapoint{Timestamp: base.Add(time.Duration(p) * a.PeriodDuration()),
					StatisticSet: sim.StatisticSet{SampleCount: v, Sum: v, Minimum: 1, Maximum: 1}})
			}
		}
		from := base.Add(90 * time.Second)
		to := base.Add(time.Duration(periods)*a.PeriodDuration() - time.Minute)
		got, _ := evaluate(a, series, from, to)
		tl, err := sim.Evaluate(a, series, sim.PeriodStart(from, a.PeriodDuration()), sim.PeriodStart(to, a.PeriodDuration()).Add(a.PeriodDuration()))
		require.NoError(t, err)
		want := tl.Transitions
		if want == nil {
			want = []sim.Transition{}
		}
		require.Equal(t, len(want), len(got), "seed %d %+v", seed, a)
		for i := range want {
			assert.Equal(t, fmt.Sprint(want[i].Time, want[i].From, want[i].To), fmt.Sprint(got[i].Time, got[i].From, got[i].To), "seed %d transition %d", seed, i)
		}
	}
}

func TestEvaluateTimeInAlarm(t *testing.T) {
	base := time.Date(2023, 7, 10, 10, 0, 0, 0, time.UTC)
	a := sim.Alarm{Statistic: sim.Sum, Period: 300, EvaluationPeriods: 1, Threshold: 1,
		ComparisonOperator: sim.GreaterThanOrEqualToThreshold, TreatMissingData: sim.NotBreaching}
	series := []sim.Datapoint{{Timestamp: base, StatisticSet: sim.StatisticSet{SampleCount: 2, Sum: 2, Minimum: 1, Maximum: 1}}}
	tr, secs := evaluate(a, series, base.Add(time.Minute), base.Add(30*time.Minute))
	require.Len(t, tr, 3, "%v", tr)
	assert.Equal(t, sim.StateOK, tr[0].To)
	assert.Equal(t, base, tr[0].Time, "notBreaching: OK at the first evaluation")
	assert.Equal(t, sim.StateAlarm, tr[1].To)
	assert.Equal(t, base.Add(5*time.Minute), tr[1].Time)
	assert.Equal(t, sim.StateOK, tr[2].To)
	// The datapoint stays in the evaluation range (EvaluationPeriods+2
	// periods) until 10:20, and CloudWatch uses real datapoints in the
	// range before filling missing ones.
	assert.Equal(t, base.Add(20*time.Minute), tr[2].Time)
	assert.Equal(t, int64(900), secs)
}
