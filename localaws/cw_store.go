package localaws

import (
	"math"
	"sort"
	"strings"
	"time"
)

// The CloudWatch metric store: one series per namespace, name and dimension
// set, holding every datum as a (count, sum, min, max) sample so single
// values and statistic sets aggregate the same way.

type metricSeries struct {
	namespace, name string
	dims            map[string]string
	samples         []sample
	lastPut         time.Time
}

type sample struct {
	t                  time.Time
	count, sum, lo, hi float64
	unit               string
}

// metricID is the identity of a series: namespace, name and sorted dimensions.
func metricID(namespace, name string, dims map[string]string) string {
	var b strings.Builder
	b.WriteString(namespace)
	b.WriteByte(0)
	b.WriteString(name)
	for _, k := range sortedKeys(dims) {
		b.WriteByte(0)
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(dims[k])
	}
	return b.String()
}

func dimsMap(ds []dimension) map[string]string {
	if len(ds) == 0 {
		return nil
	}
	m := make(map[string]string, len(ds))
	for _, d := range ds {
		m[d.Name] = d.Value
	}
	return m
}

func dimsList(m map[string]string) []dimension {
	out := make([]dimension, 0, len(m))
	for _, k := range sortedKeys(m) {
		out = append(out, dimension{Name: k, Value: m[k]})
	}
	return out
}

// putDatum stores one value and returns its series id.
func (r *region) putDatum(namespace, name string, dims map[string]string, t time.Time, v float64, unit string) string {
	return r.putSample(namespace, name, dims, sample{t: t, count: 1, sum: v, lo: v, hi: v, unit: unit})
}

func (r *region) putSample(namespace, name string, dims map[string]string, s sample) string {
	id := metricID(namespace, name, dims)
	m := r.metrics[id]
	if m == nil {
		m = &metricSeries{namespace: namespace, name: name, dims: copyTags(dims)}
		r.metrics[id] = m
	}
	if s.unit == "" {
		s.unit = "None"
	}
	// CloudWatch's finest resolution is one second and every statistic the
	// endpoint answers (SampleCount, Sum, Average, Minimum, Maximum) folds, so
	// a sample in the same second and unit as the last one merges into it:
	// a metric filter matching a busy stream then costs memory by seconds
	// of time, not by events.
	if n := len(m.samples); n > 0 {
		if last := &m.samples[n-1]; last.unit == s.unit && last.t.Unix() == s.t.Unix() {
			last.count += s.count
			last.sum += s.sum
			last.lo = math.Min(last.lo, s.lo)
			last.hi = math.Max(last.hi, s.hi)
			if s.t.After(m.lastPut) {
				m.lastPut = s.t
			}
			return id
		}
	}
	m.samples = append(m.samples, s)
	if s.t.After(m.lastPut) {
		m.lastPut = s.t
	}
	return id
}

// aggregate is the statistics of the samples in one period.
type aggregate struct {
	count, sum, lo, hi float64
	unit               string
}

// stat returns one statistic of an aggregate.
func (a aggregate) stat(name string) (float64, bool) {
	switch name {
	case "SampleCount":
		return a.count, true
	case "Sum":
		return a.sum, true
	case "Minimum":
		return a.lo, true
	case "Maximum":
		return a.hi, true
	case "Average":
		if a.count == 0 {
			return 0, false
		}
		return a.sum / a.count, true
	}
	return 0, false
}

// buckets aggregates the samples of series in [start, end) into periods
// aligned on multiples of period since the epoch, as CloudWatch aligns them.
// unit, when set, keeps only samples with that unit.
func buckets(series []*metricSeries, start, end time.Time, period time.Duration, unit string) map[time.Time]*aggregate {
	out := map[time.Time]*aggregate{}
	for _, m := range series {
		for _, s := range m.samples {
			if s.t.Before(start) || !s.t.Before(end) || (unit != "" && s.unit != unit) {
				continue
			}
			k := s.t.Truncate(period)
			a := out[k]
			if a == nil {
				a = &aggregate{lo: math.Inf(1), hi: math.Inf(-1), unit: s.unit}
				out[k] = a
			}
			a.count += s.count
			a.sum += s.sum
			a.lo = math.Min(a.lo, s.lo)
			a.hi = math.Max(a.hi, s.hi)
		}
	}
	return out
}

// sortedTimes returns a bucket map's keys in ascending order.
func sortedTimes(m map[time.Time]*aggregate) []time.Time {
	ts := make([]time.Time, 0, len(m))
	for t := range m {
		ts = append(ts, t)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	return ts
}

// series returns the series with exactly these dimensions.
func (r *region) series(namespace, name string, dims map[string]string) []*metricSeries {
	if m := r.metrics[metricID(namespace, name, dims)]; m != nil {
		return []*metricSeries{m}
	}
	return nil
}
