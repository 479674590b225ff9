package report

import (
	"slices"
	"sort"
	"time"
)

// A time axis that fits the data: time is cut into buckets (the alarm's
// period, an hour, a day or a week: the finest that keeps the axis short),
// buckets without data between data are kept when the run is short and
// compressed into one narrow gap when it is long, so a year with activity on
// a few days reads as those days, not as hairlines at the edges.

// origin aligns buckets: a Monday, so weeks run Monday to Sunday, and a
// multiple of every shorter bucket since the Unix epoch.
var origin = time.Date(1970, 1, 5, 0, 0, 0, 0, time.UTC)

const (
	week = 7 * 24 * time.Hour
	// keepEmpty is the longest run of empty buckets drawn as buckets;
	// longer runs become a gap.
	keepEmpty = 1
)

// slot is one bucket on the axis, or one compressed gap.
type slot struct {
	start, end time.Time // [start, end)
	gap        bool
	x, w       float64 // left edge and width, in axis units
}

// axis maps time onto [0, width) units.
type axis struct {
	bucket time.Duration
	slots  []slot
	width  float64
}

// bucketOf returns the start of the bucket holding t.
func bucketOf(t time.Time, b time.Duration) time.Time {
	n := t.Sub(origin) / b
	if t.Before(origin) && t.Sub(origin)%b != 0 {
		n--
	}
	return origin.Add(n * b)
}

// newAxis builds the axis for instants ts, trying bucket sizes from finest
// (at least minBucket) and keeping the first whose axis has at most
// maxUnits units. A gap is gapUnits wide.
func newAxis(ts []time.Time, minBucket time.Duration, maxUnits int) axis {
	sizes := []time.Duration{minBucket}
	for _, b := range []time.Duration{time.Hour, 24 * time.Hour, week} {
		if b > minBucket {
			sizes = append(sizes, b)
		}
	}
	var a axis
	for _, b := range sizes {
		a = buildAxis(ts, b)
		if a.width <= float64(maxUnits) {
			break
		}
	}
	return a
}

func buildAxis(ts []time.Time, b time.Duration) axis {
	starts := make([]time.Time, 0, len(ts))
	for _, t := range ts {
		starts = append(starts, bucketOf(t, b))
	}
	slices.SortFunc(starts, func(x, y time.Time) int { return x.Compare(y) })
	starts = slices.Compact(starts)
	a := axis{bucket: b}
	if len(starts) == 0 {
		return a
	}
	gaps := 0
	for i := 1; i < len(starts); i++ {
		if int(starts[i].Sub(starts[i-1])/b)-1 > keepEmpty {
			gaps++
		}
	}
	// A gap is as wide as one and a half buckets, and wider when buckets are many, so
	// that it stays visible next to them.
	gapUnits := max(1.5, float64(len(starts))/50)
	add := func(s slot) {
		s.x = a.width
		a.slots = append(a.slots, s)
		a.width += s.w
	}
	for i, s := range starts {
		if i > 0 {
			prev := starts[i-1]
			empty := int(s.Sub(prev)/b) - 1
			if empty > keepEmpty {
				add(slot{start: prev.Add(b), end: s, gap: true, w: gapUnits})
			} else {
				for k := 1; k <= empty; k++ {
					add(slot{start: prev.Add(time.Duration(k) * b), end: prev.Add(time.Duration(k+1) * b), w: 1})
				}
			}
		}
		add(slot{start: s, end: s.Add(b), w: 1})
	}
	return a
}

// x maps t onto the axis: proportionally inside its slot (a gap included),
// clamped to the axis.
func (a axis) x(t time.Time) float64 {
	if len(a.slots) == 0 {
		return 0
	}
	i := sort.Search(len(a.slots), func(i int) bool { return a.slots[i].end.After(t) })
	if i == len(a.slots) {
		return a.width
	}
	s := a.slots[i]
	if t.Before(s.start) {
		return s.x
	}
	return s.x + s.w*float64(t.Sub(s.start))/float64(s.end.Sub(s.start))
}

// slotOf returns the index of the bucket slot holding t, or -1.
func (a axis) slotOf(t time.Time) int {
	i := sort.Search(len(a.slots), func(i int) bool { return a.slots[i].end.After(t) })
	if i == len(a.slots) || t.Before(a.slots[i].start) || a.slots[i].gap {
		return -1
	}
	return i
}

// unit names the bucket for captions: "day", "week", "hour", "5m".
func (a axis) unit() string {
	switch a.bucket {
	case week:
		return "week"
	case 24 * time.Hour:
		return "day"
	case time.Hour:
		return "hour"
	}
	return duration(a.bucket)
}

// label formats a tick at t for this axis; withDate adds the date to
// sub-day labels (the first tick, and the first of each new day).
func (a axis) label(t time.Time, withDate bool) string {
	if a.bucket >= 24*time.Hour {
		return t.Format("2006-01-02")
	}
	if withDate {
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("15:04")
}

// tick is a labelled position on the axis.
type tick struct {
	x     float64 // axis units
	label string
}

// ticks chooses labelled slot starts at least minGap units apart, from the
// first slot on; between gaps, sub-hour buckets are labelled on whole hours.
func (a axis) ticks(minGap float64) []tick {
	var out []tick
	lastX := -minGap
	lastDay := time.Time{}
	for i, s := range a.slots {
		if s.gap {
			continue
		}
		segmentStart := i == 0 || a.slots[i-1].gap
		if s.x-lastX < minGap {
			continue
		}
		// Between segment starts, label only whole days (or whole hours
		// for sub-hour buckets), so ticks read as a calendar.
		if !segmentStart && a.bucket < time.Hour && s.start.Minute() != 0 {
			continue
		}
		day := s.start.Truncate(24 * time.Hour)
		out = append(out, tick{x: s.x, label: a.label(s.start, !day.Equal(lastDay))})
		lastX, lastDay = s.x, day
	}
	return out
}
