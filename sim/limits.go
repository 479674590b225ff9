package sim

import "fmt"

// MaxEvaluationSeconds is the longest an alarm may look back, in seconds:
// EvaluationPeriods x Period may not exceed it. PutMetricAlarm's reference
// (Period): "An alarm's total current evaluation period can be no longer
// than seven days, so Period multiplied by EvaluationPeriods can't be more
// than 604,800 seconds. For alarms with a period of less than one hour (3,600
// seconds), the total evaluation period can't be longer than one day (86,400
// seconds)." This is the one place cwpat encodes that rule: sim's validation
// and the local endpoint's PutMetricAlarm both use it.
func MaxEvaluationSeconds(period int) int {
	if period >= 3600 {
		return 7 * 86400
	}
	return 86400
}

// EvaluationSpanMessage is the message of AWS's ValidationError for an
// alarm whose EvaluationPeriods x Period exceeds MaxEvaluationSeconds(period),
// as PutMetricAlarm answers it (quoted from refused deploys in public
// Terraform code: "Metrics cannot be checked across more than a week
// (EvaluationPeriods * Period must be <= 604800) for alarms using period >=
// 3600", and its one-day twin).
func EvaluationSpanMessage(period int) string {
	if period >= 3600 {
		return "Metrics cannot be checked across more than a week (EvaluationPeriods * Period must be <= 604800) for alarms using period >= 3600"
	}
	return "Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400) for alarms using period < 3600"
}

// checkEvaluationSpan reports an alarm that looks back further than
// MaxEvaluationSeconds allows.
func checkEvaluationSpan(evaluationPeriods, period int) error {
	if span := int64(evaluationPeriods) * int64(period); span > int64(MaxEvaluationSeconds(period)) {
		return fmt.Errorf("evaluationPeriods x period = %d seconds: %s", span, EvaluationSpanMessage(period))
	}
	return nil
}
