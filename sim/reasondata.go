package sim

import (
	"encoding/json"
	"slices"
)

// ReasonData is the StateReasonData CloudWatch attaches to an evaluated
// alarm state (DescribeAlarms StateReasonData, alarm history's
// newState.stateReasonData), in AWS's field order. Recorded by AWS-validated
// snapshot tests (localstack tests/aws/services/cloudwatch, 2023-2026) and
// in alarm events quoted in public repositories:
//
//	{"version":"1.0","queryDate":"2024-10-26T19:00:38.853+0000","startDate":"2024-10-26T18:59:00.000+0000",
//	 "statistic":"Sum","period":60,"recentDatapoints":[3.0],"threshold":1.0,
//	 "evaluatedDatapoints":[{"timestamp":"2024-10-26T18:59:00.000+0000","sampleCount":3.0,"value":3.0}]}
type ReasonData struct {
	Version   string `json:"version"`
	QueryDate string `json:"queryDate"`
	// StartDate is the start of the oldest real datapoint evaluated; absent
	// when there is none.
	StartDate string `json:"startDate,omitempty"`
	// Unit is the alarm's unit, when it has one.
	Unit      string `json:"unit,omitempty"`
	Statistic string `json:"statistic"`
	Period    int    `json:"period"`
	// RecentDatapoints are the values of the real datapoints evaluated,
	// oldest first.
	RecentDatapoints []Double `json:"recentDatapoints"`
	Threshold        Double   `json:"threshold"`
	// EvaluatedDatapoints are the periods evaluated, newest first; a period
	// filled in for missing data has only its timestamp.
	EvaluatedDatapoints []EvaluatedDatapoint `json:"evaluatedDatapoints,omitempty"`
}

// EvaluatedDatapoint is one period an evaluation looked at.
type EvaluatedDatapoint struct {
	Timestamp   string  `json:"timestamp"`
	SampleCount *Double `json:"sampleCount,omitempty"`
	Value       *Double `json:"value,omitempty"`
}

// reasonTime is how CloudWatch writes times in StateReasonData.
const reasonTime = "2006-01-02T15:04:05.000-0700"

// ReasonData returns the StateReasonData of the evaluation of alarm a.
func (ev Evaluation) ReasonData(a Alarm) ReasonData {
	d := ReasonData{Version: "1.0", QueryDate: ev.Time.UTC().Format(reasonTime), Unit: a.Unit,
		Statistic: string(a.Statistic), Period: a.Period, RecentDatapoints: []Double{}, Threshold: Double(a.Threshold)}
	for _, p := range ev.Points {
		if !p.Filled {
			if d.StartDate == "" {
				d.StartDate = p.Timestamp.UTC().Format(reasonTime)
			}
			d.RecentDatapoints = append(d.RecentDatapoints, Double(p.Value))
		}
	}
	for _, p := range slices.Backward(ev.Points) {
		e := EvaluatedDatapoint{Timestamp: p.Timestamp.UTC().Format(reasonTime)}
		if !p.Filled {
			n, v := Double(p.SampleCount), Double(p.Value)
			e.SampleCount, e.Value = &n, &v
		}
		d.EvaluatedDatapoints = append(d.EvaluatedDatapoints, e)
	}
	return d
}

// JSON returns the data as CloudWatch serialises it.
func (d ReasonData) JSON() string {
	b, err := json.Marshal(d)
	if err != nil { // only NaN or infinities, which PutMetricData refuses
		return ""
	}
	return string(b)
}

// Double is a float64 that marshals as Java writes doubles (2.0, not 2), as
// CloudWatch writes numbers in StateReasonData.
type Double float64

// MarshalJSON writes the number in Java's form.
func (n Double) MarshalJSON() ([]byte, error) {
	return []byte(javaDouble(float64(n))), nil
}
