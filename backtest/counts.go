package backtest

import (
	"fmt"
	"time"
)

// MinuteCount is how many events a rule's filter pattern matched in one minute.
type MinuteCount struct {
	Minute  time.Time // UTC, truncated to the minute
	Matched int64
}

// FromCounts builds the report a local Run would have produced from per-rule, per-minute match counts
// counted elsewhere (a query engine). counts[i] belongs to rules[i]. A rule whose metric value is not a
// constant (or that has dimensions) needs per-event values: refused with an error naming the rule.
//
// from and to are the earliest and latest eventTime of the records the
// counts were taken over (Run's Report.From and To): the alarm is created at
// from and evaluated up to the period boundary after to, as in Run. A rule
// with a default value is refused too: it publishes for every minute with
// events, matched or not, which per-rule counts do not tell. What counts
// cannot carry stays empty: Examples and Drivers (no records), Stats (no
// reading); FirstMatch and LastMatch are minutes, not seconds.
func FromCounts(rules []Rule, counts [][]MinuteCount, from, to time.Time) (*Report, error) {
	if len(counts) != len(rules) {
		return nil, fmt.Errorf("backtest: %d rules but %d count series", len(rules), len(counts))
	}
	crules, _, err := compile(rules)
	if err != nil {
		return nil, err
	}
	rep := &Report{From: from.UTC(), To: to.UTC(), Rules: make([]RuleResult, len(crules))}
	for i, c := range crules {
		switch {
		case c.hasDims:
			return nil, fmt.Errorf("backtest: rule %s: its metric filter has dimensions, so its values need the events, not counts", c.ID)
		case !c.isConstant:
			return nil, fmt.Errorf("backtest: rule %s: metric value %q is not a constant, so it needs the events, not counts", c.ID, c.MetricTransformation.MetricValue)
		case c.defaultVal != nil:
			return nil, fmt.Errorf("backtest: rule %s: a default value publishes for minutes without matches, which counts do not tell", c.ID)
		}
		rt, err := tallyCounts(c, counts[i])
		if err != nil {
			return nil, err
		}
		rep.Rules[i] = result(c, rt, rep.From, rep.To)
	}
	return rep, nil
}

// tallyCounts turns one rule's minute counts into the tally Run would have
// summed: each match publishes the rule's constant value in its minute.
func tallyCounts(c *compiled, counts []MinuteCount) (*ruleTally, error) {
	rt := &ruleTally{periods: newPeriodStats(c.seriesPeriod())}
	for _, mc := range counts {
		if mc.Matched < 0 {
			return nil, fmt.Errorf("backtest: rule %s: negative count %d at %s", c.ID, mc.Matched, mc.Minute.Format(time.RFC3339))
		}
		if mc.Matched == 0 {
			continue
		}
		minute := minuteOf(mc.Minute)
		at := time.Unix(minute*60, 0).UTC()
		rt.matched += mc.Matched
		rt.published += mc.Matched
		if rt.first.IsZero() || at.Before(rt.first) {
			rt.first = at
		}
		if at.After(rt.last) {
			rt.last = at
		}
		rt.periods.add(minute, c.constant, float64(mc.Matched))
	}
	return rt, nil
}

// minuteOf is the minute (Unix minutes, floored) t falls in.
func minuteOf(t time.Time) int64 {
	sec := t.Unix()
	m := sec / 60
	if sec%60 < 0 {
		m--
	}
	return m
}
