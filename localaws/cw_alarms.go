package localaws

import (
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/cwpat/cwpat/awslimits"
)

// CloudWatch: metric alarms.

const (
	stateOK               = "OK"
	stateAlarm            = "ALARM"
	stateInsufficientData = "INSUFFICIENT_DATA"
	maxAlarmActions       = 5
	maxAlarmsPage         = 100
	defaultAlarmsPage     = 50
)

var comparisonOperators = []string{"GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold",
	"LessThanOrEqualToThreshold", "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold",
	"GreaterThanUpperThreshold"}

var treatMissingValues = []string{"breaching", "notBreaching", "ignore", "missing"}

func oneOf(s string, set []string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

func (r *region) alarmARN(name string) string { return r.arn("cloudwatch", "alarm:"+name) }

func putMetricAlarm(c *call, in *putMetricAlarmIn) (any, error) {
	switch {
	case in.AlarmName == nil:
		return nil, cwMissing("AlarmName")
	case in.EvaluationPeriods == nil:
		return nil, cwMissing("EvaluationPeriods")
	case in.ComparisonOperator == nil:
		return nil, cwMissing("ComparisonOperator")
	}
	var v violations
	if v.length(*in.AlarmName, "alarmName", 1, 255) {
		v.noControlChars(*in.AlarmName, "alarmName")
	}
	v.length(in.AlarmDescription, "alarmDescription", 0, 1024)
	v.rangeInt(int64(*in.EvaluationPeriods), "evaluationPeriods", 1, 1<<31-1)
	if in.DatapointsToAlarm != nil {
		v.rangeInt(int64(*in.DatapointsToAlarm), "datapointsToAlarm", 1, 1<<31-1)
	}
	if !oneOf(*in.ComparisonOperator, comparisonOperators) {
		v.add(*in.ComparisonOperator, "comparisonOperator", "Member must satisfy enum value set: "+listString(comparisonOperators))
	}
	if in.Statistic != "" && !isStatistic(in.Statistic) {
		v.add(in.Statistic, "statistic", "Member must satisfy enum value set: "+listString(basicStatistics))
	}
	if in.Unit != "" && !validUnit(in.Unit) {
		v.add(in.Unit, "unit", "Member must satisfy enum value set: "+listString(units))
	}
	if in.TreatMissingData != "" {
		v.length(in.TreatMissingData, "treatMissingData", 1, 255)
	}
	for field, actions := range map[string][]string{"oKActions": in.OKActions, "alarmActions": in.AlarmActions, "insufficientDataActions": in.InsufficientDataActions} {
		if len(actions) > maxAlarmActions {
			v.add(listString(actions), field, "Member must have length less than or equal to 5")
		}
	}
	checkDimensions(&v, in.Dimensions, "dimensions")
	if in.Namespace != "" {
		checkNamespace(&v, in.Namespace, "namespace")
	}
	if in.MetricName != "" {
		v.length(in.MetricName, "metricName", 1, 255)
	}
	if err := v.cwErr(); err != nil {
		return nil, err
	}
	if err := checkAlarmMetric(in); err != nil {
		return nil, err
	}
	if in.TreatMissingData != "" && !oneOf(in.TreatMissingData, treatMissingValues) {
		return nil, cwInvalidValue("The value %s for parameter TreatMissingData is invalid.", in.TreatMissingData)
	}
	if in.DatapointsToAlarm != nil && *in.DatapointsToAlarm > *in.EvaluationPeriods {
		return nil, cwInvalidValue("DatapointsToAlarm must be less than or equal to EvaluationPeriods.")
	}
	for _, actions := range [][]string{in.AlarmActions, in.OKActions, in.InsufficientDataActions} {
		for _, a := range actions {
			if err := checkAlarmAction(c, a); err != nil {
				return nil, err
			}
		}
	}
	if err := checkCWTags(in.Tags); err != nil {
		return nil, err
	}

	a := c.st.alarms[*in.AlarmName]
	isNew := a == nil
	if isNew {
		a = &alarm{metricAlarm: metricAlarm{
			AlarmName: *in.AlarmName, AlarmArn: c.st.alarmARN(*in.AlarmName),
			StateValue: stateInsufficientData, StateReason: "Unchecked: Initial alarm creation",
			StateUpdatedTimestamp: c.now, StateTransitionedTimestamp: c.now,
		}}
	}
	// An update keeps the state; evaluation restarts from now.
	a.evaluated = c.now
	m := &a.metricAlarm
	m.AlarmDescription = in.AlarmDescription
	m.AlarmConfigurationUpdatedTimestamp = c.now
	m.ActionsEnabled = in.ActionsEnabled == nil || *in.ActionsEnabled
	m.OKActions, m.AlarmActions, m.InsufficientDataActions = nonNil(in.OKActions), nonNil(in.AlarmActions), nonNil(in.InsufficientDataActions)
	m.MetricName, m.Namespace, m.Statistic, m.ExtendedStatistic = in.MetricName, in.Namespace, in.Statistic, in.ExtendedStatistic
	m.Dimensions = in.Dimensions
	if m.Dimensions == nil {
		m.Dimensions = []dimension{}
	}
	m.Period, m.Unit, m.EvaluationPeriods, m.DatapointsToAlarm = in.Period, in.Unit, *in.EvaluationPeriods, in.DatapointsToAlarm
	m.Threshold, m.ComparisonOperator, m.TreatMissingData = in.Threshold, *in.ComparisonOperator, in.TreatMissingData
	m.EvaluateLowSampleCountPercentile, m.Metrics, m.ThresholdMetricID = in.EvaluateLowSampleCountPercentile, in.Metrics, in.ThresholdMetricID
	c.st.alarms[m.AlarmName] = a
	c.st.nextEval = time.Time{} // the new settings may bring a boundary closer
	verb, kind := "updated", "Update"
	if isNew {
		verb, kind = "created", "Create"
	}
	c.st.remember(m.AlarmName, "ConfigurationUpdate", "Alarm \""+m.AlarmName+"\" "+verb, configurationUpdate(kind, m), c.now)
	if len(in.Tags) > 0 {
		tags := c.st.cwTags[m.AlarmArn]
		if tags == nil {
			tags = map[string]string{}
		}
		for _, t := range in.Tags {
			tags[t.Key] = t.Value
		}
		c.st.cwTags[m.AlarmArn] = tags
	}
	return nil, nil
}

// checkAlarmMetric checks that the alarm names one metric with one statistic,
// or a metric-math list, as AWS requires.
func checkAlarmMetric(in *putMetricAlarmIn) error {
	if len(in.Metrics) > 0 {
		if in.MetricName != "" || in.Namespace != "" || in.Statistic != "" || in.ExtendedStatistic != "" || len(in.Dimensions) > 0 || in.Period != nil {
			return cwInvalidCombination("The parameters MetricName, Namespace, Statistic, ExtendedStatistic, Dimensions and Period cannot be specified together with Metrics.")
		}
		return cwInvalidValue("cwpat's local endpoint does not evaluate metric math alarms (Metrics).")
	}
	if in.ThresholdMetricID != "" {
		return cwInvalidCombination("ThresholdMetricId can only be used together with Metrics.")
	}
	switch {
	case in.MetricName == "":
		return cwMissing("MetricName")
	case in.Namespace == "":
		return cwMissing("Namespace")
	case in.Period == nil:
		return cwMissing("Period")
	case in.Threshold == nil:
		return cwMissing("Threshold")
	}
	if (in.Statistic == "") == (in.ExtendedStatistic == "") {
		return cwInvalidCombination("Exactly one of the parameters Statistic and ExtendedStatistic must be specified.")
	}
	if in.ExtendedStatistic != "" {
		return cwInvalidValue("cwpat's local endpoint does not evaluate percentile (ExtendedStatistic) alarms.")
	}
	if p := *in.Period; p < 10 || (p%60 != 0 && p != 10 && p != 20 && p != 30) {
		return cwInvalidValue("The parameter Period must be 10, 20, 30, or a multiple of 60 for an alarm.")
	}
	if !oneOf(*in.ComparisonOperator, comparisonOperators[:4]) {
		return cwInvalidCombination("The comparison operator %s is only valid for anomaly detection alarms, which need Metrics and ThresholdMetricId.", *in.ComparisonOperator)
	}
	if p := int(*in.Period); int64(p)*int64(*in.EvaluationPeriods) > int64(awslimits.AlarmEvaluationMaxSeconds(p)) {
		return &awsError{Code: "ValidationException", QueryCode: "ValidationError", Status: 400, Message: awslimits.AlarmEvaluationSpanMessage(p)}
	}
	return nil
}

// checkAlarmAction accepts SNS topic ARNs and the automate actions of AWS
// (EC2 stop/terminate/reboot/recover, autoscaling, ssm); anything else is
// refused with AWS's message.
func checkAlarmAction(c *call, action string) error {
	parts := strings.SplitN(action, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return cwInvalidValue("Invalid arn syntax: %s", action)
	}
	switch parts[2] {
	case "sns", "automate", "autoscaling", "ssm", "ssm-incidents", "swf", "lambda":
	default:
		return cwInvalidValue("Invalid alarm action: %s", action)
	}
	if parts[2] == "sns" && parts[3] != c.region {
		return cwInvalidValue("Invalid region %s specified. Only %s is supported.", parts[3], c.region)
	}
	return nil
}

func nonNil(s []string) []string {
	return append([]string{}, s...)
}

func describeAlarms(c *call, in *describeAlarmsIn) (any, error) {
	var v violations
	limit := int64(defaultAlarmsPage)
	if in.MaxRecords != nil {
		limit = int64(*in.MaxRecords)
		v.rangeInt(limit, "maxRecords", 1, maxAlarmsPage)
	}
	if len(in.AlarmNames) > 100 {
		v.add(listString(in.AlarmNames), "alarmNames", "Member must have length less than or equal to 100")
	}
	if in.StateValue != "" && !oneOf(in.StateValue, []string{stateOK, stateAlarm, stateInsufficientData}) {
		v.add(in.StateValue, "stateValue", "Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]")
	}
	if err := v.cwErr(); err != nil {
		return nil, err
	}
	if len(in.AlarmNames) > 0 && in.AlarmNamePrefix != "" {
		return nil, cwInvalidCombination("AlarmNames and AlarmNamePrefix cannot be specified together.")
	}
	wantMetric := len(in.AlarmTypes) == 0 || oneOf("MetricAlarm", in.AlarmTypes)
	for _, t := range in.AlarmTypes {
		if t != "MetricAlarm" && t != "CompositeAlarm" {
			return nil, cwInvalidValue("The value %s for parameter AlarmTypes is invalid.", t)
		}
	}
	names := map[string]bool{}
	for _, n := range in.AlarmNames {
		names[n] = true
	}
	var found []metricAlarm
	for _, a := range c.st.alarms {
		m := a.metricAlarm
		switch {
		case !wantMetric:
		case len(names) > 0 && !names[m.AlarmName]:
		case !strings.HasPrefix(m.AlarmName, in.AlarmNamePrefix):
		case in.StateValue != "" && m.StateValue != in.StateValue:
		case in.ActionPrefix != "" && !hasActionPrefix(m, in.ActionPrefix):
		default:
			found = append(found, m)
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].AlarmName < found[j].AlarmName })
	page, next, err := paginate(found, in.NextToken, int(limit), cwInvalidNextToken())
	if err != nil {
		return nil, err
	}
	if page == nil {
		page = []metricAlarm{}
	}
	return &describeAlarmsOut{MetricAlarms: page, CompositeAlarms: []struct{}{}, NextToken: next}, nil
}

func hasActionPrefix(m metricAlarm, prefix string) bool {
	for _, l := range [][]string{m.AlarmActions, m.OKActions, m.InsufficientDataActions} {
		for _, a := range l {
			if strings.HasPrefix(a, prefix) {
				return true
			}
		}
	}
	return false
}

func describeAlarmsForMetric(c *call, in *describeAlarmsForMetricIn) (any, error) {
	switch {
	case in.MetricName == nil:
		return nil, cwMissing("MetricName")
	case in.Namespace == nil:
		return nil, cwMissing("Namespace")
	}
	want := metricID(*in.Namespace, *in.MetricName, dimsMap(in.Dimensions))
	var found []metricAlarm
	for _, a := range c.st.alarms {
		m := a.metricAlarm
		switch {
		case m.Namespace != *in.Namespace || m.MetricName != *in.MetricName:
		case len(in.Dimensions) > 0 && metricID(m.Namespace, m.MetricName, dimsMap(m.Dimensions)) != want:
		case in.Statistic != "" && m.Statistic != in.Statistic:
		case in.ExtendedStatistic != "" && m.ExtendedStatistic != in.ExtendedStatistic:
		case in.Period != nil && (m.Period == nil || *m.Period != *in.Period):
		case in.Unit != "" && m.Unit != in.Unit:
		default:
			found = append(found, m)
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].AlarmName < found[j].AlarmName })
	if found == nil {
		found = []metricAlarm{}
	}
	return &metricAlarmsOut{MetricAlarms: found}, nil
}

// checkAlarmNames applies DeleteAlarms' (and Enable/DisableAlarmActions')
// rule for AlarmNames: required, at most 100.
func checkAlarmNames(names []string) error {
	if len(names) == 0 {
		return cwMissing("AlarmNames")
	}
	if len(names) > 100 {
		var v violations
		v.add(listString(names), "alarmNames", "Member must have length less than or equal to 100")
		return v.cwErr()
	}
	return nil
}

// deleteAlarms deletes the named alarms that exist. Names of alarms that do
// not exist are no error: "If you specify any incorrect alarm names, the
// alarms you specify with correct names are still deleted" (API reference).
func deleteAlarms(c *call, in *alarmNamesIn) (any, error) {
	if err := checkAlarmNames(in.AlarmNames); err != nil {
		return nil, err
	}
	for _, n := range in.AlarmNames {
		if a := c.st.alarms[n]; a != nil {
			delete(c.st.cwTags, a.AlarmArn)
			delete(c.st.alarms, n)
			c.st.remember(n, "ConfigurationUpdate", "Alarm \""+n+"\" deleted", configurationUpdate("Delete", &a.metricAlarm), c.now)
		}
	}
	return nil, nil
}

// setActionsEnabled is EnableAlarmActions and DisableAlarmActions: names
// that do not exist are ignored, as DeleteAlarms ignores them.
func setActionsEnabled(enabled bool) func(c *call, in *alarmNamesIn) (any, error) {
	return func(c *call, in *alarmNamesIn) (any, error) {
		if err := checkAlarmNames(in.AlarmNames); err != nil {
			return nil, err
		}
		for _, n := range in.AlarmNames {
			if a := c.st.alarms[n]; a != nil {
				a.ActionsEnabled = enabled
			}
		}
		return nil, nil
	}
}

func setAlarmState(c *call, in *setAlarmStateIn) (any, error) {
	switch {
	case in.AlarmName == nil:
		return nil, cwMissing("AlarmName")
	case in.StateValue == nil:
		return nil, cwMissing("StateValue")
	case in.StateReason == nil:
		return nil, cwMissing("StateReason")
	}
	var v violations
	if !oneOf(*in.StateValue, []string{stateOK, stateAlarm, stateInsufficientData}) {
		v.add(*in.StateValue, "stateValue", "Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]")
	}
	v.length(*in.StateReason, "stateReason", 0, 1023)
	v.length(in.StateReasonData, "stateReasonData", 0, 4000)
	if err := v.cwErr(); err != nil {
		return nil, err
	}
	if in.StateReasonData != "" && !json.Valid([]byte(in.StateReasonData)) {
		return nil, cwInvalidFormat()
	}
	a := c.st.alarms[*in.AlarmName]
	if a == nil {
		// AWS answers with an empty message (localstack's AWS-validated
		// snapshot test_set_alarm_invalid_input, 2025-09-22).
		return nil, cwNotFound("")
	}
	c.transition(a, *in.StateValue, *in.StateReason, in.StateReasonData, c.now)
	return nil, nil
}
