package backtest

import (
	"fmt"
	"slices"
	"time"

	"github.com/cwpat/cwpat/sim"
)

// result turns one rule's tally into its report: the metric series in the
// alarm's periods and the alarm's state changes.
func result(c *compiled, rt *ruleTally, from, to time.Time) RuleResult {
	a := c.Alarm
	res := matches(c, rt)
	if c.hasDims {
		res.Notes = append(res.Notes, "the metric filter publishes with dimensions; an alarm that names no dimensions sees only its default values")
	}
	period := c.seriesPeriod()
	if period != a.PeriodDuration() {
		res.Notes = append(res.Notes, fmt.Sprintf("period %s is shorter than a minute: metric filters publish standard-resolution (1-minute) metrics, so the series uses 1 minute", a.PeriodDuration()))
		a.Period = 60
	}
	res.Series = rt.periods.series()
	rt.periods = periodStats{} // the series holds it now
	for _, p := range res.Series {
		if v := p.Value(a.Statistic); v > res.Peak || res.Peak == 0 {
			res.Peak = v
		}
	}
	if c.alarmFailed != nil {
		res.Notes = append(res.Notes, "alarm not evaluated: CloudWatch would refuse its settings: "+c.alarmFailed.Error())
		res.Transitions = []sim.Transition{}
		return res
	}
	if from.IsZero() { // no records: the alarm was never evaluated
		res.Transitions = []sim.Transition{}
		return res
	}
	res.Transitions, res.AlarmSeconds = evaluate(a, res.Series, from, to)
	if a.MissingData() == sim.Ignore && periodsBetween(period, from, to) > maxIgnorePeriods {
		res.Notes = append(res.Notes, fmt.Sprintf("treatMissingData ignore over more than %d periods: state changes after long gaps without data are approximate", maxIgnorePeriods))
	}
	return res
}

// matches is the part of a rule's report that needs no alarm: the rule,
// its alarm's settings and what it matched, with an empty series and no
// state changes.
func matches(c *compiled, rt *ruleTally) RuleResult {
	a := c.Alarm
	res := RuleResult{
		ID: c.ID, Title: c.Title, Severity: c.Severity, Controls: c.Controls, FilterPattern: c.FilterPattern,
		MetricName: c.MetricTransformation.MetricName, Namespace: c.MetricTransformation.MetricNamespace,
		Alarm:   AlarmSettings{Name: c.AlarmName, Alarm: a},
		Matched: rt.matched, Published: rt.published, Examples: rt.examples,
		Series: []sim.Datapoint{}, Transitions: []sim.Transition{},
	}
	res.Alarm.DatapointsToAlarm, res.Alarm.TreatMissingData = a.M(), a.MissingData()
	if res.Examples == nil {
		res.Examples = []Match{}
	}
	if !rt.first.IsZero() {
		first, last := rt.first, rt.last
		res.FirstMatch, res.LastMatch = &first, &last
	}
	return res
}

// maxIgnorePeriods bounds the one long evaluation "ignore" needs to be exact
// (its state after a gap depends on everything before).
const maxIgnorePeriods = 1 << 17

func periodsBetween(p time.Duration, from, to time.Time) int64 {
	return int64(to.Sub(from)/p) + 1
}

// maxChunk bounds the periods one sim.Evaluate call covers, so a year of
// five-minute periods never sits in memory as one timeline.
const maxChunk = 4096

// evaluate runs the alarm from the start of the data (from) to its end (to)
// and returns its state changes and its time in ALARM.
//
// The alarm is created at the start of the data. Long stretches without
// datapoints are skipped: once the evaluation range holds no datapoint, the
// state no longer changes until the next datapoint (with "ignore" it keeps
// whatever it was; the other modes settle on a fixed state), so the alarm
// is evaluated over windows around the data, each starting a full
// evaluation range early so every evaluation in it sees what CloudWatch
// would. The states are then walked in order to find the changes.
func evaluate(a sim.Alarm, series []sim.Datapoint, from, to time.Time) ([]sim.Transition, int64) {
	p := a.PeriodDuration()
	reach := time.Duration(a.EvaluationPeriods+2) * p // the evaluation range
	type window struct{ from, to time.Time }
	var windows []window
	add := func(f, t time.Time) {
		if n := len(windows); n > 0 && !f.After(windows[n-1].to.Add(p)) {
			if t.After(windows[n-1].to) {
				windows[n-1].to = t
			}
			return
		}
		windows = append(windows, window{f, t})
	}
	start := sim.PeriodStart(from, p)
	end := sim.PeriodStart(to, p).Add(p)
	chunk := time.Duration(maxChunk)
	if a.MissingData() == sim.Ignore && periodsBetween(p, from, to) <= maxIgnorePeriods {
		// With "ignore" the state after a gap is whatever it was before,
		// and a fresh window cannot know it: evaluate the whole range at once.
		add(start, end)
		chunk = maxIgnorePeriods + 1
	}
	add(start, start.Add(p)) // the first evaluations after creation
	for _, d := range series {
		add(d.Timestamp, d.Timestamp.Add(reach+p))
	}

	state := sim.StateInsufficientData
	transitions := []sim.Transition{}
	var alarmSince time.Time
	var alarmFor time.Duration
	var last time.Time
	for _, w := range windows {
		if w.to.After(end) {
			w.to = end
		}
		for cf := w.from; !cf.After(w.to); cf = cf.Add(chunk * p) {
			ct := cf.Add((chunk - 1) * p)
			if ct.After(w.to) {
				ct = w.to
			}
			warm := cf.Add(-reach) // evaluations before cf only warm up the state
			if cf.Equal(start) {
				warm = cf
			}
			lo, _ := slices.BinarySearchFunc(series, warm.Add(-reach), func(d sim.Datapoint, t time.Time) int { return d.Timestamp.Compare(t) })
			hi, _ := slices.BinarySearchFunc(series, ct.Add(p), func(d sim.Datapoint, t time.Time) int { return d.Timestamp.Compare(t) })
			tl, err := sim.Evaluate(a, series[lo:hi], warm, ct)
			if err != nil {
				return transitions, 0
			}
			for _, ev := range tl.Evaluations {
				if ev.Time.Before(cf) {
					continue
				}
				last = ev.Time
				if ev.State == state {
					continue
				}
				transitions = append(transitions, sim.Transition{Time: ev.Time, From: state, To: ev.State, Reason: ev.Reason})
				if ev.State == sim.StateAlarm {
					alarmSince = ev.Time
				} else if state == sim.StateAlarm {
					alarmFor += ev.Time.Sub(alarmSince)
				}
				state = ev.State
			}
		}
	}
	if state == sim.StateAlarm && last.After(alarmSince) {
		alarmFor += last.Sub(alarmSince)
	}
	return transitions, int64(alarmFor / time.Second)
}
