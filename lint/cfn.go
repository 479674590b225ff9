package lint

import (
	"strings"
)

// isCloudFormation reports whether a parsed YAML/JSON document is a
// CloudFormation template (or a SAM template, or a template fragment that
// declares AWS resources).
func isCloudFormation(root *node) bool {
	if root == nil || root.kind != mapNode {
		return false
	}
	if root.get("AWSTemplateFormatVersion") != nil {
		return true
	}
	res := root.get("Resources")
	if res == nil || res.kind != mapNode {
		return false
	}
	for _, r := range res.vals {
		if t, ok := r.get("Type").scalar(); ok && strings.Contains(t, "::") {
			return true
		}
	}
	return false
}

// scanCloudFormation finds the patterns of AWS::Logs::MetricFilter and
// AWS::Logs::SubscriptionFilter resources and the metrics of
// AWS::CloudWatch::Alarm resources.
func scanCloudFormation(f *file, root *node) *scan {
	s := &scan{file: f}
	res := root.get("Resources")
	if res == nil || res.kind != mapNode {
		return s
	}
	for i, k := range res.keys {
		r := res.vals[i]
		if k == nil || r == nil {
			continue
		}
		typ, _ := r.get("Type").scalar()
		props := r.get("Properties")
		name := "Resources." + k.str.Value
		switch typ {
		case "AWS::Logs::MetricFilter", "AWS::Logs::SubscriptionFilter":
			fp := cfnString(props.get("FilterPattern"))
			if fp == nil {
				continue // a missing required property is cfn-lint's business
			}
			fd := &found{pattern: *fp, resource: name, use: UseSubscriptionFilter, logGroup: cfnString(props.get("LogGroupName"))}
			if typ == "AWS::Logs::MetricFilter" {
				fd.use = UseMetricFilter
				fd.metric = cfnMetric(props.get("MetricTransformations"), r.off)
			}
			s.patterns = append(s.patterns, fd)
		case "AWS::CloudWatch::Alarm":
			if props.get("Metrics") != nil {
				continue // metric math alarms name their metrics elsewhere
			}
			s.alarms = append(s.alarms, &alarmDef{
				resource:  name,
				name:      cfnString(props.get("MetricName")),
				namespace: cfnString(props.get("Namespace")),
				at:        k.off,
			})
		}
	}
	return s
}

// cfnMetric reads MetricTransformations (a list of exactly one in practice).
func cfnMetric(list *node, at int) *metricDef {
	if list == nil || list.kind != seqNode || len(list.items) == 0 || list.items[0] == nil {
		return nil
	}
	t := list.items[0]
	m := &metricDef{
		name:         cfnString(t.get("MetricName")),
		namespace:    cfnString(t.get("MetricNamespace")),
		value:        cfnString(t.get("MetricValue")),
		defaultValue: cfnString(t.get("DefaultValue")),
		unit:         cfnString(t.get("Unit")),
		at:           t.off,
		count:        len(list.items),
	}
	if dims := t.get("Dimensions"); dims != nil && dims.kind == seqNode {
		for _, d := range dims.items {
			m.dimensions = append(m.dimensions, dimension{key: cfnString(d.get("Key")), value: cfnString(d.get("Value"))})
		}
	}
	return m
}
