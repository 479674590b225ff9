package awslimits

// CloudWatch alarm limits (PutMetricAlarm).

// AlarmEvaluationMaxSeconds is the longest an alarm may look back, in
// seconds: EvaluationPeriods x Period may not exceed it. PutMetricAlarm's
// reference (Period): "An alarm's total current evaluation period can be no
// longer than seven days, so Period multiplied by EvaluationPeriods can't be
// more than 604,800 seconds. For alarms with a period of less than one hour
// (3,600 seconds), the total evaluation period can't be longer than one day
// (86,400 seconds)."
func AlarmEvaluationMaxSeconds(period int) int {
	if period >= 3600 {
		return 7 * 86400
	}
	return 86400
}

// AlarmEvaluationSpanMessage is the message of PutMetricAlarm's
// ValidationError for an alarm whose EvaluationPeriods x Period exceeds
// AlarmEvaluationMaxSeconds(period), as quoted from refused deploys in public
// Terraform code ("Metrics cannot be checked across more than a week
// (EvaluationPeriods * Period must be <= 604800) for alarms using period >=
// 3600", and its one-day twin).
func AlarmEvaluationSpanMessage(period int) string {
	if period >= 3600 {
		return "Metrics cannot be checked across more than a week (EvaluationPeriods * Period must be <= 604800) for alarms using period >= 3600"
	}
	return "Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400) for alarms using period < 3600"
}
