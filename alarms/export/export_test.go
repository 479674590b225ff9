package export

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/sim"
)

func fixture() *alarms.Desired {
	zero := 0.0
	d := &alarms.Desired{LogGroupName: "CloudTrail/Logs", Prefix: "cwpat-", RuleSet: "cis-5.0",
		Topic:         &alarms.Topic{Name: "cwpat-alarms", KMSKeyID: "alias/cwpat-sns"},
		Subscriptions: []alarms.Subscription{{Protocol: "email", Endpoint: "sec@example.com"}},
		Tags:          map[string]string{"team": "security"}}
	for _, r := range []struct{ id, name, pattern string }{
		{"root-usage", "RootUsage", `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`},
		// A pattern with "${" proves Terraform escaping.
		{"4.5", "CloudTrailCfgChanges", `{ ($.eventName = CreateTrail) || ($.requestParameters.name = "${literal}") }`},
	} {
		f := alarms.MetricFilter{LogGroupName: d.LogGroupName, Name: "cwpat-" + r.name, Pattern: r.pattern,
			MetricName: r.name, MetricNamespace: "CISBenchmark", MetricValue: "1", DefaultValue: &zero, RuleID: r.id}
		d.Filters = append(d.Filters, f)
		d.Alarms = append(d.Alarms, alarms.Alarm{Name: "cwpat-" + r.name, Description: "CIS " + r.id, MetricName: r.name,
			Namespace: "CISBenchmark", Alarm: sim.Alarm{Statistic: "Sum", Period: 300, EvaluationPeriods: 1, Threshold: 1,
				ComparisonOperator: "GreaterThanOrEqualToThreshold", TreatMissingData: "notBreaching"}, ActionsEnabled: true,
			AlarmActions: []string{alarms.TopicToken},
			Tags:         map[string]string{alarms.TagManagedBy: alarms.ManagedByValue, alarms.TagRuleID: r.id, "team": "security"},
			RuleID:       r.id, FilterName: f.Name})
	}
	return d
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if os.Getenv("CWPAT_UPDATE_GOLDEN") != "" {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run with CWPAT_UPDATE_GOLDEN=1")
	assert.Equal(t, string(want), string(got))
}

func TestCloudFormationGolden(t *testing.T) {
	d := fixture()
	j, err := CloudFormation(d, JSON, Options{EmailParameter: true})
	require.NoError(t, err)
	golden(t, "cloudformation.json", j)
	y, err := CloudFormation(d, YAML, Options{EmailParameter: true})
	require.NoError(t, err)
	golden(t, "cloudformation.yaml", y)

	// The YAML and JSON forms are the same template.
	var fromJSON, fromYAML any
	require.NoError(t, json.Unmarshal(j, &fromJSON))
	require.NoError(t, yaml.Unmarshal(y, &fromYAML))
	assert.Equal(t, fromJSON, normalise(fromYAML))

	tpl := fromJSON.(map[string]any)
	res := tpl["Resources"].(map[string]any)
	filter := res["RootUsageMetricFilter"].(map[string]any)["Properties"].(map[string]any)
	assert.Equal(t, d.Filters[0].Pattern, filter["FilterPattern"], "patterns are copied verbatim")
	assert.Equal(t, map[string]any{"Ref": "LogGroupName"}, filter["LogGroupName"])
	alarm := res["RootUsageAlarm"].(map[string]any)["Properties"].(map[string]any)
	assert.Equal(t, []any{map[string]any{"Ref": "AlarmTopic"}}, alarm["AlarmActions"])
	assert.NotContains(t, string(j), alarms.TagManagedBy, "a stack's resources must not look owned by cwpat")
	assert.Contains(t, string(j), "cloudwatch.amazonaws.com")
}

// normalise turns YAML's map[string]any / int into JSON's shapes.
func normalise(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = normalise(e)
		}
		return t
	case []any:
		for i, e := range t {
			t[i] = normalise(e)
		}
		return t
	case int:
		return float64(t)
	}
	return v
}

func TestTerraformGolden(t *testing.T) {
	d := fixture()
	out, err := Terraform(d, Options{EmailParameter: true})
	require.NoError(t, err)
	golden(t, "cwpat.tf.json", out)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(out, &doc))
	filters := doc["resource"].(map[string]any)["aws_cloudwatch_log_metric_filter"].(map[string]any)
	require.Contains(t, filters, "r_4_5", "names that start with a digit get a prefix")
	assert.Equal(t, `{ ($.eventName = CreateTrail) || ($.requestParameters.name = "$${literal}") }`, filters["r_4_5"].(map[string]any)["pattern"])
	assert.NotContains(t, string(out), alarms.TagManagedBy)
}

func TestNoTopicMeansNoActions(t *testing.T) {
	d := fixture()
	d.Topic = nil
	for i := range d.Alarms {
		d.Alarms[i].AlarmActions = nil
	}
	cf, err := CloudFormation(d, JSON, Options{EmailParameter: true})
	require.NoError(t, err)
	assert.NotContains(t, string(cf), "AWS::SNS::")
	assert.NotContains(t, string(cf), "NotificationEmail")
	tf, err := Terraform(d, Options{})
	require.NoError(t, err)
	assert.NotContains(t, string(tf), "aws_sns_topic")
	_, err = CloudFormation(d, Format("xml"), Options{})
	assert.ErrorContains(t, err, `unknown format "xml"`)
}

func TestNoLogGroupMeansARequiredParameter(t *testing.T) {
	d := fixture()
	d.LogGroupName = ""
	cf, err := CloudFormation(d, JSON, Options{})
	require.NoError(t, err)
	var tpl struct{ Parameters map[string]map[string]any }
	require.NoError(t, json.Unmarshal(cf, &tpl))
	assert.NotContains(t, tpl.Parameters["LogGroupName"], "Default")
	tf, err := Terraform(d, Options{})
	require.NoError(t, err)
	var doc struct{ Variable map[string]map[string]any }
	require.NoError(t, json.Unmarshal(tf, &doc))
	assert.NotContains(t, doc.Variable["log_group_name"], "default")
}

func TestIdentifiersAreUnique(t *testing.T) {
	rs := []rule{{id: "cis-4.1"}, {id: "cis 4 1"}, {id: "..."}}
	assert.Equal(t, []string{"Cis41", "Cis412", "Rule"}, identifiers(rs, camel))
	assert.Equal(t, []string{"cis_4_1", "cis_4_12", "rule"}, identifiers(rs, snake))
	assert.True(t, strings.HasPrefix(snake("5.1"), "r_"))
}
