package alarms

import (
	"cmp"
	"sort"
	"strconv"
	"strings"
)

// Field is one named attribute of a resource, rendered as text so that the
// plan can compare and print any resource the same way.
type Field struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// FieldDiff is one attribute that a change sets, alters or removes.
type FieldDiff struct {
	Name string `json:"name"`
	Old  string `json:"old,omitempty"`
	New  string `json:"new,omitempty"`
}

// KnownAfterApply is shown for values AWS assigns on create.
const KnownAfterApply = "(known after apply)"

func filterFields(f *MetricFilter) []Field {
	fs := []Field{
		{"log_group_name", f.LogGroupName},
		{"filter_pattern", f.Pattern},
		{"metric_name", f.MetricName},
		{"metric_namespace", f.MetricNamespace},
		{"metric_value", f.MetricValue},
		{"default_value", floatPtr(f.DefaultValue)},
		{"unit", unit(f.Unit)},
		{"dimensions", FormatDimensions(f.Dimensions)},
	}
	return fs
}

// tagFields expands tags into one field per key ("tags.team"), so a plan
// shows the one tag that changes rather than the whole set.
func tagFields(tags map[string]string) []Field {
	var out []Field
	for _, k := range sortedKeys(tags) {
		out = append(out, Field{"tags." + k, tags[k]})
	}
	return out
}

// alarmFields renders an alarm, with AWS's defaults filled in, so that an
// unset value and the default AWS reports back compare equal (a deploy must
// plan nothing the second time, whatever DescribeAlarms echoes).
func alarmFields(a *Alarm, topicARN string) []Field {
	treat := a.TreatMissingData
	if treat == "" {
		treat = "missing"
	}
	m := a.DatapointsToAlarm
	if m == 0 {
		m = a.EvaluationPeriods
	}
	return append([]Field{
		{"description", a.Description},
		{"metric_name", a.MetricName},
		{"namespace", a.Namespace},
		{"statistic", cmp.Or(a.ExtendedStatistic, string(a.Statistic))},
		{"period", strconv.Itoa(int(a.Period))},
		{"evaluation_periods", strconv.Itoa(int(a.EvaluationPeriods))},
		{"datapoints_to_alarm", int32Opt(int32(m))},
		{"threshold", formatFloat(a.Threshold)},
		{"comparison_operator", string(a.ComparisonOperator)},
		{"treat_missing_data", string(treat)},
		{"unit", unit(a.Unit)},
		{"dimensions", FormatDimensions(a.Dimensions)},
		{"actions_enabled", strconv.FormatBool(a.ActionsEnabled)},
		{"alarm_actions", listString(resolveTopic(a.AlarmActions, topicARN))},
		{"ok_actions", listString(resolveTopic(a.OKActions, topicARN))},
	}, tagFields(a.Tags)...)
}

// diffFields lists the fields whose values differ; old == nil means create
// (every non-empty new field is listed), new == nil means delete.
func diffFields(old, new []Field) []FieldDiff {
	var out []FieldDiff
	switch {
	case old == nil:
		for _, f := range new {
			if f.Value != "" {
				out = append(out, FieldDiff{Name: f.Name, New: f.Value})
			}
		}
	case new == nil:
		for _, f := range old {
			if f.Value != "" {
				out = append(out, FieldDiff{Name: f.Name, Old: f.Value})
			}
		}
	default:
		was := map[string]string{}
		for _, f := range old {
			was[f.Name] = f.Value
		}
		seen := map[string]bool{}
		for _, f := range new {
			seen[f.Name] = true
			if was[f.Name] != f.Value {
				out = append(out, FieldDiff{Name: f.Name, Old: was[f.Name], New: f.Value})
			}
		}
		for _, f := range old {
			if !seen[f.Name] && f.Value != "" {
				out = append(out, FieldDiff{Name: f.Name, Old: f.Value})
			}
		}
	}
	return out
}

// unit treats "None", which AWS may echo for no unit, as no unit.
func unit(u string) string {
	if u == "None" {
		return ""
	}
	return u
}

func resolveTopic(actions []string, topicARN string) []string {
	out := make([]string, len(actions))
	for i, a := range actions {
		if a == TopicToken {
			if topicARN == "" {
				a = KnownAfterApply
			} else {
				a = topicARN
			}
		}
		out[i] = a
	}
	return out
}

func floatPtr(f *float64) string {
	if f == nil {
		return ""
	}
	return formatFloat(*f)
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func int32Opt(v int32) string {
	if v == 0 {
		return ""
	}
	return strconv.Itoa(int(v))
}

// FormatDimensions renders dimensions (or any string map) as {k=v, ...} in
// key order, "" when empty: the one spelling plans and audit findings use.
func FormatDimensions(m map[string]string) string {
	if len(m) == 0 {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k + "=" + m[k])
	}
	b.WriteByte('}')
	return b.String()
}

// listString renders a list as [a, b] ("" when empty), sorted: AWS does not
// promise to keep the order of alarm actions.
func listString(l []string) string {
	if len(l) == 0 {
		return ""
	}
	s := append([]string(nil), l...)
	sort.Strings(s)
	return "[" + strings.Join(s, ", ") + "]"
}
