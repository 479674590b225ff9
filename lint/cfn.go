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
			fd := &found{pattern: *fp, resource: name, use: UseSubscriptionFilter, logGroup: cfnString(props.get("LogGroupName")),
				logGroupRef: cfnRef(props.get("LogGroupName"))}
			if typ == "AWS::Logs::MetricFilter" {
				fd.use = UseMetricFilter
				fd.metric = cfnMetric(props.get("MetricTransformations"), r.off)
			}
			s.patterns = append(s.patterns, fd)
		case "AWS::Serverless::Function":
			// SAM: a CloudWatchLogs event source is a subscription filter.
			scanSAMEvents(s, name, props.get("Events"))
		case "AWS::CloudWatch::Alarm":
			if props.get("Metrics") != nil {
				continue // metric math alarms name their metrics elsewhere
			}
			s.alarms = append(s.alarms, &alarmDef{
				resource:  name,
				name:      cfnString(props.get("MetricName")),
				namespace: cfnString(props.get("Namespace")),
				period:    cfnString(props.get("Period")),
				at:        k.off,
			})
		case "AWS::CloudTrail::Trail":
			t := &trailDef{resource: name, at: k.off, logGroupRef: cfnRef(props.get("CloudWatchLogsLogGroupArn"))}
			if n := props.get("CloudWatchLogsLogGroupArn"); n != nil {
				t.logGroupArn = cfnString(n)
			}
			if n := props.get("CloudWatchLogsRoleArn"); n != nil {
				t.roleArn = cfnString(n)
			}
			s.trails = append(s.trails, t)
		case "AWS::Logs::LogGroup":
			g := &logGroupDef{resource: name, ref: k.str.Value, at: k.off}
			if n := props.get("LogGroupName"); n != nil {
				g.name = cfnString(n)
			}
			if n := props.get("RetentionInDays"); n != nil {
				g.retention = cfnString(n)
			}
			s.groups = append(s.groups, g)
		}
	}
	return s
}

// cfnRef returns the logical id a value refers to with Ref or Fn::GetAtt
// (LogGroup for !GetAtt LogGroup.Arn), or "".
func cfnRef(n *node) string {
	fn, arg := intrinsicName(n)
	switch fn {
	case "Ref":
		v, _ := arg.scalar()
		if arg != nil && arg.kind == scalarNode {
			v = arg.str.Value
		}
		return v
	case "GetAtt":
		if arg == nil {
			return ""
		}
		if arg.kind == seqNode && len(arg.items) > 0 && arg.items[0] != nil {
			return arg.items[0].str.Value
		}
		if arg.kind == scalarNode {
			id, _, _ := strings.Cut(arg.str.Value, ".")
			return id
		}
	}
	return ""
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

// scanSAMEvents finds the FilterPattern of a SAM function's CloudWatchLogs
// event sources.
func scanSAMEvents(s *scan, fn string, events *node) {
	if events == nil || events.kind != mapNode {
		return
	}
	for i, k := range events.keys {
		ev := events.vals[i]
		if k == nil || ev == nil {
			continue
		}
		if t, _ := ev.get("Type").scalar(); t != "CloudWatchLogs" {
			continue
		}
		props := ev.get("Properties")
		if fp := cfnString(props.get("FilterPattern")); fp != nil {
			s.patterns = append(s.patterns, &found{pattern: *fp, resource: fn + ".Events." + k.str.Value,
				use: UseSubscriptionFilter, logGroup: cfnString(props.get("LogGroupName"))})
		}
	}
}

// isServerless reports whether a YAML document is a Serverless Framework
// service (serverless.yml).
func isServerless(root *node) bool {
	return root != nil && root.kind == mapNode && root.get("service") != nil && root.get("functions") != nil
}

// scanServerless finds the filters of functions' cloudwatchLog events
// (subscription filters) and the CloudFormation resources under resources:.
func scanServerless(f *file, root *node) *scan {
	s := &scan{file: f}
	if res := root.get("resources"); res != nil && res.get("Resources") != nil {
		s = scanCloudFormation(f, res)
	}
	fns := root.get("functions")
	if fns == nil || fns.kind != mapNode {
		return s
	}
	for i, k := range fns.keys {
		fn := fns.vals[i]
		if k == nil || fn == nil {
			continue
		}
		events := fn.get("events")
		if events == nil || events.kind != seqNode {
			continue
		}
		for j, ev := range events.items {
			cw := ev.get("cloudwatchLog")
			if cw == nil || cw.kind != mapNode {
				continue // "cloudwatchLog: /log/group" has no filter: every event
			}
			if fp := cfnString(cw.get("filter")); fp != nil {
				s.patterns = append(s.patterns, &found{pattern: *fp,
					resource: "functions." + k.str.Value + ".events[" + itoa(j) + "].cloudwatchLog",
					use:      UseSubscriptionFilter, logGroup: cfnString(cw.get("logGroup"))})
			}
		}
	}
	return s
}
