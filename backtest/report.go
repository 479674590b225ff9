package backtest

import (
	"time"

	"github.com/cwpat/cwpat/sim"
	"github.com/cwpat/cwpat/trail"
)

// Report is the outcome of a backtest.
type Report struct {
	// Stats counts what was read: files, records, bytes, problems.
	Stats trail.Stats `json:"input"`
	// OutsideWindow counts records left out by Options.Start and End.
	OutsideWindow int64 `json:"outsideWindow,omitempty"`
	// From and To are the earliest and latest eventTime replayed.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Rules are the results per rule, in the rule set's order.
	Rules []RuleResult `json:"rules"`
	// Elapsed is how long the run took (not part of the JSON document, so
	// it stays reproducible).
	Elapsed time.Duration `json:"-"`
}

// AlarmSettings are the alarm's name and PutMetricAlarm settings, as
// reported: DatapointsToAlarm and TreatMissingData are the values AWS uses
// (EvaluationPeriods and missing when the rule leaves them unset).
type AlarmSettings struct {
	Name string `json:"alarmName,omitempty"`
	sim.Alarm
}

// RuleResult is what one rule's metric filter and alarm would have done.
type RuleResult struct {
	ID            string        `json:"id"`
	Title         string        `json:"title,omitempty"`
	Severity      string        `json:"severity,omitempty"`
	Controls      []string      `json:"controls,omitempty"`
	FilterPattern string        `json:"filterPattern"`
	MetricName    string        `json:"metricName"`
	Namespace     string        `json:"metricNamespace"`
	Alarm         AlarmSettings `json:"alarm"`
	// Matched is how many events the filter pattern matched.
	Matched int64 `json:"matched"`
	// Published is how many values the metric filter published for matches
	// (fewer than Matched when a value or dimension is missing in an event).
	Published  int64      `json:"published"`
	FirstMatch *time.Time `json:"firstMatch,omitempty"`
	LastMatch  *time.Time `json:"lastMatch,omitempty"`
	// Examples are the earliest matches.
	Examples []Match `json:"examples"`
	// Drivers are the values that recur most among the matched records;
	// nil when nothing matched or when the report was built from counts.
	Drivers *Drivers `json:"drivers,omitempty"`
	// Series is the alarm's metric: one datapoint per alarm period that has
	// samples, each the statistics of the per-minute values in it.
	Series []sim.Datapoint `json:"series"`
	// Peak is the largest value of the alarm's statistic over Series.
	Peak float64 `json:"peak"`
	// Transitions are the alarm's state changes, starting from
	// INSUFFICIENT_DATA when the alarm is created at the start of the data.
	Transitions []sim.Transition `json:"transitions"`
	// AlarmSeconds is how long the alarm was in ALARM.
	AlarmSeconds int64 `json:"alarmSeconds"`
	// Notes explain results that would surprise (an alarm CloudWatch would
	// refuse, a metric the alarm cannot see).
	Notes []string `json:"notes,omitempty"`
}

// Alarms counts the transitions into ALARM.
func (r *RuleResult) Alarms() int {
	n := 0
	for _, t := range r.Transitions {
		if t.To == sim.StateAlarm {
			n++
		}
	}
	return n
}

// FirstAlarm returns the time of the first transition into ALARM.
func (r *RuleResult) FirstAlarm() (time.Time, bool) {
	for _, t := range r.Transitions {
		if t.To == sim.StateAlarm {
			return t.Time, true
		}
	}
	return time.Time{}, false
}

// Fired reports whether any rule's alarm went to ALARM.
func (rep *Report) Fired() bool {
	for i := range rep.Rules {
		if rep.Rules[i].Alarms() > 0 {
			return true
		}
	}
	return false
}
