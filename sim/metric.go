package sim

import (
	"maps"
	"sort"
	"time"

	"github.com/cwpat/cwpat/pattern"
)

// LogEvent is one log event as CloudWatch Logs ingests it.
type LogEvent struct {
	Time    time.Time
	Message []byte
}

// Filter is a metric filter applied to one event: the value and dimensions it
// publishes, and whether the event matched. *pattern.MetricFilter is one.
type Filter interface {
	Apply(event []byte) (pattern.Datapoint, bool)
}

// FilterFunc adapts a function to Filter.
type FilterFunc func(event []byte) (pattern.Datapoint, bool)

// Apply calls f.
func (f FilterFunc) Apply(event []byte) (pattern.Datapoint, bool) { return f(event) }

// Sample is one value a metric filter publishes.
type Sample struct {
	Time       time.Time
	Value      float64
	Dimensions map[string]string
	// Default is true when the value is the filter's default value, published
	// for an event that did not match.
	Default bool
}

// Publish applies the metric filter to every event, in order, and returns the
// samples it publishes: the metric value for each match and, when
// defaultValue is set, the default value for each event that does not match.
// The default value is published without dimensions, since a match is what
// supplies dimension values.
func Publish(f Filter, defaultValue *float64, events []LogEvent) []Sample {
	var out []Sample
	for _, e := range events {
		dp, ok := f.Apply(e.Message)
		switch {
		case ok:
			out = append(out, Sample{Time: e.Time, Value: dp.Value, Dimensions: dp.Dimensions})
		case defaultValue != nil:
			out = append(out, Sample{Time: e.Time, Value: *defaultValue, Default: true})
		}
	}
	return out
}

// StatisticSet summarises the samples of one period, as CloudWatch stores them.
type StatisticSet struct {
	SampleCount float64 `json:"sampleCount"`
	Sum         float64 `json:"sum"`
	Minimum     float64 `json:"minimum"`
	Maximum     float64 `json:"maximum"`
}

// add folds one value into the set.
func (s *StatisticSet) add(v float64) {
	if s.SampleCount == 0 || v < s.Minimum {
		s.Minimum = v
	}
	if s.SampleCount == 0 || v > s.Maximum {
		s.Maximum = v
	}
	s.SampleCount++
	s.Sum += v
}

// Value returns the statistic of the set.
func (s StatisticSet) Value(stat Statistic) float64 {
	switch stat {
	case Sum:
		return s.Sum
	case Average:
		if s.SampleCount == 0 {
			return 0
		}
		return s.Sum / s.SampleCount
	case Minimum:
		return s.Minimum
	case Maximum:
		return s.Maximum
	case SampleCount:
		return s.SampleCount
	}
	return 0
}

// Datapoint is the statistics of one period of a metric; Timestamp is the
// start of the period, as GetMetricStatistics reports it.
type Datapoint struct {
	Timestamp time.Time `json:"timestamp"`
	StatisticSet
}

// PeriodStart returns the start of the period containing t, periods being
// aligned to multiples of period since the Unix epoch.
func PeriodStart(t time.Time, period time.Duration) time.Time {
	p := int64(period)
	n := t.UnixNano()
	start := n - n%p
	if n%p < 0 {
		start -= p
	}
	return time.Unix(0, start).UTC()
}

// Aggregate sums up the samples published with exactly the given dimensions
// (nil or empty for none) into one datapoint per period that has samples,
// oldest first. With period time.Minute the datapoints are what CloudWatch
// Logs publishes for the metric each minute. An alarm watches one metric: a filter that publishes with
// dimensions is invisible to an alarm that names none.
func Aggregate(samples []Sample, dimensions map[string]string, period time.Duration) []Datapoint {
	byStart := map[time.Time]*StatisticSet{}
	for _, s := range samples {
		if !sameDimensions(s.Dimensions, dimensions) {
			continue
		}
		start := PeriodStart(s.Time, period)
		set := byStart[start]
		if set == nil {
			set = &StatisticSet{}
			byStart[start] = set
		}
		set.add(s.Value)
	}
	out := make([]Datapoint, 0, len(byStart))
	for start, set := range byStart {
		out = append(out, Datapoint{Timestamp: start, StatisticSet: *set})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Timestamp.Before(out[j].Timestamp) })
	return out
}

func sameDimensions(a, b map[string]string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return maps.Equal(a, b)
}
