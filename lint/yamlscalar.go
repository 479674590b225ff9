package lint

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// yamlScalarAt decodes the YAML scalar whose node starts at off (at its tag
// or anchor, if any) and returns its value with a byte map into src. want is
// the value yaml.v3 decoded; when this decoder disagrees with it (a YAML
// corner it does not model), the value is kept, positions fall back to the
// scalar's start and the value is marked not rewritable, so a position is
// never wrong by more than the scalar and fmt never corrupts a file.
func yamlScalarAt(src string, off int, want string) text {
	off = skipProperties(src, off)
	var t text
	if off < len(src) {
		switch src[off] {
		case '"':
			t = yamlQuoted(src, off, '"')
		case '\'':
			t = yamlQuoted(src, off, '\'')
		case '|', '>':
			t = yamlBlock(src, off)
		default:
			t = yamlPlain(src, off, want)
		}
	}
	t.Literal = true
	if t.Value != want || len(t.offs) != len(want)+1 {
		return text{Value: want, Literal: true, Start: off, End: off}
	}
	return t
}

// skipProperties moves past a node's tag (!Sub, !!str) and anchor (&a) and
// the blanks after them.
func skipProperties(src string, off int) int {
	for off < len(src) && (src[off] == '!' || src[off] == '&') {
		for off < len(src) && !isBlank(src[off]) && src[off] != '\n' && src[off] != '\r' {
			off++
		}
		for off < len(src) {
			switch {
			case isBlank(src[off]) || src[off] == '\n' || src[off] == '\r':
				off++
			case src[off] == '#':
				off = lineEnd(src, off)
			default:
				goto next
			}
		}
	next:
	}
	return off
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// piece is one decoded byte and where it came from.
type piece struct {
	b       byte
	at      int
	escaped bool // from an escape: never trimmed as trailing white space
}

func piecesText(ps []piece, end int) (string, []int) {
	var b strings.Builder
	offs := make([]int, 0, len(ps)+1)
	for _, p := range ps {
		b.WriteByte(p.b)
		offs = append(offs, p.at)
	}
	return b.String(), append(offs, end)
}

// yamlQuoted decodes a single- or double-quoted flow scalar, including
// escapes (double only), ” (single only) and line folding.
func yamlQuoted(src string, off int, q byte) text {
	var ps []piece
	i := off + 1
	for i < len(src) {
		c := src[i]
		switch {
		case c == q && q == '\'' && i+1 < len(src) && src[i+1] == '\'':
			ps = append(ps, piece{'\'', i, true})
			i += 2
		case c == q:
			v, offs := piecesText(ps, i)
			enc := encYAMLDouble
			if q == '\'' {
				enc = encYAMLSingle
			}
			return text{Value: v, offs: offs, Start: off, End: i + 1, enc: encoding{kind: enc}}
		case c == '\\' && q == '"':
			n, out := yamlEscape(src, i)
			if n == 0 {
				return text{}
			}
			if out == "" && n > 1 { // escaped line break: nothing, and no folding
				i += n
				for i < len(src) && isBlank(src[i]) {
					i++
				}
				continue
			}
			for k := 0; k < len(out); k++ {
				ps = append(ps, piece{out[k], i, true})
			}
			i += n
		case c == '\n' || c == '\r':
			// Fold: trailing blanks go, one break is a space, each further
			// empty line is a newline; the next line's indent goes.
			for len(ps) > 0 && !ps[len(ps)-1].escaped && isBlank(ps[len(ps)-1].b) {
				ps = ps[:len(ps)-1]
			}
			at := i
			breaks := 0
			for i < len(src) && (isBlank(src[i]) || src[i] == '\n' || src[i] == '\r') {
				if src[i] == '\n' {
					breaks++
				}
				i++
			}
			if breaks <= 1 {
				ps = append(ps, piece{' ', at, false})
			}
			for k := 1; k < breaks; k++ {
				ps = append(ps, piece{'\n', at, true})
			}
		default:
			ps = append(ps, piece{c, i, false})
			i++
		}
	}
	return text{}
}

// yamlEscape decodes the escape at src[i] ('\\'); it returns the raw length
// and the bytes it stands for (n 0 when invalid).
func yamlEscape(src string, i int) (int, string) {
	if i+1 >= len(src) {
		return 0, ""
	}
	simple := map[byte]string{'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n",
		'v': "\v", 'f': "\f", 'r': "\r", 'e': "\x1b", ' ': " ", '"': "\"", '/': "/", '\\': "\\",
		'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029"}
	e := src[i+1]
	if s, ok := simple[e]; ok {
		return 2, s
	}
	if e == '\n' {
		return 2, ""
	}
	if e == '\r' {
		if i+2 < len(src) && src[i+2] == '\n' {
			return 3, ""
		}
		return 2, ""
	}
	width := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
	if width == 0 || i+2+width > len(src) {
		return 0, ""
	}
	v, err := strconv.ParseUint(src[i+2:i+2+width], 16, 32)
	if err != nil {
		return 0, ""
	}
	return 2 + width, string(rune(v))
}

// yamlPlain maps a plain (unquoted) scalar's decoded value want onto the
// raw text at off. Plain scalars have no escapes; only line folding can make
// the value differ from the raw text.
func yamlPlain(src string, off int, want string) text {
	offs := make([]int, 0, len(want)+1)
	i := off
	for k := 0; k < len(want); k++ {
		b := want[k]
		if i < len(src) && src[i] == b && b != '\n' {
			offs = append(offs, i)
			i++
			continue
		}
		if i >= len(src) || !(isBlank(src[i]) || src[i] == '\n' || src[i] == '\r') {
			return text{}
		}
		// A fold: blanks and line breaks in the raw text stand for one space
		// or for (breaks-1) newlines in the value.
		at := i
		breaks := 0
		for i < len(src) && (isBlank(src[i]) || src[i] == '\n' || src[i] == '\r') {
			if src[i] == '\n' {
				breaks++
			}
			i++
		}
		switch {
		case breaks <= 1 && b == ' ':
			offs = append(offs, at)
		case breaks > 1 && b == '\n':
			for n := 0; n < breaks-1; n++ {
				if k+n >= len(want) || want[k+n] != '\n' {
					return text{}
				}
				offs = append(offs, at)
			}
			k += breaks - 2
		default:
			return text{}
		}
	}
	offs = append(offs, i)
	return text{Value: want, offs: offs, Start: off, End: i, enc: encoding{kind: encYAMLPlain}}
}

// yamlBlock decodes a literal (|) or folded (>) block scalar whose header
// starts at off.
func yamlBlock(src string, off int) text {
	folded := src[off] == '>'
	chomp := byte(0)
	explicit := 0
	i := off + 1
	for i < len(src) {
		c := src[i]
		switch {
		case c == '-' || c == '+':
			chomp = c
		case c >= '1' && c <= '9':
			explicit = int(c - '0')
		default:
			goto header
		}
		i++
	}
header:
	i = lineEnd(src, i)
	if i >= len(src) {
		return text{Value: "", offs: []int{i}, Start: off, End: i}
	}
	bodyStart := i + 1

	// Lines of the body: every line until one that is not blank and is
	// less indented than the content.
	type line struct{ start, end int } // raw line, without its newline
	var lines []line
	indent := -1
	for p := bodyStart; p < len(src); {
		e := lineEnd(src, p)
		raw := strings.TrimSuffix(src[p:e], "\r")
		lead := len(raw) - len(strings.TrimLeft(raw, " "))
		blank := strings.TrimSpace(raw) == ""
		if !blank {
			if indent < 0 {
				if explicit > 0 {
					indent = lineIndentOf(src, off) + explicit
				} else {
					indent = lead
				}
			}
			if lead < indent || indent == 0 {
				break
			}
		}
		lines = append(lines, line{p, p + len(raw)})
		if e >= len(src) {
			break
		}
		p = e + 1
	}
	if indent < 0 {
		indent = 0
	}
	// Trailing blank lines are governed by chomping, not content.
	last := len(lines)
	for last > 0 && strings.TrimSpace(src[lines[last-1].start:lines[last-1].end]) == "" {
		last--
	}
	var ps []piece
	prevNormal := false // previous content line was a non-blank, not more-indented line
	pendingBreaks := 0  // line breaks not yet emitted
	breakAt := bodyStart
	first := true
	for _, ln := range lines[:last] {
		content := ""
		cstart := ln.end
		if ln.end-ln.start > indent {
			cstart = ln.start + indent
			content = src[cstart:ln.end]
		}
		if strings.TrimSpace(content) == "" && strings.TrimSpace(src[ln.start:ln.end]) == "" {
			pendingBreaks++
			if first {
				ps = append(ps, piece{'\n', ln.start, true})
				pendingBreaks--
			}
			continue
		}
		normal := content != "" && content[0] != ' ' && content[0] != '\t'
		if !first {
			switch {
			case folded && prevNormal && normal && pendingBreaks == 1:
				ps = append(ps, piece{' ', breakAt, true})
			case folded && prevNormal && normal:
				for k := 1; k < pendingBreaks; k++ {
					ps = append(ps, piece{'\n', breakAt, true})
				}
			default:
				for k := 0; k < pendingBreaks; k++ {
					ps = append(ps, piece{'\n', breakAt, true})
				}
			}
		}
		for k := 0; k < len(content); k++ {
			ps = append(ps, piece{content[k], cstart + k, true})
		}
		first = false
		prevNormal = normal
		pendingBreaks = 1
		breakAt = ln.end
	}
	contentEnd := bodyStart
	if last > 0 {
		contentEnd = lines[last-1].end
	}
	switch chomp {
	case '-':
	case '+':
		if !first {
			for k := 0; k < pendingBreaks+len(lines)-last; k++ {
				ps = append(ps, piece{'\n', breakAt, true})
			}
		}
	default:
		if !first {
			ps = append(ps, piece{'\n', breakAt, true})
		}
	}
	v, offs := piecesText(ps, contentEnd)
	kind := encYAMLLiteral
	if folded {
		kind = encYAMLFolded
	}
	start := bodyStart
	if last > 0 {
		start = lines[0].start
	}
	return text{Value: v, offs: offs, Start: start, End: contentEnd,
		enc: encoding{kind: kind, indent: strings.Repeat(" ", indent), chomp: chomp}}
}

// lineIndentOf returns the indentation of the line holding off, counting a
// "- " sequence entry marker as indentation as YAML does.
func lineIndentOf(src string, off int) int {
	s := src[lineStart(src, off):]
	n := 0
	for n < len(s) && (s[n] == ' ' || (s[n] == '-' && n+1 < len(s) && s[n+1] == ' ')) {
		n++
	}
	return n
}

// runeLen is the number of characters in s (YAML and HCL columns count them).
func runeLen(s string) int { return utf8.RuneCountInString(s) }
