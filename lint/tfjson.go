package lint

import (
	"regexp"
	"strings"
)

// tfJSONGroupRef finds a reference to a log group resource in a .tf.json template.
var tfJSONGroupRef = regexp.MustCompile(`\$\{\s*aws_cloudwatch_log_group\.([A-Za-z0-9_-]+)`)

// tfJSONRef returns the log group resource a .tf.json value refers to, or "".
func tfJSONRef(n *node) string {
	if n == nil || n.kind != scalarNode {
		return ""
	}
	if m := tfJSONGroupRef.FindStringSubmatch(n.str.Value); m != nil {
		return "aws_cloudwatch_log_group." + m[1]
	}
	return ""
}

// Terraform's JSON syntax (*.tf.json): the same resources as objects, with
// string values that are templates: "${...}" and "%{...}" are
// interpolations (non-literal), "$${" and "%%{" are escapes for "${" and "%{".

// scanTerraformJSON finds patterns, metric transformations and alarms in a
// .tf.json file.
func scanTerraformJSON(f *file) (*scan, error) {
	root, err := parseJSON(f.Src)
	if err != nil {
		return nil, err
	}
	s := &scan{file: f}
	res := root.get("resource")
	if res == nil || res.kind != mapNode {
		return s, nil
	}
	for i, typ := range res.keys {
		if typ == nil {
			continue
		}
		for _, nameNode := range tfObjects(res.vals[i]) {
			for k, body := range nameNode.vals {
				if nameNode.keys[k] == nil || body == nil {
					continue
				}
				addr := typ.str.Value + "." + nameNode.keys[k].str.Value
				scanTerraformJSONResource(s, typ.str.Value, addr, body, nameNode.keys[k].off)
			}
		}
	}
	return s, nil
}

// tfObjects returns the object(s) of a block: JSON allows one object or a
// list of them.
func tfObjects(n *node) []*node {
	if n == nil {
		return nil
	}
	if n.kind == seqNode {
		var out []*node
		for _, it := range n.items {
			if it != nil && it.kind == mapNode {
				out = append(out, it)
			}
		}
		return out
	}
	if n.kind == mapNode {
		return []*node{n}
	}
	return nil
}

func scanTerraformJSONResource(s *scan, typ, addr string, body *node, at int) {
	switch typ {
	case "aws_cloudwatch_log_metric_filter", "aws_cloudwatch_log_subscription_filter":
		attr, use := "pattern", UseMetricFilter
		if typ == "aws_cloudwatch_log_subscription_filter" {
			attr, use = "filter_pattern", UseSubscriptionFilter
		}
		p := body.get(attr)
		if p == nil {
			return
		}
		fd := &found{pattern: *tfJSONString(p), resource: addr, use: use, logGroup: tfJSONString(body.get("log_group_name")),
			logGroupRef: tfJSONRef(body.get("log_group_name"))}
		if use == UseMetricFilter {
			if mts := tfObjects(body.get("metric_transformation")); len(mts) > 0 {
				mt := mts[0]
				fd.metric = &metricDef{
					name: tfJSONString(mt.get("name")), namespace: tfJSONString(mt.get("namespace")),
					value: tfJSONString(mt.get("value")), defaultValue: tfJSONString(mt.get("default_value")),
					unit: tfJSONString(mt.get("unit")), at: mt.off, count: len(mts),
				}
				if dims := mt.get("dimensions"); dims != nil && dims.kind == mapNode {
					for k, key := range dims.keys {
						if key != nil {
							kt := key.str
							fd.metric.dimensions = append(fd.metric.dimensions, dimension{key: &kt, value: tfJSONString(dims.vals[k])})
						}
					}
				}
			}
		}
		s.patterns = append(s.patterns, fd)
	case "aws_cloudwatch_metric_alarm":
		if body.get("metric_query") != nil {
			return
		}
		s.alarms = append(s.alarms, &alarmDef{resource: addr, name: tfJSONString(body.get("metric_name")),
			namespace: tfJSONString(body.get("namespace")), period: tfJSONString(body.get("period")), at: at})
	case "aws_cloudtrail":
		t := &trailDef{resource: addr, at: at, logGroupRef: tfJSONRef(body.get("cloud_watch_logs_group_arn"))}
		if n := body.get("cloud_watch_logs_group_arn"); n != nil {
			t.logGroupArn = tfJSONString(n)
		}
		if n := body.get("cloud_watch_logs_role_arn"); n != nil {
			t.roleArn = tfJSONString(n)
		}
		s.trails = append(s.trails, t)
	case "aws_cloudwatch_log_group":
		g := &logGroupDef{resource: addr, ref: addr, at: at}
		if n := body.get("name"); n != nil {
			g.name = tfJSONString(n)
		}
		if n := body.get("retention_in_days"); n != nil {
			g.retention = tfJSONString(n)
		}
		s.groups = append(s.groups, g)
	}
}

// tfJSONString reads a .tf.json string as a Terraform template: literal
// when it has no interpolation, with $${ and %%{ unescaped.
func tfJSONString(n *node) *text {
	if n == nil {
		return nil
	}
	if n.kind != scalarNode {
		return &text{nonLiteralAt: n.off, why: "a " + kindName(n.kind) + ", not a string"}
	}
	src := n.str
	if !strings.Contains(src.Value, "{") {
		t := src
		return &t
	}
	var tb textBuilder
	v := src.Value
	escaped := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		if (c == '$' || c == '%') && i+2 < len(v) && v[i+1] == c && v[i+2] == '{' {
			tb.add(v[i:i+1]+"{", []int{src.fileOffset(i), src.fileOffset(i + 2)})
			i += 2
			escaped = true
			continue
		}
		if (c == '$' || c == '%') && i+1 < len(v) && v[i+1] == '{' {
			return &text{nonLiteralAt: src.fileOffset(i), why: "a Terraform interpolation (its value is only known to Terraform)"}
		}
		tb.add(v[i:i+1], []int{src.fileOffset(i)})
	}
	t := tb.text(src.fileOffset(len(v)))
	t.Start, t.End = src.Start, src.End
	if !escaped {
		t.enc = src.enc
	}
	return &t
}
