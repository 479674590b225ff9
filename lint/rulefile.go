package lint

import (
	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/rules"
)

// cwpat rule files (package rules defines the format): a mapping with a
// rules list, each rule with an id and, for a new rule, a filterPattern and
// a metricTransformation; a file may extend a built-in set and override
// rules by id. The rules loader reports the file's structural problems
// (unknown keys, missing fields, bad alarms); the patterns are read from
// lint's own YAML tree, which maps positions exactly through quoting,
// escapes and block scalars.

// isRuleFile reports whether a parsed YAML document is a cwpat rule file: a
// mapping that names a set or extends one, or whose rules list holds
// mappings with an id (a Kubernetes Role also has a rules list, of
// mappings without ids). A rule test file (tests:) holds no patterns.
func isRuleFile(root *node) bool {
	if root == nil || root.kind != mapNode || root.get("tests") != nil {
		return false
	}
	if root.get("set") != nil || root.get("extends") != nil {
		return true
	}
	list := root.get("rules")
	if list == nil || list.kind != seqNode || len(list.items) == 0 {
		return false
	}
	for _, it := range list.items {
		if it == nil || it.kind != mapNode || it.get("id") == nil {
			return false
		}
	}
	return true
}

// scanRules finds the patterns and metric transformations of a rule file,
// and the loader's findings about the file itself.
func scanRules(f *file) (*scan, error) {
	root, err := parseYAML(f.Src)
	if err != nil {
		return nil, err
	}
	s := &scan{file: f, diags: ruleLoaderDiags(f)}
	if root == nil || root.kind != mapNode {
		return s, nil
	}
	defaults := root.get("defaults").get("metricTransformation")
	list := root.get("rules")
	if list == nil || list.kind != seqNode {
		return s, nil
	}
	for i, it := range list.items {
		if it == nil || it.kind != mapNode {
			continue
		}
		p := it.get("filterPattern")
		if p == nil {
			continue // an override of a built-in rule that keeps its pattern
		}
		name := "rule " + itoa(i+1)
		if id, ok := it.get("id").scalar(); ok && id != "" {
			name = "rule " + id
		}
		fd := &found{pattern: *cfnString(p), resource: name, use: UseMetricFilter}
		m := it.get("metricTransformation")
		get := func(key string) *text {
			if v := m.get(key); v != nil {
				return cfnString(v)
			}
			return cfnString(defaults.get(key))
		}
		md := &metricDef{
			name: get("metricName"), namespace: get("metricNamespace"), value: get("metricValue"),
			defaultValue: get("defaultValue"), unit: get("unit"), at: it.off, count: 1,
		}
		if m != nil {
			md.at = m.off
		}
		dims := m.get("dimensions")
		if dims == nil {
			dims = defaults.get("dimensions")
		}
		if dims != nil && dims.kind == mapNode {
			for k, key := range dims.keys {
				if key == nil {
					continue
				}
				kt := key.str
				md.dimensions = append(md.dimensions, dimension{key: &kt, value: cfnString(dims.vals[k])})
			}
		}
		fd.metric = md
		s.patterns = append(s.patterns, fd)
		// Every rule deploys an alarm on its own metric.
		s.alarms = append(s.alarms, &alarmDef{resource: name, name: md.name, namespace: md.namespace, at: it.off})
	}
	return s, nil
}

// ruleLoaderDiags loads the file with the rules package and keeps its
// findings about this file (syntax errors are lint's own; findings about a
// built-in set it extends are not the user's to fix).
func ruleLoaderDiags(f *file) diag.List {
	_, err := rules.Parse("", f.Name, []byte(f.Src))
	l, ok := diag.As(err)
	if !ok {
		return nil
	}
	var out diag.List
	for _, d := range l {
		if d.Code == CodeYAMLSyntax || d.Pos.File != f.Name {
			continue
		}
		if d.SourceLine == "" && d.Pos.IsValid() {
			d.SourceLine = diag.LineAt(f.Src, d.Pos.Line)
		}
		out = append(out, d)
	}
	return out
}
