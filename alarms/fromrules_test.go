package alarms

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/rules"
)

// Every built-in set must deploy (names and tags AWS accepts) and audit
// (audit/controls_test.go), with any prefix and suffix users pass.
func TestEveryBuiltinSetDeploysAndAudits(t *testing.T) {
	for _, name := range rules.BuiltinNames() {
		t.Run(name, func(t *testing.T) {
			set, err := rules.Builtin(name)
			require.NoError(t, err)
			d, err := BuildDesired(set, DeployOptions{LogGroupName: "aws-controltower/CloudTrailLogs", Suffix: "-prod",
				Tags: map[string]string{"team": "security"}})
			require.NoError(t, err)
			require.NoError(t, d.Validate())
			assert.Len(t, d.Filters, len(set.Rules))
			assert.Len(t, d.Alarms, len(set.Rules))
			for i, a := range d.Alarms {
				assert.Equal(t, d.Filters[i].MetricName, a.MetricName, "alarm and filter share the metric")
				assert.Equal(t, d.Filters[i].MetricNamespace, a.Namespace)
				assert.Equal(t, []string{TopicToken}, a.AlarmActions)
				assert.True(t, Owned(a.Tags))
			}
		})
	}
}

func TestBuildDesiredOptions(t *testing.T) {
	set, err := rules.Builtin("cis-1.2")
	require.NoError(t, err)
	d, err := BuildDesired(set, DeployOptions{LogGroupName: "g", Prefix: "acme-", Namespace: "LogMetrics", NoTopic: true, Disable: []string{set.Rules[0].ID}})
	require.NoError(t, err)
	assert.Len(t, d.Filters, len(set.Rules)-1)
	assert.Nil(t, d.Topic)
	for _, a := range d.Alarms {
		assert.Empty(t, a.AlarmActions)
		assert.Equal(t, "LogMetrics", a.Namespace)
		assert.Regexp(t, "^acme-", a.Name)
	}
	_, err = BuildDesired(set, DeployOptions{Tags: map[string]string{"cwpat:rule-id": "x"}})
	assert.ErrorContains(t, err, "cwpat's own bookkeeping")
	_, err = BuildDesired(set, DeployOptions{Tags: map[string]string{"aws:x": "y"}})
	assert.ErrorContains(t, err, "reserved for AWS")
	all := append([]string(nil), set.IDs()...)
	_, err = BuildDesired(set, DeployOptions{Disable: all})
	assert.ErrorContains(t, err, "no rule left to deploy")
}
