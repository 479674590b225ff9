package sim

import "time"

// Result is everything a simulation produced.
type Result struct {
	// Samples are the values the metric filter published, in event order.
	Samples []Sample `json:"samples"`
	// Datapoints are the alarm's metric, one per period that has samples.
	Datapoints []Datapoint `json:"datapoints"`
	Timeline   *Timeline   `json:"timeline"`
}

// Simulate publishes the metric filter's samples for events, aggregates them
// into the alarm's periods and evaluates the alarm from its creation at from
// until to. defaultValue is the metric transformation's DefaultValue.
func Simulate(f Filter, defaultValue *float64, a Alarm, events []LogEvent, from, to time.Time) (*Result, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	samples := Publish(f, defaultValue, events)
	points := Aggregate(samples, a.Dimensions, a.PeriodDuration())
	tl, err := Evaluate(a, points, from, to)
	if err != nil {
		return nil, err
	}
	return &Result{Samples: samples, Datapoints: points, Timeline: tl}, nil
}

// DatapointAt returns the datapoint of the last complete period before t
// (the period an evaluation at t sees last), if it has samples.
func (r *Result) DatapointAt(t time.Time, period time.Duration) (Datapoint, bool) {
	start := PeriodStart(t, period).Add(-period)
	for _, p := range r.Datapoints {
		if p.Timestamp.Equal(start) {
			return p, true
		}
	}
	return Datapoint{}, false
}
