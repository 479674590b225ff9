// Package diag is cwpat's one shape for every problem it reports to a user: a
// pattern that AWS would refuse, a rule file with an unknown key, a lint finding
// in a CloudFormation template. Each Diagnostic has a stable code, a severity,
// a position in the file the user edits and, where a common AWS pitfall explains
// it, a hint. Text and machine formats (JSON, SARIF, JUnit, GitHub annotations)
// are all rendered from the same values.
package diag

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Severity orders findings; Error is the most severe.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota
	Warning
	Info
)

var severityNames = [...]string{"error", "warning", "info"}

// String returns "error", "warning" or "info".
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads the names String returns.
func ParseSeverity(name string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(name, n) {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", name)
}

// MarshalText writes the severity's name, so JSON carries "error", not 0.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Position is a place in a source text. Line and Column are 1-based; Column
// counts characters (runes), as editors do. A zero Line means "no position".
type Position struct {
	File   string `json:"file,omitempty"`
	Offset int    `json:"offset"` // 0-based byte offset
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// IsValid reports whether the position points somewhere.
func (p Position) IsValid() bool { return p.Line > 0 }

// String renders file:line:col, leaving out what is unknown.
func (p Position) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.IsValid() {
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		fmt.Fprintf(&b, "%d:%d", p.Line, p.Column)
	}
	if b.Len() == 0 {
		return "-"
	}
	return b.String()
}

// PositionAt computes the line and column of a byte offset in src.
// Offsets past the end are clamped to the end.
func PositionAt(src string, offset int) Position {
	if offset < 0 {
		offset = 0
	}
	if offset > len(src) {
		offset = len(src)
	}
	line := 1 + strings.Count(src[:offset], "\n")
	start := strings.LastIndexByte(src[:offset], '\n') + 1
	return Position{Offset: offset, Line: line, Column: 1 + utf8.RuneCountInString(src[start:offset])}
}

// LineAt returns the text of the 1-based line of src, without its newline.
func LineAt(src string, line int) string {
	for i := 1; i < line; i++ {
		nl := strings.IndexByte(src, '\n')
		if nl < 0 {
			return ""
		}
		src = src[nl+1:]
	}
	if nl := strings.IndexByte(src, '\n'); nl >= 0 {
		src = src[:nl]
	}
	return strings.TrimSuffix(src, "\r")
}

// Within maps a position inside an embedded text (a filter pattern inside a
// YAML or HCL string, say) onto the enclosing file, given where the embedded
// text starts. It is exact when the embedded text was copied verbatim (no
// escapes before the position); on the first line the columns add up, on
// later lines the column is kept and indent is added.
func Within(inner, start Position, indent int) Position {
	out := Position{File: start.File, Offset: start.Offset + inner.Offset}
	if !inner.IsValid() {
		out.Line, out.Column = start.Line, start.Column
		return out
	}
	if inner.Line <= 1 {
		out.Line = start.Line
		out.Column = start.Column + inner.Column - 1
	} else {
		out.Line = start.Line + inner.Line - 1
		out.Column = indent + inner.Column
	}
	return out
}

// Diagnostic is one problem found in a user's input.
type Diagnostic struct {
	// Code is stable across releases: kebab-case, documented under docs/lint/
	// for lint findings (for example "unclosed-brace", "ne-missing-field").
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Pos      Position `json:"position"`
	// Len is how many characters of the line the problem spans (0 or 1: a caret).
	Len     int    `json:"length,omitempty"`
	Message string `json:"message"`
	// AWSMessage is the exact text AWS puts in its InvalidParameterException
	// for the same input, where it is known.
	AWSMessage string `json:"awsMessage,omitempty"`
	Hint       string `json:"hint,omitempty"`
	// SourceLine is the line of source Pos points into, for the caret rendering.
	SourceLine string `json:"sourceLine,omitempty"`
}

// Error renders the diagnostic on one line: file:line:col: severity: message [code].
func (d Diagnostic) Error() string {
	return fmt.Sprintf("%s: %s: %s [%s]", d.Pos, d.Severity, d.Message, d.Code)
}

// At returns a copy of d whose position and source line are mapped into the
// enclosing file (see Within).
func (d Diagnostic) At(start Position, indent int, fileText string) Diagnostic {
	d.Pos = Within(d.Pos, start, indent)
	if fileText != "" && d.Pos.IsValid() {
		d.SourceLine = LineAt(fileText, d.Pos.Line)
	}
	return d
}

// List is a set of diagnostics; as an error it stands for its first error.
type List []Diagnostic

// Error returns the first diagnostic's one-line form, with a count of the rest.
func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no problems"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", l[0].Error(), len(l)-1)
}

// HasErrors reports whether any diagnostic is an Error.
func (l List) HasErrors() bool { return l.Worst() == Error && len(l) > 0 }

// Worst returns the most severe severity in the list (Info for an empty list).
func (l List) Worst() Severity {
	w := Info
	for _, d := range l {
		if d.Severity < w {
			w = d.Severity
		}
	}
	return w
}

// AtLeast returns the diagnostics at least as severe as s.
func (l List) AtLeast(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity <= s {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders by file, line, column, then code, for stable output.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return l[i].Code < l[j].Code
	})
}

// MarshalJSON writes an empty list as [] rather than null, and keeps < > &
// as they are: patterns are full of && (json.Marshal would write \u0026,
// and an encoder's SetEscapeHTML(false) does not reach inside MarshalJSON).
func (l List) MarshalJSON() ([]byte, error) {
	if l == nil {
		return []byte("[]"), nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode([]Diagnostic(l)); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// As extracts diagnostics from an error returned by cwpat's packages: a List,
// a single Diagnostic, or anything wrapping them.
func As(err error) (List, bool) {
	var l List
	if errors.As(err, &l) {
		return l, true
	}
	var d Diagnostic
	if errors.As(err, &d) {
		return List{d}, true
	}
	return nil, false
}
