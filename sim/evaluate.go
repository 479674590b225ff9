package sim

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
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
// stands for a missing period filled in per TreatMissingData.
type Point struct {
	Timestamp time.Time `json:"timestamp"`
	Value     float64   `json:"value"`
	Filled    bool      `json:"filled,omitempty"`
	Breaching bool      `json:"breaching"`
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
//     not breaching for those modes; for missing, the filled periods count
//     for nothing, so the alarm fires when every real datapoint breaches (or
//     DatapointsToAlarm of them do); ignore is missing, except that a
//     would-be ALARM keeps the current state instead.
//
// The alarm goes to ALARM when at least DatapointsToAlarm of the evaluated
// datapoints breach, and to OK otherwise.
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

func evaluateAt(a Alarm, byStart map[int64]Datapoint, b time.Time, current State) Evaluation {
	n, m := a.EvaluationPeriods, a.M()
	rangeLen := n + 2
	var real []Point
	for i := rangeLen; i >= 1; i-- {
		start := b.Add(-time.Duration(i) * a.PeriodDuration())
		if dp, ok := byStart[start.UnixNano()]; ok {
			v := dp.Value(a.Statistic)
			real = append(real, Point{Timestamp: start, Value: v, Breaching: a.Breaches(v)})
		}
	}
	ev := Evaluation{Time: b}
	mode := a.MissingData()
	switch {
	case len(real) >= n:
		ev.Points = real[len(real)-n:]
		ev.State = decide(count(ev.Points), m)
	case len(real) == 0:
		ev.Points = nil
		switch mode {
		case Missing:
			ev.State = StateInsufficientData
		case Ignore:
			ev.State = current
		case Breaching:
			ev.Points = filled(a, b, n, true)
			ev.State = decide(n, m)
		case NotBreaching:
			ev.Points = filled(a, b, n, false)
			ev.State = StateOK
		}
	default:
		fill := n - len(real)
		k := count(real)
		switch mode {
		case Breaching:
			ev.Points = append(filled(a, b, fill, true), real...)
			ev.State = decide(k+fill, m)
		case NotBreaching:
			ev.Points = append(filled(a, b, fill, false), real...)
			ev.State = decide(k, m)
		case Missing, Ignore:
			ev.Points = real
			ev.State = decide(k, min(m, len(real)))
			if mode == Ignore && ev.State == StateAlarm {
				ev.State = current
			}
		}
	}
	ev.Reason = reason(a, ev, current, len(real))
	return ev
}

// filled returns k filled points for periods with no data, stamped with the
// oldest periods of the evaluation window for display.
func filled(a Alarm, b time.Time, k int, breaching bool) []Point {
	out := make([]Point, k)
	for i := range out {
		out[i] = Point{Timestamp: b.Add(-time.Duration(a.EvaluationPeriods-i) * a.PeriodDuration()), Filled: true, Breaching: breaching}
	}
	return out
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

var opWords = map[ComparisonOperator]string{
	GreaterThanOrEqualToThreshold: "greater than or equal to",
	GreaterThanThreshold:          "greater than",
	LessThanThreshold:             "less than",
	LessThanOrEqualToThreshold:    "less than or equal to",
}

// reason writes the state reason in the shape CloudWatch uses in
// DescribeAlarmHistory, so people recognise it.
func reason(a Alarm, ev Evaluation, current State, real int) string {
	if ev.State == StateInsufficientData || (len(ev.Points) == 0 && real == 0) {
		if ev.State == current && a.MissingData() == Ignore {
			return fmt.Sprintf("No datapoints were received for %d periods; treatMissingData ignore kept the state %s.", a.EvaluationPeriods+2, current)
		}
		return fmt.Sprintf("Insufficient Data: no datapoints were received for %d periods.", a.EvaluationPeriods+2)
	}
	var vals []string
	k, fills := 0, 0
	for _, p := range ev.Points {
		if p.Filled {
			fills++
		} else {
			vals = append(vals, fmt.Sprintf("%s (%s)", num(p.Value), p.Timestamp.UTC().Format("02/01/06 15:04:05")))
		}
		if p.Breaching {
			k++
		}
	}
	verb := "was"
	if k != 1 {
		verb = "were"
	}
	words := opWords[a.ComparisonOperator]
	if ev.State != StateAlarm {
		words = "not " + words
		verb = "was"
		if len(ev.Points)-k != 1 {
			verb = "were"
		}
		k = len(ev.Points) - k
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Threshold Crossed: %d out of the last %d datapoints [%s] %s %s the threshold (%s)",
		k, len(ev.Points), strings.Join(vals, ", "), verb, words, num(a.Threshold))
	if fills > 0 {
		as := "NonBreaching"
		if ev.Points[0].Breaching {
			as = "Breaching"
		}
		fmt.Fprintf(&b, " and %d missing datapoint(s) were treated as [%s]", fills, as)
	}
	fmt.Fprintf(&b, " (minimum %d datapoint(s) for %s -> %s transition).", a.M(), other(ev.State), ev.State)
	if ev.State == current && a.MissingData() == Ignore && real < a.EvaluationPeriods && count(ev.Points) > 0 {
		b.WriteString(" treatMissingData ignore kept the current state.")
	}
	return b.String()
}

func other(s State) State {
	if s == StateAlarm {
		return StateOK
	}
	return StateAlarm
}

// num prints a value the way CloudWatch does in reasons: 1.0, 2.5.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}
