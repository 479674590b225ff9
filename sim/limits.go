package sim

import (
	"fmt"

	"github.com/cwpat/cwpat/awslimits"
)

// checkEvaluationSpan reports an alarm that looks back further than AWS
// allows (awslimits.AlarmEvaluationMaxSeconds), in AWS's words.
func checkEvaluationSpan(evaluationPeriods, period int) error {
	if span := int64(evaluationPeriods) * int64(period); span > int64(awslimits.AlarmEvaluationMaxSeconds(period)) {
		return fmt.Errorf("evaluationPeriods x period = %d seconds: %s", span, awslimits.AlarmEvaluationSpanMessage(period))
	}
	return nil
}
