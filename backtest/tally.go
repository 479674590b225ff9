package backtest

import (
	"cmp"
	"slices"
	"time"

	"github.com/cwpat/cwpat/trail"
)

// stat is the statistics of samples: CloudWatch's per-minute statistics
// of metric-filter values and their fold into an alarm period.
type stat struct{ n, sum, min, max float64 }

func (s *stat) add(v float64, count float64) {
	if s.n == 0 || v < s.min {
		s.min = v
	}
	if s.n == 0 || v > s.max {
		s.max = v
	}
	s.n += count
	s.sum += v * count
}

func (s *stat) merge(o *stat) {
	if o.n == 0 {
		return
	}
	if s.n == 0 || o.min < s.min {
		s.min = o.min
	}
	if s.n == 0 || o.max > s.max {
		s.max = o.max
	}
	s.n += o.n
	s.sum += o.sum
}

// Match is one event a rule matched, kept as an example.
type Match struct {
	Time      time.Time    `json:"time"`
	EventName string       `json:"eventName,omitempty"`
	Origin    trail.Origin `json:"origin"`
}

// maxExamples is how many matches per rule a report shows: the earliest.
const maxExamples = 3

func matchLess(a, b Match) int {
	return cmp.Or(a.Time.Compare(b.Time), cmp.Compare(a.Origin.File, b.Origin.File),
		cmp.Compare(a.Origin.Line, b.Origin.Line), cmp.Compare(a.Origin.Index, b.Origin.Index))
}

// keepEarliest adds m to the list of the earliest matches if it belongs.
func keepEarliest(list []Match, m Match) []Match {
	if len(list) == maxExamples && matchLess(m, list[len(list)-1]) >= 0 {
		return list
	}
	i, _ := slices.BinarySearchFunc(list, m, matchLess)
	list = slices.Insert(list, i, m)
	if len(list) > maxExamples {
		list = list[:maxExamples]
	}
	return list
}

// ruleTally is what one worker saw of one rule.
type ruleTally struct {
	matched   int64
	published int64
	first     time.Time
	last      time.Time
	periods   periodStats // samples published without dimensions, per alarm period
	examples  []Match
	drivers   driverTally
}

// tally is one worker's view of the run; the run's view is their merge.
type tally struct {
	records  int64
	from, to time.Time
	rules    []ruleTally
}

// newTally is a tally for crules; without series, it keeps no periods.
func newTally(crules []*compiled, series bool) *tally {
	t := &tally{rules: make([]ruleTally, len(crules))}
	for i, c := range crules {
		if series {
			t.rules[i].periods = newPeriodStats(c.seriesPeriod())
		}
	}
	return t
}

func (t *tally) see(at time.Time) {
	if t.from.IsZero() || at.Before(t.from) {
		t.from = at
	}
	if at.After(t.to) {
		t.to = at
	}
}

func (r *ruleTally) seeMatch(at time.Time) {
	r.matched++
	if r.first.IsZero() || at.Before(r.first) {
		r.first = at
	}
	if at.After(r.last) {
		r.last = at
	}
}

// merge folds o into t.
func (t *tally) merge(o *tally) {
	t.records += o.records
	if !o.from.IsZero() {
		t.see(o.from)
		t.see(o.to)
	}
	for i := range t.rules {
		a, b := &t.rules[i], &o.rules[i]
		a.matched += b.matched
		a.published += b.published
		if !b.first.IsZero() && (a.first.IsZero() || b.first.Before(a.first)) {
			a.first = b.first
		}
		if b.last.After(a.last) {
			a.last = b.last
		}
		a.periods.merge(&b.periods)
		b.periods = periodStats{}
		for _, e := range b.examples {
			a.examples = keepEarliest(a.examples, e)
		}
		a.drivers.merge(&b.drivers)
	}
}
