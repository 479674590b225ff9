package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/cwpat/cwpat/audit"
	"github.com/cwpat/cwpat/diag"
)

// writeAuditText renders the audit for people: the trail, then one line per
// control (PASS/FAIL) with what is missing and how to fix it.
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
	for _, d := range r.Account {
		fmt.Fprintf(&b, "  %s: %s [%s]\n", d.Severity, d.Message, d.Code)
		if d.Hint != "" {
			fmt.Fprintf(&b, "    hint: %s\n", d.Hint)
		}
	}
	b.WriteString("\n")
	width := 0
	for _, c := range r.Controls {
		width = max(width, len(c.Control.ID))
	}
	for _, c := range r.Controls {
		status := "FAIL"
		if c.Covered {
			status = "PASS"
		}
		fmt.Fprintf(&b, "%s  %-*s  %s\n", status, width, c.Control.ID, c.Control.Title)
		for _, d := range c.Findings {
			msg := strings.TrimPrefix(d.Message, c.Control.ID+": ")
			if d.Severity == diag.Info {
				fmt.Fprintf(&b, "      %s\n", msg)
				continue
			}
			fmt.Fprintf(&b, "      %s [%s, Security Hub %s]\n", msg, d.Code, audit.SecurityHubReason[d.Code])
			if d.Hint != "" {
				fmt.Fprintf(&b, "      hint: %s\n", d.Hint)
			}
		}
	}
	fmt.Fprintf(&b, "\n%d of %d controls covered.\n", r.Covered(), len(r.Controls))
	_, err := io.WriteString(w, b.String())
	return err
}
