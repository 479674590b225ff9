package sim_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/cwpat/cwpat/pattern"
	"github.com/cwpat/cwpat/sim"
)

// Simulate a CIS-style alarm (Sum >= 3 over five minutes, missing data
// treated as not breaching) fed by a metric filter. Here the filter is a
// stand-in that counts events containing "Failed authentication"; real
// callers pass a *pattern.MetricFilter.
func ExampleSimulate() {
	failures := sim.FilterFunc(func(e []byte) (pattern.Datapoint, bool) {
		return pattern.Datapoint{Value: 1}, bytes.Contains(e, []byte("Failed authentication"))
	})
	alarm := sim.Alarm{Statistic: sim.Sum, Period: 300, EvaluationPeriods: 1, Threshold: 3,
		ComparisonOperator: sim.GreaterThanOrEqualToThreshold, TreatMissingData: sim.NotBreaching}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var events []sim.LogEvent
	for i := range 3 {
		events = append(events, sim.LogEvent{Time: start.Add(time.Duration(i+1) * time.Minute), Message: []byte(`{"errorMessage":"Failed authentication"}`)})
	}
	res, err := sim.Simulate(failures, nil, alarm, events, start, start.Add(30*time.Minute))
	if err != nil {
		panic(err)
	}
	for _, t := range res.Timeline.Transitions {
		fmt.Printf("%s %s -> %s\n", t.Time.Format("15:04"), t.From, t.To)
	}
	fmt.Println(res.Timeline.Transitions[1].Reason)
	// Output:
	// 00:00 INSUFFICIENT_DATA -> OK
	// 00:05 OK -> ALARM
	// 00:20 ALARM -> OK
	// Threshold Crossed: 1 datapoint [3.0 (01/01/26 00:00:00)] was greater than or equal to the threshold (3.0).
}

// Evaluate an alarm directly on datapoints: a 2-of-3 alarm that treats
// missing data as missing. At 00:01 only one datapoint exists; it breaches,
// but it is the most recent one, so CloudWatch waits for the next instead of
// firing ("avoiding premature transitions to alarm state") and the alarm
// stays INSUFFICIENT_DATA. At 00:02 a datapoint that does not breach makes
// it OK; at 00:03 two of the three breach.
func ExampleEvaluate() {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := sim.Alarm{Statistic: sim.Maximum, Period: 60, EvaluationPeriods: 3, DatapointsToAlarm: 2,
		Threshold: 90, ComparisonOperator: sim.GreaterThanThreshold}
	var points []sim.Datapoint
	for i, v := range []float64{95, 50, 97, 40, 30} {
		points = append(points, sim.Datapoint{Timestamp: start.Add(time.Duration(i) * time.Minute),
			StatisticSet: sim.StatisticSet{SampleCount: 1, Sum: v, Minimum: v, Maximum: v}})
	}
	tl, err := sim.Evaluate(a, points, start, start.Add(5*time.Minute))
	if err != nil {
		panic(err)
	}
	for _, e := range tl.Evaluations {
		fmt.Println(e.Time.Format("15:04"), e.State)
	}
	// Output:
	// 00:00 INSUFFICIENT_DATA
	// 00:01 INSUFFICIENT_DATA
	// 00:02 OK
	// 00:03 ALARM
	// 00:04 OK
	// 00:05 OK
}
