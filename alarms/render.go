package alarms

import (
	"fmt"
	"io"
	"strings"
)

// WriteText renders the plan the way terraform plan does: one block per
// change with its fields (+ set, ~ changed, - removed), then a summary line
// and the warnings. Unchanged resources are counted, not listed.
func (p *Plan) WriteText(w io.Writer) error {
	var b strings.Builder
	if p.LogGroupName != "" {
		fmt.Fprintf(&b, "Log group: %s\n", p.LogGroupName)
	}
	if p.TopicARN != "" {
		fmt.Fprintf(&b, "Topic: %s\n", p.TopicARN)
	}
	unchanged := 0
	for _, c := range p.Changes {
		if c.Action == NoOp {
			unchanged++
			if c.Note != "" {
				fmt.Fprintf(&b, "\n  # %s %q is unchanged: %s\n", c.Type, c.Name, c.Note)
			}
			continue
		}
		writeChange(&b, c)
	}
	create, update, del := p.Counts()
	if create+update+del == 0 {
		fmt.Fprintf(&b, "\nNo changes. The account matches the rule set (%d resources unchanged).\n", unchanged)
	} else {
		fmt.Fprintf(&b, "\nPlan: %d to add, %d to change, %d to destroy, %d unchanged.\n", create, update, del, unchanged)
	}
	if n := len(p.Blocked()); n > 0 {
		fmt.Fprintf(&b, "%d resource(s) with cwpat's names are not managed by cwpat; their rules are skipped.\n", n)
	}
	for _, w := range p.Warnings {
		fmt.Fprintf(&b, "Warning: %s\n", w)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeChange(b *strings.Builder, c Change) {
	rule := ""
	if c.RuleID != "" {
		rule = " (rule " + c.RuleID + ")"
	}
	switch c.Action {
	case Foreign:
		fmt.Fprintf(b, "\n  # %s %q%s is not managed by cwpat\n  ! %s\n", c.Type, c.Name, rule, c.Note)
		return
	case Create:
		fmt.Fprintf(b, "\n  # %s %q%s will be created\n  + %s %q {\n", c.Type, c.Name, rule, c.Type, c.Name)
	case Update:
		fmt.Fprintf(b, "\n  # %s %q%s will be updated in-place\n  ~ %s %q {\n", c.Type, c.Name, rule, c.Type, c.Name)
	case Delete:
		fmt.Fprintf(b, "\n  # %s %q%s will be destroyed\n  - %s %q {\n", c.Type, c.Name, rule, c.Type, c.Name)
	}
	width := 0
	for _, f := range c.Fields {
		width = max(width, len(f.Name))
	}
	for _, f := range c.Fields {
		pad := strings.Repeat(" ", width-len(f.Name))
		switch {
		case c.Action == Create || (f.Old == "" && f.New != ""):
			fmt.Fprintf(b, "      + %s%s = %s\n", f.Name, pad, quote(f.New))
		case c.Action == Delete || (f.New == "" && f.Old != ""):
			fmt.Fprintf(b, "      - %s%s = %s\n", f.Name, pad, quote(f.Old))
		default:
			fmt.Fprintf(b, "      ~ %s%s = %s -> %s\n", f.Name, pad, quote(f.Old), quote(f.New))
		}
	}
	b.WriteString("    }\n")
	if c.Note != "" {
		fmt.Fprintf(b, "    # %s\n", c.Note)
	}
}

// quote wraps a value in double quotes, leaving inner quotes as they are so
// that filter patterns read as the user wrote them.
func quote(s string) string {
	if strings.HasPrefix(s, KnownAfterApply[:len(KnownAfterApply)-1]) {
		return s
	}
	return `"` + strings.ReplaceAll(s, "\n", `\n`) + `"`
}
