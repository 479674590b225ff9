package lint

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cwpat/cwpat/diag"
)

// text is a string value read from a file (a YAML scalar, a JSON string, an
// HCL template, a line), with the map from each byte of the decoded value
// back to the file, so a position inside the value lands on the exact
// line and column the user sees even when quoting or escapes shift columns.
type text struct {
	Value string
	// Literal is false when the value is built from something cwpat cannot
	// read (a !Ref, a ${var} interpolation); Value is then meaningless.
	Literal bool
	// offs[i] is the file byte offset of Value[i]; offs[len(Value)] is just
	// past the last byte. nil means "unknown": every position maps to Start.
	offs []int
	// Start and End delimit the raw encoding of the value in the file (quotes
	// and block headers included); fmt replaces this span.
	Start, End int
	// enc says how to write a new value back in place; encNone when the
	// value cannot be rewritten (assembled from parts, decoded inexactly).
	enc encoding
	// nonLiteralAt is the file offset of what makes the value non-literal.
	nonLiteralAt int
	// why describes what makes it non-literal ("Fn::Sub variable ${Env}").
	why string
	// partial is, for a non-literal value built by substitution (Fn::Sub,
	// an HCL interpolation), the written text with its ${...} left in: its
	// literally written selectors can still be checked.
	partial *text
	// notString marks a YAML mapping or list where a string belongs: an
	// unquoted { ... } or [ ... ] pattern that YAML read as flow syntax.
	notString bool
}

// fileOffset maps a byte offset in Value to a byte offset in the file.
func (t *text) fileOffset(i int) int {
	if !t.Literal {
		return t.nonLiteralAt
	}
	if t.offs == nil || len(t.offs) != len(t.Value)+1 {
		return t.Start
	}
	if i < 0 {
		i = 0
	}
	if i > len(t.Value) {
		i = len(t.Value)
	}
	return t.offs[i]
}

// offsetIn returns the byte offset in src of a position relative to src
// (1-based line and column in characters), falling back to p.Offset.
func offsetIn(src string, p diag.Position) int {
	if !p.IsValid() {
		if p.Offset >= 0 && p.Offset <= len(src) {
			return p.Offset
		}
		return 0
	}
	off := 0
	for l := 1; l < p.Line; l++ {
		nl := strings.IndexByte(src[off:], '\n')
		if nl < 0 {
			return len(src)
		}
		off += nl + 1
	}
	for c := 1; c < p.Column && off < len(src) && src[off] != '\n'; c++ {
		_, size := utf8.DecodeRuneInString(src[off:])
		off += size
	}
	return off
}

// file is one input file's text and name.
type file struct {
	Name string
	Src  string
}

// pos returns the diagnostic position of a byte offset in the file.
func (f *file) pos(off int) diag.Position {
	p := diag.PositionAt(f.Src, off)
	p.File = f.Name
	return p
}

// at places a diagnostic at a byte offset of the file, with its source line.
func (f *file) at(d diag.Diagnostic, off int) diag.Diagnostic {
	d.Pos = f.pos(off)
	d.SourceLine = diag.LineAt(f.Src, d.Pos.Line)
	return d
}

// inText maps a diagnostic whose position is relative to t.Value onto the
// file. Its length is mapped too: `”Root”` in a single-quoted YAML string
// is 8 characters of file for 6 of pattern.
func (f *file) inText(d diag.Diagnostic, t *text) diag.Diagnostic {
	i := offsetIn(t.Value, d.Pos)
	start := t.fileOffset(i)
	if d.Len > 1 {
		j := i
		for n := 0; n < d.Len && j < len(t.Value); n++ {
			_, size := utf8.DecodeRuneInString(t.Value[j:])
			j += size
		}
		// The raw span ends where the next character's raw form starts, so
		// an escape at the end is covered; spans across lines keep d.Len.
		if end := t.fileOffset(j); end > start && !strings.Contains(f.Src[start:end], "\n") {
			d.Len = utf8.RuneCountInString(f.Src[start:end])
		}
	}
	return f.at(d, start)
}

// newline offsets helper: lineStart returns the offset of the first byte of
// the line holding off.
func lineStart(src string, off int) int {
	if off > len(src) {
		off = len(src)
	}
	return strings.LastIndexByte(src[:off], '\n') + 1
}

// lineEnd returns the offset of the newline ending the line holding off (or len(src)).
func lineEnd(src string, off int) int {
	if nl := strings.IndexByte(src[off:], '\n'); nl >= 0 {
		return off + nl
	}
	return len(src)
}

func itoa(n int) string { return strconv.Itoa(n) }

// lineIndex holds the offset where each line starts, so converting many
// line:column positions of one file costs a lookup each, not a rescan.
type lineIndex []int

func newLineIndex(src string) lineIndex {
	li := lineIndex{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			li = append(li, i+1)
		}
	}
	return li
}

// offset converts a 1-based line and a 1-based column in characters.
func (li lineIndex) offset(src string, line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(li) {
		return len(src)
	}
	off := li[line-1]
	for c := 1; c < col && off < len(src) && src[off] != '\n'; c++ {
		_, size := utf8.DecodeRuneInString(src[off:])
		off += size
	}
	return off
}
