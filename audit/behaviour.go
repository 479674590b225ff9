package audit

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/pattern"
	"github.com/cwpat/cwpat/sim"
)

// judgeFilter runs a filter's compiled pattern over a control's examples.
// A filter fits when it matches every must-match event and no near-miss.
// A verdict with an empty Reason and Fits false means "unrelated".
func judgeFilter(f alarms.MetricFilter, m *pattern.Matcher, c Control) FilterVerdict {
	v := FilterVerdict{Filter: f.Name}
	if m == nil || len(c.Matches) == 0 {
		return v
	}
	var missed, wrong []string
	for _, e := range c.Matches {
		if !m.MatchString(e) {
			missed = append(missed, e)
		}
	}
	for _, e := range c.NearMisses {
		if m.MatchString(e) {
			wrong = append(wrong, e)
		}
	}
	switch {
	case len(missed) == len(c.Matches):
		return v // matches none of the control's events: not meant for it
	case len(missed) == 0 && len(wrong) == 0:
		v.Fits = true
	case len(wrong) > 0:
		v.Reason = fmt.Sprintf("also matches %d of %d near-miss events it must not (e.g. %s): it alarms on unrelated activity", len(wrong), len(c.NearMisses), describeEvent(wrong[0]))
	default:
		v.Reason = fmt.Sprintf("misses %d of %d events it must match (e.g. %s)", len(missed), len(c.Matches), describeEvent(missed[0]))
	}
	return v
}

// describeEvent names a CloudTrail event briefly: eventName, its source and
// its error code, if any.
func describeEvent(e string) string {
	r := gjson.GetMany(e, "eventName", "eventSource", "errorCode", "userIdentity.type")
	if !r[0].Exists() {
		if len(e) > 60 {
			e = e[:60] + "..."
		}
		return strconv.Quote(e)
	}
	var parts []string
	if r[1].String() != "" {
		parts = append(parts, r[1].String())
	}
	if r[2].String() != "" {
		parts = append(parts, "errorCode "+r[2].String())
	}
	if r[3].String() != "" {
		parts = append(parts, "by "+r[3].String())
	}
	if len(parts) == 0 {
		return r[0].String()
	}
	return r[0].String() + " (" + strings.Join(parts, ", ") + ")"
}

// AlarmFiresOnOneEvent simulates one matching event reaching the filter and
// evaluates the alarm over time with CloudWatch's rules (package sim). It
// returns "" when the alarm goes to ALARM, else why it does not.
func AlarmFiresOnOneEvent(f alarms.MetricFilter, a alarms.Alarm, examples []string) string {
	mf, err := pattern.NewMetricFilter(f.Pattern, pattern.MetricTransformation{
		MetricName: f.MetricName, MetricNamespace: f.MetricNamespace, MetricValue: f.MetricValue,
		DefaultValue: f.DefaultValue, Dimensions: f.Dimensions, Unit: f.Unit})
	if err != nil {
		return "cannot be judged: the filter's metric transformation does not compile: " + err.Error()
	}
	var event string
	for _, e := range examples {
		if _, ok := mf.Apply([]byte(e)); ok {
			event = e
			break
		}
	}
	if event == "" {
		return "cannot be judged: the filter matches none of the control's events"
	}
	sa := a.Alarm
	if a.ExtendedStatistic != "" {
		sa.Statistic = sim.Maximum // any percentile of a single value is that value
	}
	if err := sa.Validate(); err != nil {
		return "cannot be judged: " + err.Error()
	}
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	period := sa.PeriodDuration()
	span := time.Duration(sa.EvaluationPeriods) * period
	at := created.Add(span + period + period/2)
	res, err := sim.Simulate(mf, f.DefaultValue, sa, []sim.LogEvent{{Time: at, Message: []byte(event)}}, created, at.Add(span+2*period))
	if err != nil {
		return "cannot be judged: " + err.Error()
	}
	if res.Timeline.StateAt(at) == sim.StateAlarm {
		return "is in ALARM with no event at all (check the comparison operator and TreatMissingData): it cannot tell an event from silence"
	}
	for _, e := range res.Timeline.Evaluations {
		if e.Time.After(at) && e.State == sim.StateAlarm {
			return ""
		}
	}
	return fmt.Sprintf("never reaches ALARM on one matching event: %s", alarmSettings(a, f))
}

func alarmSettings(a alarms.Alarm, f alarms.MetricFilter) string {
	stat := cmp.Or(a.ExtendedStatistic, string(a.Statistic))
	value := f.MetricValue
	if stat == "SampleCount" {
		value = "1"
	} else if _, err := strconv.ParseFloat(value, 64); err != nil {
		value = "the value of " + value
	}
	ops := map[string]string{"GreaterThanOrEqualToThreshold": ">=", "GreaterThanThreshold": ">", "LessThanThreshold": "<", "LessThanOrEqualToThreshold": "<="}
	op := ops[string(a.ComparisonOperator)]
	if op == "" {
		op = string(a.ComparisonOperator)
	}
	s := fmt.Sprintf("one event makes %s %s in a %ds period, but the alarm needs %s %s %s", stat, value, a.Period, stat, op, formatFloat(a.Threshold))
	m := a.DatapointsToAlarm
	if m == 0 {
		m = a.EvaluationPeriods
	}
	if m > 1 {
		s += fmt.Sprintf(" in %d of %d periods", m, a.EvaluationPeriods)
	}
	if len(f.Dimensions) != len(a.Dimensions) {
		s += fmt.Sprintf("; the filter publishes dimensions %s but the alarm watches %s", orNone(alarms.FormatDimensions(f.Dimensions)), orNone(alarms.FormatDimensions(a.Dimensions)))
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
