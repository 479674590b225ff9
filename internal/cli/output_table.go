package cli

import (
	"io"
	"strings"
	"unicode/utf8"
)

// The AWS CLI's --output table: a titled box per section, nested sections
// indented with one more "|" on each side, a header row of the scalar keys
// of a dict (or of a list of dicts) and a row per value.

type tableSection struct {
	title   string
	indent  int
	headers []string
	rows    [][]string
}

type tableBuilder struct{ sections []*tableSection }

func (t *tableBuilder) section(title string, indent int) *tableSection {
	s := &tableSection{title: title, indent: indent}
	t.sections = append(t.sections, s)
	return s
}

func (t *tableBuilder) current(indent int) *tableSection {
	if len(t.sections) == 0 {
		return t.section("", indent)
	}
	return t.sections[len(t.sections)-1]
}

// build follows the AWS CLI's table formatter: a dict is a row under its
// scalar keys (one key: a key/value row), then a sub-section per nested
// value; a list of dicts is a header and a row per dict.
func (t *tableBuilder) build(title string, v any, indent int) {
	if v == nil {
		return
	}
	if title != "" {
		t.section(title, indent)
	}
	switch x := v.(type) {
	case []any:
		if len(x) == 0 {
			return
		}
		if _, ok := x[0].(map[string]any); ok {
			t.listOfDicts(x, title, indent)
			return
		}
		s := t.current(indent)
		for _, el := range x {
			switch y := el.(type) {
			case []any:
				if allScalars(y) {
					s.rows = append(s.rows, scalars(y))
				} else {
					t.build("", y, indent)
				}
			case map[string]any:
				t.build("", y, indent)
			default:
				s.rows = append(s.rows, []string{scalar(y)})
			}
		}
	case map[string]any:
		t.dict(x, indent)
	default:
		s := t.current(indent)
		s.rows = append(s.rows, []string{scalar(x)})
	}
}

func (t *tableBuilder) dict(d map[string]any, indent int) {
	var headers, more []string
	for _, k := range sortedKeys(d) {
		if isScalar(d[k]) {
			headers = append(headers, k)
		} else {
			more = append(more, k)
		}
	}
	s := t.current(indent)
	switch {
	case len(headers) == 1:
		s.rows = append(s.rows, []string{headers[0], scalar(d[headers[0]])})
	case len(headers) > 1:
		s.headers = headers
		row := make([]string, len(headers))
		for i, h := range headers {
			row[i] = scalar(d[h])
		}
		s.rows = append(s.rows, row)
	}
	for _, k := range more {
		t.build(k, d[k], indent+1)
	}
}

func (t *tableBuilder) listOfDicts(l []any, title string, indent int) {
	headers := scalarKeys(l)
	var more []string
	seen := map[string]bool{}
	for _, el := range l {
		if d, ok := el.(map[string]any); ok {
			for k, v := range d {
				if !isScalar(v) && !seen[k] {
					seen[k] = true
					more = append(more, k)
				}
			}
		}
	}
	sortStrings(more)
	s := t.current(indent)
	s.headers = headers
	for i, el := range l {
		d, _ := el.(map[string]any)
		if i > 0 && len(more) > 0 {
			s = t.section(title, indent)
			s.headers = headers
		}
		row := make([]string, len(headers))
		for k, h := range headers {
			if v, ok := d[h]; ok {
				row[k] = scalar(v)
			}
		}
		s.rows = append(s.rows, row)
		for _, k := range more {
			if v, ok := d[k]; ok {
				t.build(k, v, indent+1)
			}
		}
	}
}

func allScalars(l []any) bool {
	for _, el := range l {
		if !isScalar(el) {
			return false
		}
	}
	return true
}

func scalars(l []any) []string {
	out := make([]string, len(l))
	for i, el := range l {
		out[i] = scalar(el)
	}
	return out
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// writeAWSTable renders doc as the AWS CLI's table titled title.
func writeAWSTable(w io.Writer, title string, doc any) error {
	t := &tableBuilder{}
	t.build(title, doc, 0)
	width := 0
	for _, s := range t.sections {
		width = max(width, s.minWidth())
	}
	var b strings.Builder
	for i, s := range t.sections {
		s.render(&b, width, i == 0)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// columns returns the section's natural column widths (two spaces of
// padding on each side of the widest cell).
func (s *tableSection) columns() []int {
	n := len(s.headers)
	for _, r := range s.rows {
		n = max(n, len(r))
	}
	cols := make([]int, n)
	for i, h := range s.headers {
		cols[i] = max(cols[i], utf8.RuneCountInString(h)+4)
	}
	for _, r := range s.rows {
		for i, c := range r {
			cols[i] = max(cols[i], utf8.RuneCountInString(c)+4)
		}
	}
	return cols
}

func (s *tableSection) minWidth() int {
	cols := s.columns()
	inner := len(cols) - 1
	for _, c := range cols {
		inner += c
	}
	inner = max(inner, utf8.RuneCountInString(s.title)+4)
	return inner + 2*(s.indent+1)
}

func (s *tableSection) render(b *strings.Builder, width int, first bool) {
	bars := strings.Repeat("|", s.indent)
	inner := width - 2*(s.indent+1)
	cols := s.columns()
	if len(cols) > 0 {
		used := len(cols) - 1
		for _, c := range cols {
			used += c
		}
		cols[len(cols)-1] += inner - used
	}
	rule := func(joints bool) {
		b.WriteString(bars + "+")
		if joints && len(cols) > 0 {
			parts := make([]string, len(cols))
			for i, c := range cols {
				parts[i] = strings.Repeat("-", c)
			}
			b.WriteString(strings.Join(parts, "+"))
		} else {
			b.WriteString(strings.Repeat("-", inner))
		}
		b.WriteString("+" + bars + "\n")
	}
	line := func(cells []string, center bool) {
		b.WriteString(bars + "|")
		for i, c := range cols {
			cell := ""
			if i < len(cells) {
				cell = cells[i]
			}
			if i > 0 {
				b.WriteString("|")
			}
			pad := c - utf8.RuneCountInString(cell)
			if center {
				b.WriteString(strings.Repeat(" ", pad/2) + cell + strings.Repeat(" ", pad-pad/2))
			} else {
				b.WriteString("  " + cell + strings.Repeat(" ", max(0, pad-2)))
			}
		}
		b.WriteString("|" + bars + "\n")
	}
	if s.title != "" {
		if first {
			b.WriteString(strings.Repeat("-", width) + "\n")
		}
		pad := inner - utf8.RuneCountInString(s.title)
		b.WriteString(bars + "|" + strings.Repeat(" ", pad/2) + s.title + strings.Repeat(" ", pad-pad/2) + "|" + bars + "\n")
		rule(len(s.headers) > 0 || len(s.rows) > 0)
	}
	if len(s.headers) > 0 {
		line(s.headers, true)
		rule(true)
	}
	for _, r := range s.rows {
		line(r, false)
	}
	if len(s.rows) > 0 {
		rule(true)
	}
}
