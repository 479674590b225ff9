package localaws

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Alarm evaluation. It sits behind alarmEvaluator so that package sim (the
// project's CloudWatch alarm simulator, being built) can replace the
// built-in evaluator without touching the protocol code.

// alarmEvaluator decides an alarm's state at now from its metric's datapoints.
type alarmEvaluator interface {
	evaluate(a *metricAlarm, series []*metricSeries, now time.Time) (state, reason string)
}

// builtinEvaluator evaluates a metric alarm as CloudWatch documents it: the
// last EvaluationPeriods periods (the current, partial one included, so a
// metric-filter match alarms at once), ALARM when at least DatapointsToAlarm
// of them breach, missing periods handled by TreatMissingData.
type builtinEvaluator struct{}

func (builtinEvaluator) evaluate(a *metricAlarm, series []*metricSeries, now time.Time) (string, string) {
	if a.Period == nil || a.Threshold == nil {
		return a.StateValue, a.StateReason
	}
	period := time.Duration(*a.Period) * time.Second
	n := int(a.EvaluationPeriods)
	m := n
	if a.DatapointsToAlarm != nil {
		m = int(*a.DatapointsToAlarm)
	}
	end := now.Truncate(period).Add(period)
	start := end.Add(-time.Duration(n) * period)
	agg := buckets(series, start, end, period, a.Unit)

	var breaching, present int
	var values []string
	for k := n - 1; k >= 0; k-- {
		t := end.Add(-time.Duration(k+1) * period)
		b := agg[t]
		if b == nil {
			continue
		}
		v, ok := b.stat(a.Statistic)
		if !ok {
			continue
		}
		present++
		values = append(values, formatFloat(v))
		if compare(a.ComparisonOperator, v, *a.Threshold) {
			breaching++
		}
	}
	missing := n - present
	switch a.TreatMissingData {
	case "breaching":
		breaching += missing
	case "notBreaching":
		present += missing
	}
	reason := fmt.Sprintf("Threshold Crossed: %d out of the last %d datapoints [%s] were %s the threshold (%s) (minimum %d datapoint%s for %s transition).",
		breaching, n, strings.Join(values, ", "), comparisonWords(a.ComparisonOperator), formatFloat(*a.Threshold), m, plural(m), "ALARM")
	switch {
	case breaching >= m:
		return stateAlarm, reason
	case present == 0 && (a.TreatMissingData == "" || a.TreatMissingData == "missing"):
		verb := "were"
		if n == 1 {
			verb = "was"
		}
		return stateInsufficientData, fmt.Sprintf("Insufficient Data: %d datapoint%s %s unknown.", n, plural(n), verb)
	case present == 0 && a.TreatMissingData == "ignore":
		return a.StateValue, a.StateReason
	}
	reason = strings.Replace(reason, "(minimum "+itoa(m), "(minimum "+itoa(n-m+1), 1)
	return stateOK, strings.Replace(reason, "for ALARM transition", "for OK transition", 1)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func compare(op string, v, threshold float64) bool {
	switch op {
	case "GreaterThanOrEqualToThreshold":
		return v >= threshold
	case "GreaterThanThreshold":
		return v > threshold
	case "LessThanThreshold":
		return v < threshold
	case "LessThanOrEqualToThreshold":
		return v <= threshold
	}
	return false
}

func comparisonWords(op string) string {
	switch op {
	case "GreaterThanOrEqualToThreshold":
		return "greater than or equal to"
	case "GreaterThanThreshold":
		return "greater than"
	case "LessThanThreshold":
		return "less than"
	case "LessThanOrEqualToThreshold":
		return "less than or equal to"
	}
	return op
}

// evaluateAlarm re-evaluates one alarm now and runs its actions on a change.
func (c *call) evaluateAlarm(a *alarm) {
	if a.Period == nil {
		return
	}
	series := c.st.series(a.Namespace, a.MetricName, dimsMap(a.Dimensions))
	state, reason := c.srv.eval.evaluate(&a.metricAlarm, series, c.now)
	if state == a.StateValue && reason == a.StateReason {
		return
	}
	c.transition(a, state, reason, "")
}

// evaluateAlarmsOn re-evaluates every alarm watching one of the touched series.
func (c *call) evaluateAlarmsOn(touched map[string]bool) {
	if len(touched) == 0 {
		return
	}
	for _, name := range sortedAlarmNames(c.st) {
		a := c.st.alarms[name]
		if touched[metricID(a.Namespace, a.MetricName, dimsMap(a.Dimensions))] {
			c.evaluateAlarm(a)
		}
	}
}

func sortedAlarmNames(r *region) []string {
	names := make([]string, 0, len(r.alarms))
	for n := range r.alarms {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// EvaluateAlarms re-evaluates every alarm of every account and region at the
// server's current time (Options.Now), as CloudWatch does each minute. Tests
// that move their clock call it to see alarms return to OK or go missing.
func (s *Server) EvaluateAlarms() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, st := range s.regions {
		c := &call{srv: s, account: k.account, region: k.region, st: st, now: s.opts.Now().UTC(), requestID: newRequestID()}
		for _, name := range sortedAlarmNames(st) {
			c.evaluateAlarm(st.alarms[name])
		}
	}
}

// alarmMessage is the JSON CloudWatch publishes to SNS on a state change.
type alarmMessage struct {
	AlarmName        string       `json:"AlarmName"`
	AlarmDescription string       `json:"AlarmDescription"`
	AWSAccountID     string       `json:"AWSAccountId"`
	NewStateValue    string       `json:"NewStateValue"`
	NewStateReason   string       `json:"NewStateReason"`
	StateChangeTime  string       `json:"StateChangeTime"`
	Region           string       `json:"Region"`
	AlarmArn         string       `json:"AlarmArn"`
	OldStateValue    string       `json:"OldStateValue"`
	Trigger          alarmTrigger `json:"Trigger"`
}

type alarmTrigger struct {
	MetricName                       string      `json:"MetricName"`
	Namespace                        string      `json:"Namespace"`
	StatisticType                    string      `json:"StatisticType"`
	Statistic                        string      `json:"Statistic"`
	Unit                             string      `json:"Unit"`
	Dimensions                       []dimension `json:"Dimensions"`
	Period                           int32       `json:"Period"`
	EvaluationPeriods                int32       `json:"EvaluationPeriods"`
	ComparisonOperator               string      `json:"ComparisonOperator"`
	Threshold                        float64     `json:"Threshold"`
	TreatMissingData                 string      `json:"TreatMissingData"`
	EvaluateLowSampleCountPercentile string      `json:"EvaluateLowSampleCountPercentile"`
}

func (m alarmMessage) json() string {
	b, err := json.Marshal(m)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// regionLongName is the region's name as CloudWatch writes it in alarm
// notifications ("US East (N. Virginia)").
func regionLongName(code string) string {
	if n, ok := regionNames[code]; ok {
		return n
	}
	return code
}

var regionNames = map[string]string{
	"us-east-1": "US East (N. Virginia)", "us-east-2": "US East (Ohio)",
	"us-west-1": "US West (N. California)", "us-west-2": "US West (Oregon)",
	"eu-west-1": "EU (Ireland)", "eu-west-2": "EU (London)", "eu-west-3": "EU (Paris)",
	"eu-central-1": "EU (Frankfurt)", "eu-north-1": "EU (Stockholm)",
	"ap-southeast-1": "Asia Pacific (Singapore)", "ap-southeast-2": "Asia Pacific (Sydney)",
	"ap-northeast-1": "Asia Pacific (Tokyo)", "ap-south-1": "Asia Pacific (Mumbai)",
	"ca-central-1": "Canada (Central)", "sa-east-1": "South America (Sao Paulo)",
}
