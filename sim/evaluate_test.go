package sim

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// window turns "0 - X - X" (oldest first: 0 not breaching, X breaching,
// - missing) into datapoints of the periods before the boundary b.
func window(a Alarm, b time.Time, spec string) map[int64]Datapoint {
	fields := strings.Fields(spec)
	out := map[int64]Datapoint{}
	for i, f := range fields {
		start := b.Add(-time.Duration(len(fields)-i) * a.PeriodDuration())
		switch f {
		case "0":
			out[start.UnixNano()] = Datapoint{Timestamp: start, StatisticSet: StatisticSet{SampleCount: 1, Sum: 0}}
		case "X":
			out[start.UnixNano()] = Datapoint{Timestamp: start, StatisticSet: StatisticSet{SampleCount: 1, Sum: 5, Minimum: 5, Maximum: 5}}
		}
	}
	return out
}

// missingDataRow is one row of a missing-data table: the five most recent
// periods of the evaluation range (oldest first: 0 not breaching, X
// breaching, - missing) and the state for each TreatMissingData ("keep":
// the current state is retained).
type missingDataRow struct {
	m, n                                     int
	points                                   string
	missing, ignore, breaching, notBreaching string
}

// The tables of "How alarm state is evaluated when data is missing" in the
// CloudWatch user guide, every row, as the guide printed them (source:
// awsdocs/amazon-cloudwatch-user-guide doc_source/AlarmThatSendsEmail.md).
// The guide's tables changed several times; between these two versions,
// Sep 2019 (a6077fd) and Apr 2020 (51dd6b5) printed rows that the 2020-2023
// versions replaced ("- - X - -" at 2 of 3: OK, then ALARM; ignore ALARM at
// 3 of 3), so the tests hold the June 2019 tables (d444eed, the last before
// those edits) and the May 2023 ones (b355497), which one rule fits.
var (
	missingData2019 = []missingDataRow{ // d444eed, 2019-06-24
		{3, 3, "0 - X - X", "OK", "OK", "OK", "OK"},
		{3, 3, "0 - - - -", "OK", "OK", "OK", "OK"},
		{3, 3, "- - - - -", "INSUFFICIENT_DATA", "keep", "ALARM", "OK"},
		{3, 3, "0 X X - X", "ALARM", "ALARM", "ALARM", "ALARM"},
		{3, 3, "- - - - X", "INSUFFICIENT_DATA", "keep", "ALARM", "OK"},
		{2, 3, "0 - X - X", "ALARM", "ALARM", "ALARM", "ALARM"},
		{2, 3, "0 0 X 0 X", "ALARM", "ALARM", "ALARM", "ALARM"},
		{2, 3, "0 - X - -", "OK", "OK", "ALARM", "OK"},
		{2, 3, "- - - - 0", "OK", "OK", "ALARM", "OK"},
		{2, 3, "- - - - X", "INSUFFICIENT_DATA", "keep", "ALARM", "OK"},
	}
	missingData2023 = []missingDataRow{ // b355497, 2023-05-18
		{3, 3, "0 - X - X", "OK", "OK", "OK", "OK"},
		{3, 3, "0 - - - -", "OK", "OK", "OK", "OK"},
		{3, 3, "- - - - -", "INSUFFICIENT_DATA", "keep", "ALARM", "OK"},
		{3, 3, "0 X X - X", "ALARM", "ALARM", "ALARM", "ALARM"},
		{3, 3, "- - X - -", "ALARM", "keep", "ALARM", "OK"},
		{2, 3, "0 - X - X", "ALARM", "ALARM", "ALARM", "ALARM"},
		{2, 3, "0 0 X 0 X", "ALARM", "ALARM", "ALARM", "ALARM"},
		{2, 3, "0 - X - -", "OK", "OK", "ALARM", "OK"},
		{2, 3, "- - - - 0", "OK", "OK", "ALARM", "OK"},
		{2, 3, "- - - X -", "ALARM", "keep", "ALARM", "OK"},
	}
	// cwpat's own rows, where the guide is silent; they follow from the
	// same rule (a breaching datapoint old enough fires; a non-breaching
	// one alone is OK).
	missingDataCwpat = []missingDataRow{
		{3, 3, "X - - - -", "ALARM", "keep", "ALARM", "OK"},
		{3, 3, "- - - - 0", "OK", "OK", "OK", "OK"},
		{2, 3, "- - X - -", "ALARM", "keep", "ALARM", "OK"},
		{3, 3, "- - 0 - X", "OK", "OK", "OK", "OK"},
	}
)

func TestMissingDataTables(t *testing.T) {
	for name, rows := range map[string][]missingDataRow{"2019": missingData2019, "2023": missingData2023, "cwpat": missingDataCwpat} {
		for _, r := range rows {
			checkMissingDataRow(t, name, r)
		}
	}
}

// The 2023 guide's "Avoiding premature transitions to alarm state": with
// 3 datapoints to alarm, "the alarm does not go immediately into ALARM
// state when the data is either - - - - X or - - - X -"; with 2 (M out of
// N), - - - - X does not fire either. Both tables agree with it: the
// state stays INSUFFICIENT_DATA (2019 table) until the breaching datapoint
// is DatapointsToAlarm periods old.
func TestAvoidingPrematureTransitions(t *testing.T) {
	for _, c := range []struct {
		m      int
		points string
	}{{3, "- - - - X"}, {3, "- - - X -"}, {2, "- - - - X"}} {
		for _, current := range []State{StateOK, StateInsufficientData} {
			a := Alarm{Statistic: Sum, Period: 300, EvaluationPeriods: 3, DatapointsToAlarm: c.m, Threshold: 1,
				ComparisonOperator: GreaterThanOrEqualToThreshold, TreatMissingData: Missing}
			b := t0.Add(time.Hour)
			ev := evaluateAt(a, window(a, b, c.points), b, current)
			assert.NotEqual(t, StateAlarm, ev.State, "%d of 3, %q", c.m, c.points)
		}
	}
}

func checkMissingDataRow(t *testing.T, table string, r missingDataRow) {
	t.Helper()
	for mode, want := range map[TreatMissingData]string{Missing: r.missing, Ignore: r.ignore, Breaching: r.breaching, NotBreaching: r.notBreaching} {
		for _, current := range []State{StateOK, StateAlarm, StateInsufficientData} {
			a := Alarm{Statistic: Sum, Period: 300, EvaluationPeriods: r.n, DatapointsToAlarm: r.m,
				Threshold: 1, ComparisonOperator: GreaterThanOrEqualToThreshold, TreatMissingData: mode}
			require.NoError(t, a.Validate())
			b := t0.Add(time.Hour)
			ev := evaluateAt(a, window(a, b, r.points), b, current)
			expected := State(want)
			if want == "keep" {
				expected = current
			}
			assert.Equal(t, expected, ev.State, "%s table: %d of %d, %q, %s, current %s: %s", table, r.m, r.n, r.points, mode, current, ev.Reason)
			assert.NotEmpty(t, ev.Reason)
		}
	}
}

func TestEvaluateOverTime(t *testing.T) {
	a := Alarm{Statistic: Sum, Period: 300, EvaluationPeriods: 1, Threshold: 1,
		ComparisonOperator: GreaterThanOrEqualToThreshold, TreatMissingData: NotBreaching}
	// One event at 2m: period [0,5m) has Sum 1.
	points := []Datapoint{{Timestamp: t0, StatisticSet: StatisticSet{SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1}}}
	tl, err := Evaluate(a, points, t0, t0.Add(20*time.Minute))
	require.NoError(t, err)
	require.Len(t, tl.Evaluations, 5) // at 0, 5, 10, 15, 20 minutes
	assert.Equal(t, StateOK, tl.StateAt(t0))
	assert.Equal(t, StateInsufficientData, tl.StateAt(t0.Add(-time.Second)))
	assert.Equal(t, StateAlarm, tl.StateAt(t0.Add(5*time.Minute)))
	assert.Equal(t, StateAlarm, tl.StateAt(t0.Add(9*time.Minute)))
	// The one real datapoint stays in the evaluation range (3 periods) and,
	// being enough for EvaluationPeriods, is re-evaluated until it leaves:
	// CloudWatch's documented "re-evaluate the last set of data points".
	assert.Equal(t, StateAlarm, tl.StateAt(t0.Add(15*time.Minute)))
	assert.Equal(t, StateOK, tl.StateAt(t0.Add(20*time.Minute)))
	require.Len(t, tl.Transitions, 3)
	assert.Equal(t, Transition{Time: t0, From: StateInsufficientData, To: StateOK, Reason: tl.Transitions[0].Reason}, tl.Transitions[0])
	assert.Equal(t, StateAlarm, tl.Transitions[1].To)
	assert.Equal(t, "Threshold Crossed: 1 datapoint [1.0 (01/01/26 00:00:00)] was greater than or equal to the threshold (1.0).", tl.Transitions[1].Reason)
	assert.Equal(t, StateOK, tl.Transitions[2].To)
}

func TestEvaluateMissingStartsInsufficient(t *testing.T) {
	a := Alarm{Statistic: Sum, Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: GreaterThanOrEqualToThreshold}
	tl, err := Evaluate(a, nil, t0.Add(30*time.Second), t0.Add(3*time.Minute))
	require.NoError(t, err)
	assert.Empty(t, tl.Transitions, "an alarm that never sees data stays INSUFFICIENT_DATA")
	require.Len(t, tl.Evaluations, 4)
	assert.Equal(t, t0.Add(30*time.Second), tl.Evaluations[0].Time, "first evaluation at creation")
	assert.Equal(t, t0.Add(time.Minute), tl.Evaluations[1].Time, "then at every period boundary")
	assert.Contains(t, tl.Evaluations[0].Reason, "Insufficient Data")

	a.TreatMissingData = NotBreaching
	tl, err = Evaluate(a, nil, t0.Add(30*time.Second), t0.Add(30*time.Second))
	require.NoError(t, err)
	assert.Equal(t, StateOK, tl.StateAt(t0.Add(30*time.Second)), "a notBreaching alarm is OK as soon as it is evaluated")

	tl, err = Evaluate(a, nil, t0.Add(30*time.Second), t0)
	require.NoError(t, err)
	assert.Empty(t, tl.Evaluations, "nothing to evaluate before creation")
}

func TestEvaluateUsesDataBeforeCreation(t *testing.T) {
	a := Alarm{Statistic: Sum, Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: GreaterThanOrEqualToThreshold}
	points := []Datapoint{{Timestamp: t0, StatisticSet: StatisticSet{SampleCount: 1, Sum: 1}}}
	tl, err := Evaluate(a, points, t0.Add(time.Minute), t0.Add(time.Minute))
	require.NoError(t, err)
	assert.Equal(t, StateAlarm, tl.StateAt(t0.Add(time.Minute)))
}

func TestMOutOfN(t *testing.T) {
	a := Alarm{Statistic: Sum, Period: 60, EvaluationPeriods: 3, DatapointsToAlarm: 2, Threshold: 2,
		ComparisonOperator: GreaterThanThreshold, TreatMissingData: NotBreaching}
	mk := func(min int, v float64) Datapoint {
		return Datapoint{Timestamp: t0.Add(time.Duration(min) * time.Minute), StatisticSet: StatisticSet{SampleCount: 1, Sum: v}}
	}
	points := []Datapoint{mk(0, 3), mk(1, 1), mk(2, 3), mk(3, 2), mk(4, 1)}
	tl, err := Evaluate(a, points, t0, t0.Add(7*time.Minute))
	require.NoError(t, err)
	// windows: @3m [3,1,3] -> 2 breaching -> ALARM; @4m [1,3,2] -> 1 -> OK.
	assert.Equal(t, StateAlarm, tl.StateAt(t0.Add(3*time.Minute)))
	assert.Equal(t, StateOK, tl.StateAt(t0.Add(4*time.Minute)))
	assert.Equal(t, StateOK, tl.StateAt(t0.Add(7*time.Minute)))
}

func TestComparisonOperators(t *testing.T) {
	for op, want := range map[ComparisonOperator][3]bool{
		GreaterThanOrEqualToThreshold: {false, true, true},
		GreaterThanThreshold:          {false, false, true},
		LessThanThreshold:             {true, false, false},
		LessThanOrEqualToThreshold:    {true, true, false},
	} {
		a := Alarm{Threshold: 1, ComparisonOperator: op}
		assert.Equal(t, want, [3]bool{a.Breaches(0), a.Breaches(1), a.Breaches(2)}, op)
	}
}

func TestValidate(t *testing.T) {
	ok := Alarm{Statistic: Sum, Period: 300, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: GreaterThanOrEqualToThreshold}
	require.NoError(t, ok.Validate())
	cases := []struct {
		name string
		edit func(*Alarm)
		want string
	}{
		{"statistic", func(a *Alarm) { a.Statistic = "p99" }, `statistic "p99" is not one of`},
		{"period", func(a *Alarm) { a.Period = 90 }, "valid periods are 10, 20, 30 seconds or a multiple of 60 seconds"},
		{"short period", func(a *Alarm) { a.Period = 15 }, "valid periods"},
		{"zero period", func(a *Alarm) { a.Period = 0 }, "period must be positive"},
		{"evaluation periods", func(a *Alarm) { a.EvaluationPeriods = 0 }, "evaluationPeriods must be at least 1"},
		{"one day", func(a *Alarm) { a.EvaluationPeriods = 289 }, "evaluationPeriods x period = 86700 seconds: Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400) for alarms using period < 3600"},
		{"m > n", func(a *Alarm) { a.DatapointsToAlarm = 2 }, "datapointsToAlarm must be between 1 and evaluationPeriods (1), got 2"},
		{"operator", func(a *Alarm) { a.ComparisonOperator = ">=" }, `comparisonOperator ">=" is not one of`},
		{"missing", func(a *Alarm) { a.TreatMissingData = "NotBreaching" }, `treatMissingData "NotBreaching" is not one of`},
		{"threshold", func(a *Alarm) { a.Threshold = math.Inf(1) }, "threshold must be a finite number (got +Inf)"},
	}
	for _, c := range cases {
		a := ok
		c.edit(&a)
		err := a.Validate()
		require.Error(t, err, c.name)
		assert.Contains(t, err.Error(), c.want, c.name)
	}
	long := ok
	long.Period, long.EvaluationPeriods = 3600, 168
	assert.NoError(t, long.Validate(), "7 days is allowed for periods of an hour or more")
	long.EvaluationPeriods = 169
	assert.EqualError(t, long.Validate(), "evaluationPeriods x period = 608400 seconds: Metrics cannot be checked across more than a week (EvaluationPeriods * Period must be <= 604800) for alarms using period >= 3600")
}
