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

// checkEvaluationSpan reports an alarm that looks back further than
// MaxEvaluationSeconds allows.
func checkEvaluationSpan(evaluationPeriods, period int) error {
	limit := MaxEvaluationSeconds(period)
	span := int64(evaluationPeriods) * int64(period)
	if span <= int64(limit) {
		return nil
	}
	if period >= 3600 {
		return fmt.Errorf("evaluationPeriods x period = %d seconds exceeds %d seconds (7 days)", span, limit)
	}
	return fmt.Errorf("evaluationPeriods x period = %d seconds exceeds %d seconds (1 day for periods shorter than an hour)", span, limit)
}
