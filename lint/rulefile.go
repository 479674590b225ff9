package lint

// cwpat rule files: a YAML mapping with a "rules" list (or a bare list) of
// rules, each with an "id" and a "pattern", and optionally a metric
// transformation under "metric" (the pattern.MetricTransformation keys:
// metricName, metricNamespace, metricValue, defaultValue, dimensions, unit).
// The patterns are read from lint's own YAML tree, which maps positions
// exactly through quoting and escapes.

// ruleList returns the rule entries of a rule file, or nil.
func ruleList(root *node) []*node {
	if root == nil {
		return nil
	}
	list := root
	if root.kind == mapNode {
		list = root.get("rules")
	}
	if list == nil || list.kind != seqNode {
		return nil
	}
	return list.items
}

// isRuleFile reports whether a parsed YAML document is a cwpat rule file:
// a rules list whose entries carry a pattern.
func isRuleFile(root *node) bool {
	items := ruleList(root)
	if len(items) == 0 {
		return false
	}
	for _, it := range items {
		if it == nil || it.kind != mapNode || it.get("pattern") == nil {
			return false
		}
	}
	return true
}

// scanRules finds the patterns and metric transformations of a rule file.
func scanRules(f *file) (*scan, error) {
	root, err := parseYAML(f.Src)
	if err != nil {
		return nil, err
	}
	s := &scan{file: f}
	for i, it := range ruleList(root) {
		if it == nil || it.kind != mapNode {
			continue
		}
		p := it.get("pattern")
		if p == nil {
			continue
		}
		name := "rule " + itoa(i+1)
		if id, ok := it.get("id").scalar(); ok && id != "" {
			name = "rule " + id
		}
		fd := &found{pattern: *cfnString(p), resource: name, use: UseMetricFilter}
		if m := it.get("metric"); m != nil && m.kind == mapNode {
			md := &metricDef{
				name:         cfnString(m.get("metricName")),
				namespace:    cfnString(m.get("metricNamespace")),
				value:        cfnString(m.get("metricValue")),
				defaultValue: cfnString(m.get("defaultValue")),
				unit:         cfnString(m.get("unit")),
				at:           m.off,
				count:        1,
			}
			if dims := m.get("dimensions"); dims != nil && dims.kind == mapNode {
				for k, key := range dims.keys {
					if key == nil {
						continue
					}
					kt := key.str
					md.dimensions = append(md.dimensions, dimension{key: &kt, value: cfnString(dims.vals[k])})
				}
			}
			fd.metric = md
		}
		s.patterns = append(s.patterns, fd)
	}
	return s, nil
}
