package backtest

import (
	"cmp"
	"slices"
	"time"

	"github.com/cwpat/cwpat/sim"
)

// periodStat is the statistics of the samples of one alarm period.
type periodStat struct {
	start int64 // Unix seconds
	stat
}

// periodStats is one rule's samples aggregated per alarm period, the
// granularity the report and the alarm need: the per-minute statistics
// CloudWatch keeps fold exactly into their period (counts and sums add,
// minimum and maximum of minimums and maximums), so nothing is lost by
// folding as samples arrive, and memory is one entry per period with
// samples, the size of the report's series, whatever the number of records.
//
// Records mostly arrive in time order (an archive is walked by date), but
// not strictly: sources are read several at once, records of one file are
// not sorted, and the trails of several regions or accounts each go
// through the whole time span. So the periods are kept sorted, the period
// last added to is found without a search, a period that is new and close
// to the end is inserted in place, and a new period far behind is noted in
// an unsorted log that is sorted and merged in once it grows: every order
// of input gives the same statistics, at the cost of a log search only for
// out-of-order input.
type periodStats struct {
	size   int64        // period in seconds, at least 60
	sorted []periodStat // ascending start, distinct
	late   []periodStat // new periods far behind the end of sorted, unsorted, maybe repeated
	hot    int          // index in sorted of the period last added to
}

// maxShift bounds the entries moved to insert a period in place; a period
// further back goes to the late log.
const maxShift = 256

// minLate is the late log's length that always triggers a merge no
// earlier; beyond it, a merge waits until the log is a quarter of sorted,
// so merging costs a constant per sample on average.
const minLate = 1024

func newPeriodStats(period time.Duration) periodStats {
	return periodStats{size: max(int64(period/time.Second), 60)}
}

// periodOf is the start of the period the minute (Unix minutes) falls in,
// as sim.PeriodStart places it.
func (p *periodStats) periodOf(minute int64) int64 {
	sec := minute * 60
	start := sec - sec%p.size
	if sec%p.size < 0 {
		start -= p.size
	}
	return start
}

// add adds count samples of value v in the minute. The zero periodStats
// keeps nothing.
func (p *periodStats) add(minute int64, v, count float64) {
	if p.size == 0 {
		return
	}
	p.at(p.periodOf(minute)).add(v, count)
}

// at returns the statistics of the period starting at start, creating it.
func (p *periodStats) at(start int64) *stat {
	s := p.sorted
	if p.hot < len(s) && s[p.hot].start == start {
		return &s[p.hot].stat
	}
	if n := len(s); n == 0 || s[n-1].start < start {
		p.sorted = append(s, periodStat{start: start})
		p.hot = n
		return &p.sorted[n].stat
	}
	i, found := slices.BinarySearchFunc(s, start, func(e periodStat, t int64) int { return cmp.Compare(e.start, t) })
	if found {
		p.hot = i
		return &s[i].stat
	}
	if len(s)-i <= maxShift {
		p.sorted = slices.Insert(s, i, periodStat{start: start})
		p.hot = i
		return &p.sorted[i].stat
	}
	if n := len(p.late); n > 0 && p.late[n-1].start == start {
		return &p.late[n-1].stat
	}
	if len(p.late) >= max(minLate, len(s)/4) {
		p.settle()
		return p.at(start)
	}
	p.late = append(p.late, periodStat{start: start})
	return &p.late[len(p.late)-1].stat
}

// settle merges the late log into sorted.
func (p *periodStats) settle() {
	if len(p.late) == 0 {
		return
	}
	slices.SortStableFunc(p.late, func(a, b periodStat) int { return cmp.Compare(a.start, b.start) })
	p.sorted = mergeSorted(p.sorted, p.late)
	p.late = p.late[:0]
	p.hot = 0
}

// merge folds o into p. Both must have the same period.
func (p *periodStats) merge(o *periodStats) {
	o.settle()
	p.settle()
	if len(o.sorted) == 0 {
		return
	}
	p.sorted = mergeSorted(p.sorted, o.sorted)
	p.hot = 0
}

// mergeSorted merges b, sorted with repeats, into a, sorted and distinct,
// and returns the merge, sorted and distinct.
func mergeSorted(a, b []periodStat) []periodStat {
	out := make([]periodStat, 0, len(a)+countNew(a, b))
	i := 0
	for _, e := range b {
		for i < len(a) && a[i].start < e.start {
			out = append(out, a[i])
			i++
		}
		if i < len(a) && a[i].start == e.start {
			out = append(out, a[i])
			i++
		}
		if n := len(out); n > 0 && out[n-1].start == e.start {
			out[n-1].merge(&e.stat)
			continue
		}
		out = append(out, e)
	}
	return append(out, a[i:]...)
}

// countNew counts the distinct starts of b (sorted) that a (sorted) lacks.
func countNew(a, b []periodStat) int {
	n, i := 0, 0
	for j, e := range b {
		if j > 0 && b[j-1].start == e.start {
			continue
		}
		for i < len(a) && a[i].start < e.start {
			i++
		}
		if i == len(a) || a[i].start != e.start {
			n++
		}
	}
	return n
}

// series returns the periods as the report's datapoints, oldest first.
func (p *periodStats) series() []sim.Datapoint {
	p.settle()
	out := make([]sim.Datapoint, len(p.sorted))
	for i, e := range p.sorted {
		out[i] = sim.Datapoint{Timestamp: time.Unix(e.start, 0).UTC(),
			StatisticSet: sim.StatisticSet{SampleCount: e.n, Sum: e.sum, Minimum: e.min, Maximum: e.max}}
	}
	return out
}
