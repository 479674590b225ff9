package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/audit"
	"github.com/cwpat/cwpat/diag"
)

// writeAuditText renders the audit for people: every trail with its delivery
// state, the account findings, then one line per control (PASS/FAIL) with
// what is missing and how to fix it. A finding repeated on several controls
// (one pending subscription fails them all) is printed once, numbered, and
// the controls point at it.
func writeAuditText(w io.Writer, r *audit.Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Audit of region %s", r.Region)
	if r.LogGroupName != "" {
		fmt.Fprintf(&b, ", log group %s", r.LogGroupName)
	}
	if r.Trail != nil {
		fmt.Fprintf(&b, " (trail %s)", r.Trail.Name)
	}
	b.WriteString("\n")
	writeTrails(&b, r.Trails, r.Region)
	for _, d := range r.Account {
		fmt.Fprintf(&b, "  %s: %s [%s]\n", d.Severity, d.Message, codeRef(d.Code))
		if d.Hint != "" {
			fmt.Fprintf(&b, "    hint: %s\n", d.Hint)
		}
	}
	b.WriteString("\n")
	groups := groupFindings(r.Controls)
	width := 0
	for _, c := range r.Controls {
		width = max(width, len(c.Control.ID))
	}
	for _, c := range r.Controls {
		status := "FAIL"
		if c.Covered {
			status = "PASS"
		}
		var refs []string
		for _, d := range c.Findings {
			if n := groups.number(c.Control.ID, d); n > 0 {
				refs = append(refs, fmt.Sprintf("[%d]", n))
			}
		}
		line := fmt.Sprintf("%s  %-*s  %s", status, width, c.Control.ID, c.Control.Title)
		if len(refs) > 0 {
			line += "  (see " + strings.Join(refs, ", ") + ")"
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
		for _, d := range c.Findings {
			if groups.number(c.Control.ID, d) > 0 {
				continue
			}
			writeControlFinding(&b, "      ", strings.TrimPrefix(d.Message, c.Control.ID+": "), d.Diagnostic)
		}
	}
	for i, g := range groups.list {
		if len(g.controls) == len(r.Controls) {
			fmt.Fprintf(&b, "\n[%d] on every control:\n", i+1)
		} else {
			fmt.Fprintf(&b, "\n[%d] on %d controls (%s):\n", i+1, len(g.controls), strings.Join(g.controls, ", "))
		}
		writeControlFinding(&b, "    ", g.message, g.d)
	}
	fmt.Fprintf(&b, "\n%d of %d controls covered.\n", r.Covered(), len(r.Controls))
	_, err := io.WriteString(w, b.String())
	return err
}

func writeControlFinding(b *strings.Builder, indent, msg string, d diag.Diagnostic) {
	if d.Severity == diag.Info {
		fmt.Fprintf(b, "%s%s\n", indent, msg)
		return
	}
	fmt.Fprintf(b, "%s%s [%s]\n", indent, msg, codeRef(d.Code))
	if d.Hint != "" {
		fmt.Fprintf(b, "%shint: %s\n", indent, d.Hint)
	}
}

// codeRef is "code, Security Hub REASON-or-control" or the bare code.
func codeRef(code string) string {
	if r := audit.SecurityHubReason[code]; r != "" {
		return code + ", Security Hub " + r
	}
	if c := audit.SecurityHubControl[code]; c != "" {
		return code + ", Security Hub " + c
	}
	return code
}

// writeTrails lists every trail with its delivery to CloudWatch Logs.
func writeTrails(b *strings.Builder, trails []alarms.Trail, region string) {
	if len(trails) == 0 {
		return
	}
	b.WriteString("\nTrails:\n")
	width := 0
	for _, t := range trails {
		width = max(width, len(t.Name))
	}
	for _, t := range trails {
		fmt.Fprintf(b, "  %-*s  %s\n", width, t.Name, deliveryState(t, region))
	}
}

func deliveryState(t alarms.Trail, region string) string {
	var s string
	switch {
	case t.LogGroupARN == "" && t.LogGroupName == "":
		s = "does not deliver to CloudWatch Logs"
	case t.LatestDeliveryError != "":
		s = fmt.Sprintf("delivers to %s: delivery failing (%s, role %s)", t.LogGroupName, t.LatestDeliveryError, t.RoleARN)
	case t.LatestDeliveryTime == nil:
		s = fmt.Sprintf("delivers to %s: no delivery yet", t.LogGroupName)
	default:
		s = fmt.Sprintf("delivers to %s, last delivery %s", t.LogGroupName, t.LatestDeliveryTime.UTC().Format(time.RFC3339))
	}
	if t.LogGroupAccount != "" && t.Organization {
		s += " (organization trail; log group in account " + t.LogGroupAccount + ")"
	}
	if t.ShadowOf(region) {
		s += " (multi-Region trail of " + t.HomeRegion + ")"
	}
	return s
}

// findingGroups numbers the control findings that repeat on two or more
// controls.
type findingGroups struct {
	list  []findingGroup
	index map[string]int // key -> 1-based number
}

type findingGroup struct {
	message  string
	d        diag.Diagnostic
	controls []string
}

func groupKey(d diag.Diagnostic, msg string) string {
	return d.Code + "\x00" + msg + "\x00" + d.Hint
}

func groupFindings(controls []audit.ControlResult) *findingGroups {
	count := map[string]int{}
	for _, c := range controls {
		for _, d := range c.Findings {
			if d.Severity != diag.Info {
				count[groupKey(d.Diagnostic, strings.TrimPrefix(d.Message, c.Control.ID+": "))]++
			}
		}
	}
	g := &findingGroups{index: map[string]int{}}
	for _, c := range controls {
		for _, d := range c.Findings {
			msg := strings.TrimPrefix(d.Message, c.Control.ID+": ")
			k := groupKey(d.Diagnostic, msg)
			if count[k] < 2 {
				continue
			}
			n, ok := g.index[k]
			if !ok {
				g.list = append(g.list, findingGroup{message: msg, d: d.Diagnostic})
				n = len(g.list)
				g.index[k] = n
			}
			g.list[n-1].controls = append(g.list[n-1].controls, c.Control.ID)
		}
	}
	return g
}

// number is the group number of a control's finding, 0 when it stands alone.
func (g *findingGroups) number(control string, d audit.Finding) int {
	if d.Severity == diag.Info {
		return 0
	}
	return g.index[groupKey(d.Diagnostic, strings.TrimPrefix(d.Message, control+": "))]
}
