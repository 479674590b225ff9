package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
	"github.com/cwpat/cwpat/rules/internal/strict"
	"github.com/cwpat/cwpat/sim"
)

// fileDoc is the top level of a rule file.
type fileDoc struct {
	Set         string    `yaml:"set"`
	Title       string    `yaml:"title"`
	Description string    `yaml:"description"`
	Extends     string    `yaml:"extends"`
	NamePrefix  string    `yaml:"namePrefix"`
	NameSuffix  string    `yaml:"nameSuffix"`
	Disable     []nameRef `yaml:"disable"`
	Defaults    rawNode   `yaml:"defaults"`
	Rules       []rawNode `yaml:"rules"`
}

// defaultsDoc is the shape of the defaults block: partial metric
// transformation and alarm settings applied to every rule of the set.
type defaultsDoc struct {
	MetricTransformation rawNode `yaml:"metricTransformation"`
	Alarm                rawNode `yaml:"alarm"`
	Severity             rawNode `yaml:"severity"`
}

// rawNode keeps a node for decoding later (rules merge onto base rules).
type rawNode struct{ *yaml.Node }

// UnmarshalStrict stores the node.
func (r *rawNode) UnmarshalStrict(_ *strict.Decoder, n *yaml.Node) { r.Node = n }

// nameRef is a string with its position.
type nameRef struct {
	Name string
	Pos  diag.Position
}

// UnmarshalStrict reads a scalar.
func (r *nameRef) UnmarshalStrict(d *strict.Decoder, n *yaml.Node) {
	r.Pos = d.Pos(n)
	if n.Kind != yaml.ScalarNode {
		d.Errorf(n, "yaml-type", "", "expected a rule id, not %s", "a "+map[yaml.Kind]string{yaml.MappingNode: "mapping", yaml.SequenceNode: "list"}[n.Kind])
		return
	}
	r.Name = n.Value
}

// recipe returns a new rule holding the CIS recipe's defaults (§1.2 of the
// benchmark: metric value 1, Sum over 300 s, one period, >= 1), so a user's
// rule only needs what differs.
func recipe() *Rule {
	return &Rule{
		Severity:             "medium",
		MetricTransformation: pattern.MetricTransformation{MetricValue: "1"},
		Alarm: Alarm{Alarm: sim.Alarm{Statistic: sim.Sum, Period: 300, EvaluationPeriods: 1, Threshold: 1,
			ComparisonOperator: sim.GreaterThanOrEqualToThreshold}},
	}
}

// applyFile parses one rule file and applies it onto set (which may be
// empty). resolve returns a built-in set for extends. The steps run in the
// order a reader of the file expects: the base set (extends), the set's
// own fields, defaults, the rules, disables, then name affixes.
func applyFile(set *Set, file string, src []byte, resolve func(name string) (*Set, error)) error {
	d := &strict.Decoder{File: file, Src: string(src)}
	root, doc, err := parseFile(d, file)
	if err != nil {
		return err
	}
	if !applyExtends(d, set, root, doc.Extends, resolve) {
		return d.Diags
	}
	applyHeader(set, doc)
	setName := set.Name
	if setName == "" {
		setName = file
	}
	defaults := loadDefaults(d, doc)
	if len(d.Diags) > 0 {
		return d.Diags
	}
	touched := applyRules(d, set, doc.Rules, defaults, setName)
	if defaults.any() {
		// Defaults apply to the rules this file did not mention as well.
		for i, r := range set.Rules {
			if !touched[r.ID] {
				c := r.Clone()
				defaults.apply(d, c)
				set.Rules[i] = c
			}
		}
	}
	applyDisable(d, set, doc.Disable)
	applyNameAffixes(set, doc.NamePrefix, doc.NameSuffix)
	if len(d.Diags) > 0 {
		return d.Diags
	}
	return nil
}

// parseFile reads the file's YAML into its document, or returns the
// diagnostics that stop it.
func parseFile(d *strict.Decoder, file string) (*yaml.Node, *fileDoc, error) {
	root := d.Parse()
	if root == nil {
		if len(d.Diags) > 0 {
			return nil, nil, d.Diags
		}
		return nil, nil, diag.List{{Code: "empty-file", Severity: diag.Error, Pos: diag.Position{File: file, Line: 1, Column: 1},
			Message: "the rule file is empty", Hint: "a rule file has a rules: list (and optionally extends: a built-in set)"}}
	}
	doc := &fileDoc{}
	d.Decode(root, doc)
	if len(d.Diags) > 0 {
		return nil, nil, d.Diags
	}
	if a, ok := aliases[doc.Extends]; ok {
		doc.Extends = a
	}
	return root, doc, nil
}

// applyExtends makes set the built-in set the file extends, checking that
// every file loaded together extends the same one. It reports false when
// loading must stop.
func applyExtends(d *strict.Decoder, set *Set, root *yaml.Node, extends string, resolve func(name string) (*Set, error)) bool {
	if extends == "" {
		return true
	}
	_, en := strict.Lookup(root, "extends")
	switch {
	case set.Extends != "" && set.Extends != extends:
		d.Errorf(en, "conflicting-extends", "all files loaded together must extend the same set",
			"this file extends %q but the rules loaded so far extend %q", extends, set.Extends)
		return false
	case set.Extends == "" && len(set.Rules) > 0:
		d.Errorf(en, "conflicting-extends", "put extends: in the first file, or pass the set with --rules",
			"this file extends %q but rules were already loaded from earlier files that extend nothing", extends)
		return false
	case len(set.Rules) == 0:
		base, err := resolve(extends)
		if err != nil {
			d.Errorf(en, "unknown-set", "", "%v", err)
			return false
		}
		*set = *base.Clone()
		set.Extends = extends
	}
	return true
}

// applyHeader takes the set's name, title and description from the file.
func applyHeader(set *Set, doc *fileDoc) {
	if doc.Set != "" {
		set.Name = doc.Set
	}
	if doc.Title != "" {
		set.Title = doc.Title
	}
	if doc.Description != "" {
		set.Description = doc.Description
	}
}

// loadDefaults reads the file's defaults and checks them once, so a mistake
// in them is one diagnostic, not one per rule.
func loadDefaults(d *strict.Decoder, doc *fileDoc) *defaultsDoc {
	defaults := &defaultsDoc{}
	if doc.Defaults.Node != nil {
		d.DecodeAs(doc.Defaults.Node, defaults, "defaults")
	}
	defaults.apply(d, recipe())
	return defaults
}

// any reports whether the file sets any default.
func (df *defaultsDoc) any() bool {
	return df.MetricTransformation.Node != nil || df.Alarm.Node != nil || df.Severity.Node != nil
}

// apply sets the defaults on r.
func (df *defaultsDoc) apply(d *strict.Decoder, r *Rule) {
	if df.MetricTransformation.Node != nil {
		d.DecodeAs(df.MetricTransformation.Node, &r.MetricTransformation, "metricTransformation")
	}
	if df.Alarm.Node != nil {
		d.DecodeAs(df.Alarm.Node, &r.Alarm, "alarm")
	}
	if df.Severity.Node != nil {
		d.DecodeAs(df.Severity.Node, &r.Severity, "severity")
	}
}

// applyRules adds each rule of the file to set, or overrides the fields of
// the rule with its id, and returns the ids the file mentioned.
func applyRules(d *strict.Decoder, set *Set, nodes []rawNode, defaults *defaultsDoc, setName string) map[string]bool {
	touched := map[string]bool{}
	for _, rn := range nodes {
		n := rn.Node
		if n.Kind != yaml.MappingNode {
			d.Errorf(n, "yaml-type", "", "a rule must be a mapping")
			continue
		}
		idKey, idNode := strict.Lookup(n, "id")
		if idNode == nil || idNode.Kind != yaml.ScalarNode || idNode.Value == "" {
			d.Errorf(n, "missing-key", "every rule starts with id: (a new id adds a rule, a known id overrides fields of that rule)", "rule has no id")
			continue
		}
		id := idNode.Value
		if touched[id] {
			d.Errorf(idNode, "duplicate-rule", "", "rule %q is defined twice in this file", id)
			continue
		}
		touched[id] = true
		r, i := set.find(id)
		if r == nil {
			r = recipe()
			defaults.apply(d, r)
			set.Rules = append(set.Rules, r)
		} else {
			r = r.Clone()
			defaults.apply(d, r)
			set.Rules[i] = r
		}
		d.Decode(n, r)
		r.Source = Source{Set: setName, Pos: d.Pos(idKey), Text: d.Src, Fields: map[string]diag.Position{}}
		recordFields(d, n, "", r.Source.Fields)
		if _, pn := strict.Lookup(n, "filterPattern"); pn != nil {
			r.Source.Pattern, r.Source.PatternIndent, r.Source.PatternExact = patternStart(d, pn)
		}
	}
	return touched
}

// applyDisable removes the rules the file disables.
func applyDisable(d *strict.Decoder, set *Set, disable []nameRef) {
	for _, dis := range disable {
		if _, i := set.find(dis.Name); i >= 0 {
			set.Rules = append(set.Rules[:i], set.Rules[i+1:]...)
			continue
		}
		d.Diags = append(d.Diags, diag.Diagnostic{Code: "unknown-rule", Severity: diag.Error, Pos: dis.Pos, Len: len(dis.Name),
			Message: fmt.Sprintf("cannot disable %q: no such rule", dis.Name), Hint: "rules: " + strings.Join(set.IDs(), ", "),
			SourceLine: diag.LineAt(d.Src, dis.Pos.Line)})
	}
}

// applyNameAffixes puts the file's namePrefix and nameSuffix around every
// filter, metric and alarm name.
func applyNameAffixes(set *Set, prefix, suffix string) {
	if prefix == "" && suffix == "" {
		return
	}
	for i, r := range set.Rules {
		c := r.Clone()
		c.FilterName = prefix + c.EffectiveFilterName() + suffix
		c.MetricTransformation.MetricName = prefix + c.MetricTransformation.MetricName + suffix
		c.Alarm.AlarmName = prefix + c.Alarm.AlarmName + suffix
		set.Rules[i] = c
	}
}

// recordFields maps dotted keys to the positions of their values.
func recordFields(d *strict.Decoder, n *yaml.Node, prefix string, out map[string]diag.Position) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := prefix + n.Content[i].Value
		out[k] = d.Pos(n.Content[i+1])
		recordFields(d, n.Content[i+1], k+".", out)
	}
}

// patternStart finds where the pattern text of a scalar starts in the file
// and whether the scalar holds it verbatim, so pattern positions map into
// the YAML exactly.
func patternStart(d *strict.Decoder, n *yaml.Node) (diag.Position, int, bool) {
	p := d.Pos(n)
	switch n.Style {
	case yaml.LiteralStyle, yaml.FoldedStyle:
		lines := strings.Split(d.Src, "\n")
		first := n.Line // 0-based index of the line after the indicator
		for first < len(lines) && strings.TrimSpace(lines[first]) == "" {
			first++
		}
		if first >= len(lines) {
			return p, 0, false
		}
		indent := len(lines[first]) - len(strings.TrimLeft(lines[first], " "))
		start := diag.Position{File: p.File, Line: first + 1, Column: indent + 1}
		off := 0
		for i := 0; i < first; i++ {
			off += len(lines[i]) + 1
		}
		start.Offset = off + indent
		exact := n.Style == yaml.LiteralStyle
		for i, l := range strings.Split(strings.TrimRight(n.Value, "\n"), "\n") {
			if first+i >= len(lines) || strings.TrimRight(lines[first+i], "\r") != strings.Repeat(" ", indent)+l && l != "" {
				exact = false
				break
			}
		}
		return start, indent, exact
	case yaml.SingleQuotedStyle, yaml.DoubleQuotedStyle:
		p.Column++
		p.Offset++
	}
	exact := p.Offset+len(n.Value) <= len(d.Src) && d.Src[p.Offset:p.Offset+len(n.Value)] == n.Value
	return p, p.Column - 1, exact
}
