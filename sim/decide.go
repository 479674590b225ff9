package sim

import (
	"slices"
	"time"
)

// evaluateAt evaluates the alarm at the period boundary b on the complete
// periods before it. current is the state before this evaluation.
func evaluateAt(a Alarm, byStart map[int64]Datapoint, b time.Time, current State) Evaluation {
	n, m := a.EvaluationPeriods, a.M()
	p := a.PeriodDuration()
	rangeLen := n + 2
	// The real datapoints of the evaluation range, oldest first, and each
	// one's age in periods (1 = the most recent complete period).
	var real []Point
	var ages []int
	var empty []time.Time // periods without data, newest first
	for i := 1; i <= rangeLen; i++ {
		start := b.Add(-time.Duration(i) * p)
		if dp, ok := byStart[start.UnixNano()]; ok {
			v := dp.Value(a.Statistic)
			real = append(real, Point{Timestamp: start, Value: v, SampleCount: dp.SampleCount, Breaching: a.Breaches(v)})
			ages = append(ages, i)
		} else {
			empty = append(empty, start)
		}
	}
	slices.Reverse(real)
	slices.Reverse(ages)
	ev := Evaluation{Time: b}
	mode := a.MissingData()
	kept := false
	if len(real) >= n {
		ev.Points = real[len(real)-n:]
		ev.State = decide(count(ev.Points), m)
	} else {
		// Fewer real datapoints than EvaluationPeriods: all of them are
		// used, and the most recent empty periods are filled ("CloudWatch
		// uses missing data points only as few times as possible").
		fill := n - len(real)
		fills := make([]Point, fill)
		for i := range fills {
			fills[i] = Point{Timestamp: empty[i], Filled: true, Breaching: mode == Breaching}
		}
		ev.Points = append(slices.Clone(real), fills...)
		slices.SortFunc(ev.Points, func(x, y Point) int { return x.Timestamp.Compare(y.Timestamp) })
		k := count(real)
		switch mode {
		case Breaching:
			ev.State = decide(k+fill, m)
		case NotBreaching:
			ev.State = decide(k, m)
		case Missing, Ignore:
			ev.State = decideMissing(real, ages, m)
			if mode == Ignore && ev.State != StateOK {
				ev.State, kept = current, true
			}
		}
	}
	ev.Reason = reason(a, ev, len(real), kept)
	return ev
}

// decideMissing decides an alarm that treats missing data as missing (or
// ignores it) when the evaluation range holds fewer real datapoints than
// EvaluationPeriods. One rule fits every row of the missing-data tables of
// the CloudWatch user guide, June 2019 and May 2023 (see
// TestMissingDataTables), and the 2023 guide's "Avoiding premature
// transitions to alarm state":
//   - no real datapoint: INSUFFICIENT_DATA;
//   - at least DatapointsToAlarm breaching: ALARM;
//   - any real datapoint not breaching: OK;
//   - otherwise every real datapoint breaches, but fewer than
//     DatapointsToAlarm of them: ALARM once the oldest of them is at least
//     DatapointsToAlarm periods old ("alarms are designed to always go into
//     ALARM state when the oldest available breaching datapoint ... is at
//     least as old as the value of Datapoints to Alarm, and all other more
//     recent data points are breaching or missing"), else INSUFFICIENT_DATA:
//     the guide's tables give INSUFFICIENT_DATA for "- - - - X" (2019), and
//     its 2023 text says the alarm "does not go immediately into ALARM" on
//     "- - - - X" or "- - - X -" with 3 datapoints to alarm, because the
//     next datapoint may not breach.
func decideMissing(real []Point, ages []int, m int) State {
	k := count(real)
	switch {
	case len(real) == 0:
		return StateInsufficientData
	case k >= m:
		return StateAlarm
	case k < len(real):
		return StateOK
	case ages[0] >= m:
		return StateAlarm
	}
	return StateInsufficientData
}

func count(ps []Point) int {
	k := 0
	for _, p := range ps {
		if p.Breaching {
			k++
		}
	}
	return k
}

func decide(breaching, m int) State {
	if breaching >= m {
		return StateAlarm
	}
	return StateOK
}
