package sim

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// reason writes the StateReason CloudWatch gives an evaluated state, in the
// forms AWS has been recorded writing (each form is a test in
// reason_test.go, with its source):
//
//	Threshold Crossed: 1 datapoint [21.5 (19/09/25 10:21:00)] was greater than the threshold (21.0).
//	Threshold Crossed: 2 out of the last 2 datapoints [10.25 (05/10/20 06:25:00), 10.0 (05/10/20 06:20:00)] were greater than or equal to the threshold (10.0) (minimum 2 datapoints for OK -> ALARM transition).
//	Threshold Crossed: 1 datapoint [0.0 (20/04/26 18:45:00)] was less than the threshold (1.0) and 1 missing datapoint was treated as [Breaching].
//	Threshold Crossed: no datapoints were received for 2 periods and 2 missing datapoints were treated as [Breaching].
//	Insufficient Data: 1 datapoint was unknown.
//
// The "M out of the last N" form, with its minimum, appears only when the
// alarm sets DatapointsToAlarm; the minimum is M for OK -> ALARM and N-M+1
// for ALARM -> OK. The datapoints listed are those that count for the new
// state (breaching for ALARM, not breaching for OK), newest first.
func reason(a Alarm, ev Evaluation, real int, kept bool) string {
	var counted []Point
	fills := 0
	for _, p := range slices.Backward(ev.Points) {
		switch {
		case p.Filled:
			fills++
		case p.Breaching == (ev.State == StateAlarm):
			counted = append(counted, p)
		}
	}
	mode := a.MissingData()
	switch {
	case kept:
		// treatMissingData ignore kept the state: no transition, so AWS's
		// words are not recorded for it; say what happened.
		return fmt.Sprintf("%s without data in the last %d; treatMissingData ignore kept the state %s.",
			plural(fills, "period"), a.EvaluationPeriods, ev.State)
	case ev.State == StateInsufficientData:
		return fmt.Sprintf("Insufficient Data: %s %s unknown.", plural(fills, "datapoint"), wasWere(fills))
	case real == 0:
		return fmt.Sprintf("Threshold Crossed: no datapoints were received for %s and %s %s treated as [%s].",
			plural(fills, "period"), plural(fills, "missing datapoint"), wasWere(fills), treatedAs(mode))
	}
	words := opWords[a.ComparisonOperator]
	if ev.State != StateAlarm {
		words = "not " + words
	}
	values := make([]string, len(counted))
	for i, p := range counted {
		values[i] = fmt.Sprintf("%s (%s)", javaDouble(p.Value), p.Timestamp.UTC().Format("02/01/06 15:04:05"))
	}
	var b strings.Builder
	if a.DatapointsToAlarm == 0 {
		fmt.Fprintf(&b, "Threshold Crossed: %s", plural(len(counted), "datapoint"))
	} else {
		fmt.Fprintf(&b, "Threshold Crossed: %d out of the last %d datapoints", len(counted), a.EvaluationPeriods)
	}
	fmt.Fprintf(&b, " [%s] %s %s the threshold (%s)", strings.Join(values, ", "), wasWere(len(counted)), words, javaDouble(a.Threshold))
	if fills > 0 && (mode == Breaching || mode == NotBreaching) {
		fmt.Fprintf(&b, " and %s %s treated as [%s]", plural(fills, "missing datapoint"), wasWere(fills), treatedAs(mode))
	}
	if a.DatapointsToAlarm != 0 {
		if ev.State == StateAlarm {
			fmt.Fprintf(&b, " (minimum %s for OK -> ALARM transition)", plural(a.M(), "datapoint"))
		} else {
			fmt.Fprintf(&b, " (minimum %s for ALARM -> OK transition)", plural(a.EvaluationPeriods-a.M()+1, "datapoint"))
		}
	}
	b.WriteString(".")
	return b.String()
}

var opWords = map[ComparisonOperator]string{
	GreaterThanOrEqualToThreshold: "greater than or equal to",
	GreaterThanThreshold:          "greater than",
	LessThanThreshold:             "less than",
	LessThanOrEqualToThreshold:    "less than or equal to",
}

func treatedAs(mode TreatMissingData) string {
	if mode == Breaching {
		return "Breaching"
	}
	return "NonBreaching"
}

// plural writes "1 datapoint", "3 datapoints": AWS never writes "(s)".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// javaDouble writes v as Java's Double.toString does, which is how
// CloudWatch writes values in reasons and StateReasonData: 1.0, 21.5,
// 0.01758096118768056, 1.0E7, 1.0E-4.
func javaDouble(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "Infinity"
	case math.IsInf(v, -1):
		return "-Infinity"
	}
	if abs := math.Abs(v); abs != 0 && (abs < 1e-3 || abs >= 1e7) {
		s := strconv.FormatFloat(v, 'e', -1, 64) // 1e+07, 1.5e-04
		mant, exp, _ := strings.Cut(s, "e")
		if !strings.Contains(mant, ".") {
			mant += ".0"
		}
		e, _ := strconv.Atoi(exp)
		return mant + "E" + strconv.Itoa(e)
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}
