package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/alarms"
)

// A plan with every kind of change, and values that need HCL's quoting: a
// pattern with quotes, a backslash and ${...}, numbers and booleans.
func samplePlan() *alarms.Plan {
	return &alarms.Plan{
		LogGroupName: "CloudTrail/Logs",
		TopicARN:     "arn:aws:sns:us-east-1:111122223333:cwpat-alarms",
		Changes: []alarms.Change{
			{Type: alarms.TypeAlarm, Name: "cwpat-RootUsage", Action: alarms.Update, RuleID: "root-usage",
				Fields: []alarms.FieldDiff{{Name: "threshold", Old: "1", New: "2"}, {Name: "evaluation_periods", Old: "1", New: "3"}}},
			{Type: alarms.TypeFilter, Name: "cwpat-RootUsage", Action: alarms.Update, RuleID: "root-usage",
				Fields: []alarms.FieldDiff{{Name: "filter_pattern",
					Old: `{ $.userIdentity.type = "Root" }`,
					New: `{ $.userIdentity.type = "Root" && $.requestParameters.path = "C:\${x}" }`}}},
			{Type: alarms.TypeAlarm, Name: "cwpat-New", Action: alarms.Create, RuleID: "vpc-changes",
				Fields: []alarms.FieldDiff{{Name: "metric_name", New: "VpcEventCount"}, {Name: "period", New: "300"},
					{Name: "threshold", New: "1.5"}, {Name: "actions_enabled", New: "true"},
					{Name: "alarm_actions", New: "[" + alarms.KnownAfterApply + "]"}}},
			{Type: alarms.TypeFilter, Name: "cwpat-Old", Action: alarms.Delete,
				Fields: []alarms.FieldDiff{{Name: "metric_value", Old: "1"}, {Name: "default_value", Old: "0"}}},
			{Type: alarms.TypeAlarm, Name: "cwpat-Same", Action: alarms.NoOp, Note: "already as the rule set wants it"},
			{Type: alarms.TypeAlarm, Name: "cwpat-Theirs", Action: alarms.Foreign, Blocking: true, RuleID: "nacl-changes",
				Note: "an alarm with this name exists without the managed-by=cwpat tag"},
		},
		Warnings: []string{"the topic has no confirmed subscription: nobody is notified"},
	}
}

func TestPlanTextIsHCLLike(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, writePlanText(&b, samplePlan()))
	got := b.String()
	path := filepath.Join("testdata", "plan", "plan.txt")
	if *update {
		require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), got)

	assert.Contains(t, got, `~ threshold          = 1 -> 2`)
	assert.Contains(t, got, `~ filter_pattern = "{ $.userIdentity.type = \"Root\" }" -> "{ $.userIdentity.type = \"Root\" && $.requestParameters.path = \"C:\\$${x}\" }"`)
	assert.Contains(t, got, `+ actions_enabled = true`)
	assert.Contains(t, got, `+ alarm_actions   = [(known after apply)]`)
	assert.Contains(t, got, `- metric_value  = "1"`, "metric values are strings in PutMetricFilter")
	assert.Contains(t, got, `- default_value = 0`)
	assert.Contains(t, got, "1 resource with a cwpat name is not managed by cwpat; its rule is skipped.")
}

func TestHCLString(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:         `"plain"`,
		`say "hi"`:      `"say \"hi\""`,
		`a\b`:           `"a\\b"`,
		"two\nlines\t.": `"two\nlines\t."`,
		`${var} %{if}`:  `"$${var} %%{if}"`,
		`$.eventName`:   `"$.eventName"`,
		"\x01":          `"\u0001"`,
	} {
		assert.Equal(t, want, hclString(in), in)
	}
}
