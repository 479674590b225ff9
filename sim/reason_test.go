package sim

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dp is one datapoint of a recorded alarm: its period's start, statistic
// value and sample count.
type dp struct {
	at    string // "2006-01-02T15:04:05Z"
	value float64
	count float64
}

func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return v
}

// evaluateRecorded evaluates alarm a at boundary b on the given datapoints,
// as CloudWatch did when it wrote a recorded reason.
func evaluateRecorded(t *testing.T, a Alarm, b string, current State, points ...dp) Evaluation {
	t.Helper()
	require.NoError(t, a.Validate())
	byStart := map[int64]Datapoint{}
	for _, p := range points {
		start := at(t, p.at)
		sum := p.value * p.count // so that Average is the value
		if a.Statistic == Sum {
			sum = p.value
		}
		byStart[start.UnixNano()] = Datapoint{Timestamp: start, StatisticSet: StatisticSet{SampleCount: p.count, Sum: sum,
			Minimum: p.value, Maximum: p.value}}
	}
	return evaluateAt(a, byStart, at(t, b), current)
}

// recording is one alarm evaluation recorded from AWS: the alarm, the
// boundary it was evaluated at, the state it was in, the datapoints it saw,
// and what CloudWatch wrote: the new state, StateReason and, where the
// recording kept it, StateReasonData.
type recording struct {
	source  string
	alarm   Alarm
	b       string
	current State
	points  []dp
	want    State
	reason  string
	data    string // StateReasonData JSON; "" where not recorded
}

// Alarms that several recordings share.
var (
	// localstack test_put_metric_alarm as recorded 2023-10-26.
	localstack2023 = Alarm{Statistic: Average, Period: 30, EvaluationPeriods: 1, Threshold: 2,
		ComparisonOperator: GreaterThanThreshold, TreatMissingData: NotBreaching, Unit: "Seconds"}
	// A CIS unauthorized-API-calls alarm (Sum, 60 s, >= 1).
	cisAlarm = Alarm{Statistic: Sum, Period: 60, EvaluationPeriods: 1, Threshold: 1,
		ComparisonOperator: GreaterThanOrEqualToThreshold}
	// Lecture notes' Maximum, 2 of 2, >= 1 alarm (2023-06-02).
	notes2023 = Alarm{Statistic: Maximum, Period: 60, EvaluationPeriods: 2, DatapointsToAlarm: 2, Threshold: 1,
		ComparisonOperator: GreaterThanOrEqualToThreshold}
)

// recordings holds every StateReason text recorded from AWS that cwpat's
// alarm settings can produce, each with its source.
var recordings = []recording{{
	// localstack tests/aws/services/cloudwatch/test_cloudwatch.snapshot.json,
	// test_put_metric_alarm, recorded against AWS 2025-09-19 (the 2026
	// recording masks the date): no DatapointsToAlarm, so no "out of the
	// last" and no minimum.
	source: "localstack test_put_metric_alarm",
	alarm: Alarm{Statistic: Average, Period: 10, EvaluationPeriods: 1, Threshold: 21,
		ComparisonOperator: GreaterThanThreshold, TreatMissingData: Ignore, Unit: "Seconds"},
	b: "2025-09-19T10:21:10Z", current: StateInsufficientData,
	points: []dp{{"2025-09-19T10:21:00Z", 21.5, 2}},
	want:   StateAlarm,
	reason: "Threshold Crossed: 1 datapoint [21.5 (19/09/25 10:21:00)] was greater than the threshold (21.0).",
}, {
	// Same suite, recorded 2023-10-26: threshold 2.0, period 30. The
	// StateReasonData has the unit when the alarm has one, after startDate
	// (dates are masked in the snapshot).
	source: "localstack test_put_metric_alarm (2023)",
	alarm:  localstack2023,
	b:      "2023-10-26T16:42:30Z", current: StateInsufficientData,
	points: []dp{{"2023-10-26T16:42:00Z", 21.5, 2}},
	want:   StateAlarm,
	reason: "Threshold Crossed: 1 datapoint [21.5 (26/10/23 16:42:00)] was greater than the threshold (2.0).",
	data:   `{"version":"1.0","queryDate":"2023-10-26T16:42:30.000+0000","startDate":"2023-10-26T16:42:00.000+0000","unit":"Seconds","statistic":"Average","period":30,"recentDatapoints":[21.5],"threshold":2.0,"evaluatedDatapoints":[{"timestamp":"2023-10-26T16:42:00.000+0000","sampleCount":2.0,"value":21.5}]}`,
}, {
	// Same recording, the alarm back to OK when no data came.
	source: "localstack test_put_metric_alarm (2023) ok-triggered",
	alarm:  localstack2023,
	b:      "2023-10-26T16:45:00Z", current: StateAlarm,
	want:   StateOK,
	reason: "Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].",
}, {
	// localstack test_breaching_alarm_actions, recorded 2023-09-12 and
	// 2025-09-19 (same text). StateReasonData: no startDate, filled
	// periods as timestamp-only entries.
	source: "localstack test_breaching_alarm_actions",
	alarm: Alarm{Statistic: Average, Period: 10, EvaluationPeriods: 2, Threshold: 2,
		ComparisonOperator: GreaterThanThreshold, TreatMissingData: Breaching, Unit: "Seconds"},
	b: "2025-09-19T21:11:40Z", current: StateInsufficientData,
	want:   StateAlarm,
	reason: "Threshold Crossed: no datapoints were received for 2 periods and 2 missing datapoints were treated as [Breaching].",
	data:   `{"version":"1.0","queryDate":"2025-09-19T21:11:40.000+0000","unit":"Seconds","statistic":"Average","period":10,"recentDatapoints":[],"threshold":2.0,"evaluatedDatapoints":[{"timestamp":"2025-09-19T21:11:30.000+0000"},{"timestamp":"2025-09-19T21:11:20.000+0000"}]}`,
}, {
	// A CIS unauthorized-API-calls alarm: EventBridge alarm event quoted in
	// a public Lambda (2024-10-26; queryDate 19:00:38.853 there, the
	// evaluation's time here).
	source: "CIS alarm event, 2024-10-26",
	alarm:  cisAlarm,
	b:      "2024-10-26T19:00:00Z", current: StateInsufficientData,
	points: []dp{{"2024-10-26T18:59:00Z", 3, 3}},
	want:   StateAlarm,
	reason: "Threshold Crossed: 1 datapoint [3.0 (26/10/24 18:59:00)] was greater than or equal to the threshold (1.0).",
	data:   `{"version":"1.0","queryDate":"2024-10-26T19:00:00.000+0000","startDate":"2024-10-26T18:59:00.000+0000","statistic":"Sum","period":60,"recentDatapoints":[3.0],"threshold":1.0,"evaluatedDatapoints":[{"timestamp":"2024-10-26T18:59:00.000+0000","sampleCount":3.0,"value":3.0}]}`,
}, {
	// The same event's previous state: the unknown period is a
	// timestamp-only entry.
	source: "CIS alarm event, 2024-10-26, previous state",
	alarm:  cisAlarm,
	b:      "2024-10-26T18:38:00Z", current: StateInsufficientData,
	want:   StateInsufficientData,
	reason: "Insufficient Data: 1 datapoint was unknown.",
	data:   `{"version":"1.0","queryDate":"2024-10-26T18:38:00.000+0000","statistic":"Sum","period":60,"recentDatapoints":[],"threshold":1.0,"evaluatedDatapoints":[{"timestamp":"2024-10-26T18:37:00.000+0000"}]}`,
}, {
	// Lambda alarm-action test event (2023-08-04), five periods, unknown
	// ones newest first in StateReasonData.
	source: "alarm event, 2023-08-04",
	alarm: Alarm{Statistic: Average, Period: 60, EvaluationPeriods: 5, Threshold: 5,
		ComparisonOperator: GreaterThanThreshold},
	b: "2023-08-04T12:31:00Z", current: StateOK,
	want:   StateInsufficientData,
	reason: "Insufficient Data: 5 datapoints were unknown.",
	data:   `{"version":"1.0","queryDate":"2023-08-04T12:31:00.000+0000","statistic":"Average","period":60,"recentDatapoints":[],"threshold":5.0,"evaluatedDatapoints":[{"timestamp":"2023-08-04T12:30:00.000+0000"},{"timestamp":"2023-08-04T12:29:00.000+0000"},{"timestamp":"2023-08-04T12:28:00.000+0000"},{"timestamp":"2023-08-04T12:27:00.000+0000"},{"timestamp":"2023-08-04T12:26:00.000+0000"}]}`,
}, {
	// CloudWatch EventBridge event quoted in a repository (2020-10-05):
	// DatapointsToAlarm set, datapoints newest first. Its StateReasonData
	// predates evaluatedDatapoints: TestRecordedReasonData checks the
	// fields it has.
	source: "alarm event, 2020-10-05",
	alarm: Alarm{Statistic: Average, Period: 300, EvaluationPeriods: 2, DatapointsToAlarm: 2, Threshold: 10,
		ComparisonOperator: GreaterThanOrEqualToThreshold},
	b: "2020-10-05T06:30:00Z", current: StateOK,
	points: []dp{{"2020-10-05T06:20:00Z", 10, 1}, {"2020-10-05T06:25:00Z", 10.25, 1}},
	want:   StateAlarm,
	reason: "Threshold Crossed: 2 out of the last 2 datapoints [10.25 (05/10/20 06:25:00), 10.0 (05/10/20 06:20:00)] were greater than or equal to the threshold (10.0) (minimum 2 datapoints for OK -> ALARM transition).",
}, {
	// An e-mail notification quoted in lecture notes (2023-06-02):
	// ALARM -> OK needs N-M+1 = 1, and only the counted datapoint is listed.
	source: "e-mail notification, 2023-06-02",
	alarm:  notes2023,
	b:      "2023-06-02T12:29:00Z", current: StateAlarm,
	points: []dp{{"2023-06-02T12:27:00Z", 1, 1}, {"2023-06-02T12:28:00Z", 0, 1}},
	want:   StateOK,
	reason: "Threshold Crossed: 1 out of the last 2 datapoints [0.0 (02/06/23 12:28:00)] was not greater than or equal to the threshold (1.0) (minimum 1 datapoint for ALARM -> OK transition).",
}, {
	// The same notes, OK -> ALARM.
	source: "e-mail notification, 2023-06-02, alarm",
	alarm:  notes2023,
	b:      "2023-06-02T12:22:00Z", current: StateOK,
	points: []dp{{"2023-06-02T12:20:00Z", 1, 1}, {"2023-06-02T12:21:00Z", 1, 1}},
	want:   StateAlarm,
	reason: "Threshold Crossed: 2 out of the last 2 datapoints [1.0 (02/06/23 12:21:00), 1.0 (02/06/23 12:20:00)] were greater than or equal to the threshold (1.0) (minimum 2 datapoints for OK -> ALARM transition).",
}, {
	// A MediaLive alarm's e-mail quoted in code (2021-12-21): 3 of 5,
	// ALARM -> OK minimum 5-3+1 = 3, the non-breaching datapoints only.
	source: "e-mail notification, 2021-12-21",
	alarm: Alarm{Statistic: Maximum, Period: 60, EvaluationPeriods: 5, DatapointsToAlarm: 3, Threshold: 0,
		ComparisonOperator: GreaterThanThreshold},
	b: "2021-12-21T06:46:00Z", current: StateAlarm,
	points: []dp{{"2021-12-21T06:41:00Z", 1, 1}, {"2021-12-21T06:42:00Z", 0, 1}, {"2021-12-21T06:43:00Z", 1, 1},
		{"2021-12-21T06:44:00Z", 0, 1}, {"2021-12-21T06:45:00Z", 0, 1}},
	want:   StateOK,
	reason: "Threshold Crossed: 3 out of the last 5 datapoints [0.0 (21/12/21 06:45:00), 0.0 (21/12/21 06:44:00), 0.0 (21/12/21 06:42:00)] were not greater than the threshold (0.0) (minimum 3 datapoints for ALARM -> OK transition).",
}, {
	// A WAF rate-rule alarm's SNS message quoted in a repository
	// (2024-03-16): 1 of 20 with missing data treated as not breaching.
	source: "SNS message, 2024-03-16",
	alarm: Alarm{Statistic: Sum, Period: 60, EvaluationPeriods: 20, DatapointsToAlarm: 1, Threshold: 1,
		ComparisonOperator: GreaterThanOrEqualToThreshold, TreatMissingData: NotBreaching},
	b: "2024-03-16T12:16:00Z", current: StateOK,
	points: []dp{{"2024-03-16T12:15:00Z", 613, 613}},
	want:   StateAlarm,
	reason: "Threshold Crossed: 1 out of the last 20 datapoints [613.0 (16/03/24 12:15:00)] was greater than or equal to the threshold (1.0) and 19 missing datapoints were treated as [NonBreaching] (minimum 1 datapoint for OK -> ALARM transition).",
}, {
	// A DMS alarm's Lambda payload quoted in a runbook (2026-04-20): no
	// DatapointsToAlarm, one real and one filled datapoint.
	source: "Lambda payload, 2026-04-20",
	alarm: Alarm{Statistic: Maximum, Period: 60, EvaluationPeriods: 2, Threshold: 1,
		ComparisonOperator: LessThanThreshold, TreatMissingData: Breaching},
	b: "2026-04-20T18:46:00Z", current: StateOK,
	points: []dp{{"2026-04-20T18:45:00Z", 0, 1}},
	want:   StateAlarm,
	reason: "Threshold Crossed: 1 datapoint [0.0 (20/04/26 18:45:00)] was less than the threshold (1.0) and 1 missing datapoint was treated as [Breaching].",
}, {
	// An ALB alarm's reason quoted in design notes (2026-08-03): back to
	// OK although the filled datapoint counts as breaching.
	source: "design notes, 2026-08-03",
	alarm: Alarm{Statistic: Minimum, Period: 60, EvaluationPeriods: 2, Threshold: 1,
		ComparisonOperator: GreaterThanOrEqualToThreshold, TreatMissingData: Breaching},
	b: "2026-08-03T11:43:00Z", current: StateAlarm,
	points: []dp{{"2026-08-03T11:42:00Z", 0, 1}},
	want:   StateOK,
	reason: "Threshold Crossed: 1 datapoint [0.0 (03/08/26 11:42:00)] was not greater than or equal to the threshold (1.0) and 1 missing datapoint was treated as [Breaching].",
}, {
	// An SLO alarm's describe-alarms output quoted in a report (2026-04-28).
	source: "describe-alarms, 2026-04-28",
	alarm: Alarm{Statistic: Average, Period: 60, EvaluationPeriods: 1, Threshold: 0.06,
		ComparisonOperator: GreaterThanThreshold},
	b: "2026-04-28T12:19:00Z", current: StateInsufficientData,
	points: []dp{{"2026-04-28T12:18:00Z", 0.04841402337228715, 1}},
	want:   StateOK,
	reason: "Threshold Crossed: 1 datapoint [0.04841402337228715 (28/04/26 12:18:00)] was not greater than the threshold (0.06).",
}, {
	// An RDS alarm event quoted in code (2024-04-23): DatapointsToAlarm 1
	// of 1 still writes "the last 1 datapoints".
	source: "alarm event, 2024-04-23",
	alarm: Alarm{Statistic: Maximum, Period: 60, EvaluationPeriods: 1, DatapointsToAlarm: 1, Threshold: 20,
		ComparisonOperator: LessThanOrEqualToThreshold},
	b: "2024-04-23T20:45:00Z", current: StateOK,
	points: []dp{{"2024-04-23T20:44:00Z", 3.4666088898518357, 5}},
	want:   StateAlarm,
	reason: "Threshold Crossed: 1 out of the last 1 datapoints [3.4666088898518357 (23/04/24 20:44:00)] was less than or equal to the threshold (20.0) (minimum 1 datapoint for OK -> ALARM transition).",
}, {
	// An ECS alarm event quoted in code (2021-04-13): 2 of 2 back to OK.
	source: "alarm event, 2021-04-13",
	alarm: Alarm{Statistic: Average, Period: 60, EvaluationPeriods: 2, DatapointsToAlarm: 2, Threshold: 40,
		ComparisonOperator: GreaterThanThreshold},
	b: "2021-04-13T16:05:00Z", current: StateAlarm,
	points: []dp{{"2021-04-13T16:03:00Z", 0.01575357001274824, 1}, {"2021-04-13T16:04:00Z", 0.01758096118768056, 1}},
	want:   StateOK,
	reason: "Threshold Crossed: 2 out of the last 2 datapoints [0.01758096118768056 (13/04/21 16:04:00), 0.01575357001274824 (13/04/21 16:03:00)] were not greater than the threshold (40.0) (minimum 1 datapoint for ALARM -> OK transition).",
}}

// evaluate evaluates the recording's alarm as CloudWatch did when it wrote
// the recorded reason.
func (r recording) evaluate(t *testing.T) Evaluation {
	t.Helper()
	return evaluateRecorded(t, r.alarm, r.b, r.current, r.points...)
}

// TestRecordedReasons checks that sim writes every recorded StateReason
// character for character.
func TestRecordedReasons(t *testing.T) {
	for _, r := range recordings {
		ev := r.evaluate(t)
		assert.Equal(t, r.want, ev.State, r.source)
		assert.Equal(t, r.reason, ev.Reason, r.source)
		assert.NotContains(t, ev.Reason, "(s)", r.source)
	}
}

// TestRecordedReasonData checks StateReasonData against recorded JSON, the
// query date being the evaluation's time.
func TestRecordedReasonData(t *testing.T) {
	n := 0
	for _, r := range recordings {
		if r.data == "" {
			continue
		}
		n++
		got := r.evaluate(t).ReasonData(r.alarm).JSON()
		assert.JSONEq(t, r.data, got, r.source)
		assert.Equal(t, r.data, got, "%s: field order and number forms", r.source)
	}
	assert.Equal(t, 5, n, "recordings with StateReasonData")
	// The 2020-10-05 event: recentDatapoints oldest first, startDate the
	// oldest of them (the event predates evaluatedDatapoints).
	r := recordingOf(t, "alarm event, 2020-10-05")
	var d map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.evaluate(t).ReasonData(r.alarm).JSON()), &d))
	assert.Equal(t, "2020-10-05T06:20:00.000+0000", d["startDate"])
	assert.Equal(t, []any{10.0, 10.25}, d["recentDatapoints"])
}

// recordingOf returns the recording from source.
func recordingOf(t *testing.T, source string) recording {
	t.Helper()
	for _, r := range recordings {
		if r.source == source {
			return r
		}
	}
	t.Fatalf("no recording %q", source)
	return recording{}
}

func TestJavaDouble(t *testing.T) {
	for v, want := range map[float64]string{0: "0.0", 1: "1.0", 21.5: "21.5", -3: "-3.0", 0.06: "0.06", 613: "613.0",
		1e7: "1.0E7", 1.5e-4: "1.5E-4", 0.001: "0.001", 9999999: "9999999.0", 123456789: "1.23456789E8"} {
		assert.Equal(t, want, javaDouble(v), "%v", v)
	}
}
