package sim

import (
	"sort"
	"time"
)

// State is an alarm state.
type State string

// The three alarm states.
const (
	StateOK               State = "OK"
	StateAlarm            State = "ALARM"
	StateInsufficientData State = "INSUFFICIENT_DATA"
)

// Point is one datapoint an evaluation used, oldest first. A Filled point
// stands for a period without data that the evaluation filled in: as
// breaching or not breaching per TreatMissingData, or, with missing and
// ignore, as unknown (neither).
type Point struct {
	Timestamp   time.Time `json:"timestamp"`
	Value       float64   `json:"value"`
	SampleCount float64   `json:"sampleCount,omitempty"`
	Filled      bool      `json:"filled,omitempty"`
	Breaching   bool      `json:"breaching"`
}

// Evaluation is the outcome of evaluating the alarm once.
type Evaluation struct {
	Time    time.Time `json:"time"`
	State   State     `json:"state"`
	Changed bool      `json:"changed"`
	Reason  string    `json:"reason"`
	Points  []Point   `json:"points,omitempty"`
}

// Transition is one change of state, with CloudWatch-style reason text.
type Transition struct {
	Time   time.Time `json:"time"`
	From   State     `json:"from"`
	To     State     `json:"to"`
	Reason string    `json:"reason"`
}

// Timeline is an alarm's life from creation: every evaluation and every
// state change.
type Timeline struct {
	Created     time.Time    `json:"created"`
	Evaluations []Evaluation `json:"evaluations"`
	Transitions []Transition `json:"transitions"`
}

// StateAt returns the alarm's state at t: INSUFFICIENT_DATA before the first
// evaluation, then the state set by the last evaluation at or before t.
func (tl *Timeline) StateAt(t time.Time) State {
	i := sort.Search(len(tl.Evaluations), func(i int) bool { return tl.Evaluations[i].Time.After(t) })
	if i == 0 {
		return StateInsufficientData
	}
	return tl.Evaluations[i-1].State
}

// EvaluationAt returns the last evaluation at or before t, if any.
func (tl *Timeline) EvaluationAt(t time.Time) (Evaluation, bool) {
	i := sort.Search(len(tl.Evaluations), func(i int) bool { return tl.Evaluations[i].Time.After(t) })
	if i == 0 {
		return Evaluation{}, false
	}
	return tl.Evaluations[i-1], true
}

// Evaluate runs the alarm over the datapoints (one per period of the alarm,
// as Aggregate returns them) from its creation at from until to. The alarm
// starts in INSUFFICIENT_DATA and is evaluated at its creation and at every
// period boundary b with from <= b <= to, each time on the periods completed
// by then. (CloudWatch evaluates every minute; between boundaries nothing it
// can see changes, so evaluating at boundaries gives the same states.)
//
// At each evaluation CloudWatch looks at the evaluation range (here
// EvaluationPeriods+2 periods) and, per its documentation:
//   - with at least EvaluationPeriods real datapoints in the range, uses the
//     most recent EvaluationPeriods of them; TreatMissingData plays no part;
//   - with none, goes to INSUFFICIENT_DATA (missing), keeps its state
//     (ignore), or goes to ALARM (breaching) or OK (notBreaching);
//   - with some, uses all of them and fills the rest: as breaching or
//     not breaching for those modes; for missing, see decideMissing (the
//     rule of both missing-data tables of the CloudWatch user guide and its
//     "avoiding premature transitions" section); ignore is missing, except
//     that where missing would go to ALARM or INSUFFICIENT_DATA on filled
//     periods, the alarm keeps its current state.
//
// The alarm goes to ALARM when at least DatapointsToAlarm of the evaluated
// datapoints breach, and to OK otherwise. Each evaluation carries the
// StateReason CloudWatch would write (see reason.go for its recorded forms).
func Evaluate(a Alarm, points []Datapoint, from, to time.Time) (*Timeline, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	byStart := make(map[int64]Datapoint, len(points))
	for _, p := range points {
		byStart[p.Timestamp.UnixNano()] = p
	}
	tl := &Timeline{Created: from}
	state := StateInsufficientData
	record := func(ev Evaluation) {
		ev.Changed = ev.State != state
		if ev.Changed {
			tl.Transitions = append(tl.Transitions, Transition{Time: ev.Time, From: state, To: ev.State, Reason: ev.Reason})
			state = ev.State
		}
		tl.Evaluations = append(tl.Evaluations, ev)
	}
	b := PeriodStart(from, a.PeriodDuration())
	if b.Before(from) {
		// CloudWatch evaluates a new alarm right after creation, on the
		// periods completed by then (the one in progress is not complete).
		if !from.After(to) {
			ev := evaluateAt(a, byStart, b, state)
			ev.Time = from
			record(ev)
		}
		b = b.Add(a.PeriodDuration())
	}
	for ; !b.After(to); b = b.Add(a.PeriodDuration()) {
		record(evaluateAt(a, byStart, b, state))
	}
	return tl, nil
}
