package cli

import (
	"io"
	"math"
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

// writeAWSTable renders doc as the AWS CLI's table titled title: the same
// widths (each section's columns scaled to the widest section), centring
// and padding as its formatter, so the two print the same table.
func writeAWSTable(w io.Writer, title string, doc any) error {
	t := &tableBuilder{}
	t.build(title, doc, 0)
	width := 0
	for _, s := range t.sections {
		width = max(width, s.totalWidth())
	}
	var b strings.Builder
	if len(t.sections) > 0 {
		b.WriteString(strings.Repeat("-", width) + "\n")
	}
	for _, s := range t.sections {
		s.render(&b, width)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func textLen(s string) int { return utf8.RuneCountInString(s) }

// maxWidths are the widest cell of each column, headers included.
func (s *tableSection) maxWidths() []int {
	var out []int
	for _, row := range append([][]string{s.headers}, s.rows...) {
		for i, c := range row {
			if i >= len(out) {
				out = append(out, 0)
			}
			out[i] = max(out[i], textLen(c))
		}
	}
	return out
}

// totalWidth is the width the section needs: 4 columns of padding per
// cell, the borders and one "|" per indent level on each side.
func (s *tableSection) totalWidth() int {
	total := 2 + 2*s.indent
	for _, w := range s.maxWidths() {
		total += w + 4
	}
	return max(textLen(s.title)+2+2*s.indent, total)
}

// columnWidths scales the padded widths so they add up to width, rounding
// half to even and spreading what rounding leaves over the columns, as the
// AWS CLI does.
func (s *tableSection) columnWidths(width int) []int {
	unscaled := s.maxWidths()
	sum := 0
	for i := range unscaled {
		unscaled[i] += 4
		sum += unscaled[i]
	}
	if sum == 0 {
		return nil
	}
	scale := float64(width) / float64(sum)
	scaled := make([]int, len(unscaled))
	off := -width
	for i, u := range unscaled {
		scaled[i] = int(math.RoundToEven(scale * float64(u)))
		off += scaled[i]
	}
	for off != 0 {
		for k := range scaled {
			i := k
			if off < 0 {
				i = len(scaled) - 1 - k
			}
			if off > 0 {
				scaled[i]--
				off--
			} else {
				scaled[i]++
				off++
			}
			if off == 0 {
				break
			}
		}
	}
	return scaled
}

func (s *tableSection) render(b *strings.Builder, total int) {
	bars := strings.Repeat("|", s.indent)
	width := total - 2*s.indent
	put := func(line string) { b.WriteString(bars + line + bars + "\n") }
	if s.title != "" {
		put(centerText(s.title, width, "|"))
		if len(s.headers) == 0 && len(s.rows) == 0 {
			put("+" + strings.Repeat("-", width-2) + "+")
		}
	}
	widths := s.columnWidths(width)
	lineBreak := func() {
		var l strings.Builder
		for i, w := range widths {
			if i == 0 {
				l.WriteString("+" + strings.Repeat("-", w-2) + "+")
			} else {
				l.WriteString(strings.Repeat("-", w-1) + "+")
			}
		}
		put(l.String())
	}
	if len(s.headers) > 0 {
		lineBreak()
		var l strings.Builder
		for i, h := range s.headers {
			edge := "" // the previous cell's right edge is this one's left
			if i == 0 {
				edge = "|"
			}
			l.WriteString(centerText(h, widths[i], edge))
		}
		put(l.String())
	}
	if len(s.rows) > 0 && len(widths) > 0 {
		lineBreak()
		for _, row := range s.rows {
			var l strings.Builder
			for i, c := range row {
				l.WriteString(alignLeft(c, widths[i], i == 0))
			}
			put(l.String())
		}
		lineBreak()
	}
}

// centerText centres s in a cell of length runes ending in "|", after
// leftEdge ("|" or nothing).
func centerText(s string, length int, leftEdge string) string {
	start := length/2 - textLen(s)/2 - 1
	left := leftEdge + strings.Repeat(" ", max(0, start)) + s
	return left + strings.Repeat(" ", max(0, length-1-textLen(left))) + "|"
}

// alignLeft writes s two spaces in from the left edge (the first cell
// draws its own left edge) and pads to length with the right edge.
func alignLeft(s string, length int, first bool) string {
	edge := ""
	if first {
		edge = "|"
	}
	pad := 2
	if length-(textLen(s)+pad+len(edge)+1) < 0 {
		pad = 0
	}
	out := edge + strings.Repeat(" ", pad) + s
	return out + strings.Repeat(" ", max(0, length-textLen(out)-1)) + "|"
}
