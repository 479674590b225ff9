package sim

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/pattern"
)

// containsFilter is a func-typed fake for the unit tests of pure logic: it
// matches events containing "hit" and publishes 1 (or 3 for "hit3").
var containsFilter = FilterFunc(func(e []byte) (pattern.Datapoint, bool) {
	switch {
	case bytes.Contains(e, []byte("hit3")):
		return pattern.Datapoint{Value: 3}, true
	case bytes.Contains(e, []byte("hit")):
		return pattern.Datapoint{Value: 1}, true
	}
	return pattern.Datapoint{}, false
})

func events(specs ...any) []LogEvent {
	var out []LogEvent
	for i := 0; i < len(specs); i += 2 {
		out = append(out, LogEvent{Time: t0.Add(specs[i].(time.Duration)), Message: []byte(specs[i+1].(string))})
	}
	return out
}

func TestPublish(t *testing.T) {
	evs := events(time.Second, "hit", 2*time.Second, "miss", 70*time.Second, "hit3")
	assert.Equal(t, []Sample{
		{Time: t0.Add(time.Second), Value: 1},
		{Time: t0.Add(70 * time.Second), Value: 3},
	}, Publish(containsFilter, nil, evs))
	zero := 0.0
	got := Publish(containsFilter, &zero, evs)
	require.Len(t, got, 3)
	assert.Equal(t, Sample{Time: t0.Add(2 * time.Second), Value: 0, Default: true}, got[1])
}

func TestAggregateAndStatistics(t *testing.T) {
	zero := 0.0
	samples := Publish(containsFilter, &zero, events(
		0*time.Second, "hit", 10*time.Second, "hit3", 20*time.Second, "miss",
		6*time.Minute, "hit"))
	points := Aggregate(samples, nil, 5*time.Minute)
	require.Len(t, points, 2)
	first := points[0]
	assert.Equal(t, t0, first.Timestamp)
	assert.Equal(t, StatisticSet{SampleCount: 3, Sum: 4, Minimum: 0, Maximum: 3}, first.StatisticSet)
	assert.InDelta(t, 4.0/3, first.Value(Average), 1e-12)
	assert.Equal(t, 4.0, first.Value(Sum))
	assert.Equal(t, 0.0, first.Value(Minimum))
	assert.Equal(t, 3.0, first.Value(Maximum))
	assert.Equal(t, 3.0, first.Value(SampleCount))
	assert.Equal(t, t0.Add(5*time.Minute), points[1].Timestamp)
}

func TestAggregateDimensions(t *testing.T) {
	samples := []Sample{
		{Time: t0, Value: 1, Dimensions: map[string]string{"user": "a"}},
		{Time: t0, Value: 1},
	}
	assert.Len(t, Aggregate(samples, nil, time.Minute), 1, "an alarm without dimensions sees only the dimensionless series")
	got := Aggregate(samples, map[string]string{"user": "a"}, time.Minute)
	require.Len(t, got, 1)
	assert.Equal(t, 1.0, got[0].Sum)
	assert.Empty(t, Aggregate(samples, map[string]string{"user": "b"}, time.Minute))
}

func TestPeriodStart(t *testing.T) {
	assert.Equal(t, t0, PeriodStart(t0.Add(299*time.Second), 5*time.Minute))
	assert.Equal(t, t0.Add(5*time.Minute), PeriodStart(t0.Add(5*time.Minute), 5*time.Minute))
	before := time.Unix(-1, 0)
	assert.Equal(t, time.Unix(-60, 0).UTC(), PeriodStart(before, time.Minute), "times before the epoch round down")
}

func TestSimulate(t *testing.T) {
	a := Alarm{Statistic: Sum, Period: 300, EvaluationPeriods: 1, Threshold: 3,
		ComparisonOperator: GreaterThanOrEqualToThreshold, TreatMissingData: NotBreaching}
	// three failures within one period fire the sample template's sign-in alarm.
	res, err := Simulate(containsFilter, nil, a, events(time.Minute, "hit", 2*time.Minute, "hit", 3*time.Minute, "hit", 4*time.Minute, "miss"), t0, t0.Add(10*time.Minute))
	require.NoError(t, err)
	assert.Len(t, res.Samples, 3)
	assert.Equal(t, StateAlarm, res.Timeline.StateAt(t0.Add(5*time.Minute)))
	assert.Equal(t, StateAlarm, res.Timeline.StateAt(t0.Add(10*time.Minute)), "still in the evaluation range")
	dp, ok := res.DatapointAt(t0.Add(5*time.Minute), a.PeriodDuration())
	require.True(t, ok)
	assert.Equal(t, 3.0, dp.Sum)
	_, ok = res.DatapointAt(t0.Add(10*time.Minute), a.PeriodDuration())
	assert.False(t, ok)

	a.Statistic = "bogus"
	_, err = Simulate(containsFilter, nil, a, nil, t0, t0)
	assert.Error(t, err)
}
