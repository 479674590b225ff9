package awslimits

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// PutMetricAlarm's reference: one day below an hour's period, seven days
// from an hour on.
func TestAlarmEvaluationMaxSeconds(t *testing.T) {
	assert.Equal(t, 86400, AlarmEvaluationMaxSeconds(60))
	assert.Equal(t, 86400, AlarmEvaluationMaxSeconds(3540))
	assert.Equal(t, 604800, AlarmEvaluationMaxSeconds(3600))
	assert.Contains(t, AlarmEvaluationSpanMessage(300), "<= 86400) for alarms using period < 3600")
	assert.Contains(t, AlarmEvaluationSpanMessage(3600), "<= 604800) for alarms using period >= 3600")
}
