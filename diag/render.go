package diag

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// TextOptions control the text renderer.
type TextOptions struct {
	Color bool // ANSI colour for severity and caret; only on a terminal
}

// WriteText renders diagnostics the one way cwpat renders them as text:
//
//	file:line:col: severity: message [code]
//	    source line
//	    ^
//	  hint: ...
func WriteText(w io.Writer, l List, opt TextOptions) error {
	for _, d := range l {
		if _, err := io.WriteString(w, Text(d, opt)); err != nil {
			return err
		}
	}
	return nil
}

// Text renders one diagnostic as WriteText does.
func Text(d Diagnostic, opt TextOptions) string {
	var b strings.Builder
	sev := d.Severity.String()
	if opt.Color {
		sev = colorFor(d.Severity) + sev + "\x1b[0m"
	}
	fmt.Fprintf(&b, "%s: %s: %s", d.Pos, sev, d.Message)
	if d.Code != "" {
		fmt.Fprintf(&b, " [%s]", d.Code)
	}
	b.WriteByte('\n')
	if d.SourceLine != "" && d.Pos.IsValid() {
		b.WriteString(Caret(d.SourceLine, d.Pos.Column, d.Len, opt.Color))
	}
	if d.Hint != "" {
		fmt.Fprintf(&b, "    hint: %s\n", d.Hint)
	}
	return b.String()
}

// Caret renders a source line and a caret line under column col (1-based,
// in characters), indented by four spaces. Tabs in the prefix are kept so the
// caret lines up in a terminal. Very long lines are cut around the column.
func Caret(line string, col, length int, color bool) string {
	const max = 120
	runes := []rune(line)
	if col < 1 {
		col = 1
	}
	if col > len(runes)+1 {
		col = len(runes) + 1
	}
	start := 0
	prefix := ""
	if len(runes) > max && col > max/2 {
		start = col - max/2
		prefix = "…"
	}
	end := len(runes)
	suffix := ""
	if end-start > max {
		end = start + max
		suffix = "…"
	}
	shown := string(runes[start:end])
	var pad strings.Builder
	pad.WriteString(strings.Repeat(" ", utf8.RuneCountInString(prefix)))
	for _, r := range runes[start : col-1] {
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	mark := "^"
	if length > 1 {
		mark += strings.Repeat("~", length-1)
	}
	if color {
		mark = "\x1b[32m" + mark + "\x1b[0m"
	}
	return "    " + prefix + shown + suffix + "\n    " + pad.String() + mark + "\n"
}

func colorFor(s Severity) string {
	switch s {
	case Error:
		return "\x1b[1;31m"
	case Warning:
		return "\x1b[1;33m"
	}
	return "\x1b[1;36m"
}
