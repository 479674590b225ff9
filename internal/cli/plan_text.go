package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cwpat/cwpat/alarms"
)

// writePlanText renders the plan the way terraform plan does: one block per
// change with its fields (+ set, ~ changed, - removed), then a summary line
// and the warnings. Unchanged resources are counted, not listed. Values are
// written as HCL writes them: strings quoted and escaped, numbers and
// booleans bare, lists as ["a", "b"].
func writePlanText(w io.Writer, p *alarms.Plan) error {
	var b strings.Builder
	if p.LogGroupName != "" {
		fmt.Fprintf(&b, "Log group: %s\n", p.LogGroupName)
	}
	if p.TopicARN != "" {
		fmt.Fprintf(&b, "Topic: %s\n", p.TopicARN)
	}
	unchanged := 0
	for _, c := range p.Changes {
		if c.Action == alarms.NoOp {
			unchanged++
			if c.Note != "" {
				fmt.Fprintf(&b, "\n  # %s %s is unchanged: %s\n", c.Type, hclString(c.Name), c.Note)
			}
			continue
		}
		writeChange(&b, c)
	}
	create, update, del := p.Counts()
	if create+update+del == 0 {
		fmt.Fprintf(&b, "\nNo changes. The account matches the rule set (%s unchanged).\n", plural(unchanged, "resource"))
	} else {
		fmt.Fprintf(&b, "\nPlan: %d to add, %d to change, %d to destroy, %d unchanged.\n", create, update, del, unchanged)
	}
	if n := len(p.Blocked()); n > 0 {
		if n == 1 {
			b.WriteString("1 resource with a cwpat name is not managed by cwpat; its rule is skipped.\n")
		} else {
			fmt.Fprintf(&b, "%d resources with cwpat names are not managed by cwpat; their rules are skipped.\n", n)
		}
	}
	for _, w := range p.Warnings {
		fmt.Fprintf(&b, "Warning: %s\n", w)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeChange(b *strings.Builder, c alarms.Change) {
	rule := ""
	if c.RuleID != "" {
		rule = " (rule " + c.RuleID + ")"
	}
	name := hclString(c.Name)
	switch c.Action {
	case alarms.Foreign:
		fmt.Fprintf(b, "\n  # %s %s%s is not managed by cwpat\n  ! %s\n", c.Type, name, rule, c.Note)
		return
	case alarms.Create:
		fmt.Fprintf(b, "\n  # %s %s%s will be created\n  + %s %s {\n", c.Type, name, rule, c.Type, name)
	case alarms.Update:
		fmt.Fprintf(b, "\n  # %s %s%s will be updated in-place\n  ~ %s %s {\n", c.Type, name, rule, c.Type, name)
	case alarms.Delete:
		fmt.Fprintf(b, "\n  # %s %s%s will be destroyed\n  - %s %s {\n", c.Type, name, rule, c.Type, name)
	}
	width := 0
	for _, f := range c.Fields {
		width = max(width, len(f.Name))
	}
	for _, f := range c.Fields {
		pad := strings.Repeat(" ", width-len(f.Name))
		switch {
		case c.Action == alarms.Create || (f.Old == "" && f.New != ""):
			fmt.Fprintf(b, "      + %s%s = %s\n", f.Name, pad, hclValue(f.Name, f.New))
		case c.Action == alarms.Delete || (f.New == "" && f.Old != ""):
			fmt.Fprintf(b, "      - %s%s = %s\n", f.Name, pad, hclValue(f.Name, f.Old))
		default:
			fmt.Fprintf(b, "      ~ %s%s = %s -> %s\n", f.Name, pad, hclValue(f.Name, f.Old), hclValue(f.Name, f.New))
		}
	}
	b.WriteString("    }\n")
	if c.Note != "" {
		fmt.Fprintf(b, "    # %s\n", c.Note)
	}
}

// numberFields and boolFields are the plan fields AWS types as numbers and
// booleans (metric_value is a string in PutMetricFilter, whatever it holds).
var (
	numberFields = map[string]bool{"period": true, "evaluation_periods": true, "datapoints_to_alarm": true,
		"threshold": true, "default_value": true}
	boolFields = map[string]bool{"actions_enabled": true}
)

// hclValue writes one field's value: numbers and booleans bare, lists
// ("[a, b]" in the plan) as HCL lists, the rest as HCL strings;
// "(known after apply)" as terraform writes it, bare.
func hclValue(field, v string) string {
	switch {
	case v == alarms.KnownAfterApply:
		return v
	case numberFields[field]:
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return v
		}
	case boolFields[field]:
		if v == "true" || v == "false" {
			return v
		}
	case strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") && strings.HasSuffix(field, "actions"):
		items := strings.Split(v[1:len(v)-1], ", ")
		for i, it := range items {
			items[i] = hclValue("", it)
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	return hclString(v)
}

// hclString quotes s as an HCL string literal: backslash, quote and control
// characters escaped, and ${ and %{ doubled so they are not read as
// interpolation or template directives.
func hclString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case c == '"':
			b.WriteString(`\"`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20:
			fmt.Fprintf(&b, `\u%04x`, c)
		case (c == '$' || c == '%') && i+1 < len(s) && s[i+1] == '{':
			b.WriteByte(c)
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// writePlanDocument writes the plan for plan's -o and --query: cwpat's
// terraform-like text, or the plan's JSON document as -o json, the AWS
// CLI's text (with --query) or its table render it.
func writePlanDocument(app *App, o docOutput, p *alarms.Plan) error {
	if !o.document() {
		return writePlanText(app.Stdout, p)
	}
	return app.writeDocument(o, "Plan", p)
}
