package lint

import (
	"fmt"
	"strings"
)

// HashiCorp's HCL parser recurses once per level of nesting, and Go cannot
// recover from a stack overflow: a 2 MB Terraform file of nested brackets,
// unary operators or splats kills the whole run, and every other file's
// findings with it. So the nesting is measured with a small scanner before
// the parser sees the file, as the YAML and JSON readers bound theirs.

// maxHCLDepth is the deepest nesting lint parses. Real Terraform stays
// under 30; the parser overflows Go's stack somewhere above 100,000.
const maxHCLDepth = 1000

// hclFrame is one open bracket (or ${ interpolation) and the unary
// operators and splats pending inside it, each a level of the parser's
// recursion until the expression ends.
type hclFrame struct {
	close  byte
	interp bool
	ret    hclMode // the mode an interpolation returns to
	run    int
}

// hclMode is where the scanner is: code, a quoted string or a heredoc.
type hclMode struct {
	kind   byte // 'c' code, 's' quoted string, 'h' heredoc
	marker string
}

// hclTooDeep returns the offset where src nests deeper than limit, or -1.
// It over-counts rather than under-counts: an operator in a long chain
// (a - b - c) counts as a level even where the parser loops.
func hclTooDeep(src string, limit int) int {
	frames := []hclFrame{{}}
	depth := 0
	mode := hclMode{kind: 'c'}
	reset := func() {
		top := &frames[len(frames)-1]
		depth -= top.run
		top.run = 0
	}
	bump := func() bool {
		frames[len(frames)-1].run++
		depth++
		return depth > limit
	}
	lineStart := true
	for i := 0; i < len(src); i++ {
		c := src[i]
		if mode.kind == 'h' {
			if lineStart {
				end := strings.IndexByte(src[i:], '\n')
				line := src[i:]
				if end >= 0 {
					line = src[i : i+end]
				}
				if strings.TrimSpace(line) == mode.marker {
					mode = hclMode{kind: 'c'}
					i += len(line) - 1
					lineStart = false
					continue
				}
			}
			lineStart = c == '\n'
		}
		switch mode.kind {
		case 's', 'h':
			switch {
			case c == '\\' && mode.kind == 's':
				i++
			case c == '\n' && mode.kind == 's':
				mode = hclMode{kind: 'c'} // an unterminated string ends at the line, as HCL's scanner ends it
				i--
			case c == '"' && mode.kind == 's':
				mode = hclMode{kind: 'c'}
			case (c == '$' || c == '%') && strings.HasPrefix(src[i+1:], string(c)+"{"):
				i += 2 // $${ is a literal ${
			case (c == '$' || c == '%') && strings.HasPrefix(src[i+1:], "{"):
				frames = append(frames, hclFrame{close: '}', interp: true, ret: mode})
				depth++
				if depth > limit {
					return i
				}
				mode = hclMode{kind: 'c'}
				i++
			}
			continue
		}
		switch c {
		case '#':
			i = skipTo(src, i, "\n") - 1
		case '/':
			if strings.HasPrefix(src[i:], "//") {
				i = skipTo(src, i, "\n") - 1
			} else if strings.HasPrefix(src[i:], "/*") {
				i = skipTo(src, i+2, "*/") + 1
			}
		case '"':
			mode = hclMode{kind: 's'}
		case '<':
			if m, n := heredocStart(src[i:]); n > 0 {
				mode = hclMode{kind: 'h', marker: m}
				i += n - 1
				lineStart = true
			}
		case '{', '(', '[':
			if c == '[' && isSplat(src[i:]) {
				if bump() {
					return i
				}
				continue
			}
			frames = append(frames, hclFrame{close: map[byte]byte{'{': '}', '(': ')', '[': ']'}[c]})
			depth++
			if depth > limit {
				return i
			}
		case '}', ')', ']':
			if len(frames) > 1 {
				reset()
				top := frames[len(frames)-1]
				frames = frames[:len(frames)-1]
				depth--
				if top.interp {
					mode = top.ret
				}
			}
		case '!', '-':
			if bump() {
				return i
			}
		case '.':
			if strings.HasPrefix(src[i:], ".*") && bump() {
				return i
			}
		case ',':
			reset()
		case '\n':
			if top := frames[len(frames)-1]; top.close == '}' || top.close == 0 {
				reset() // a newline ends an attribute or object item
			}
		}
	}
	return -1
}

// skipTo returns the offset of the first end at or after i, or len(src).
func skipTo(src string, i int, end string) int {
	if j := strings.Index(src[i:], end); j >= 0 {
		return i + j
	}
	return len(src)
}

// isSplat reports whether s starts with [*] (spaces allowed inside).
func isSplat(s string) bool {
	t := strings.TrimLeft(s[1:], " \t")
	if !strings.HasPrefix(t, "*") {
		return false
	}
	return strings.HasPrefix(strings.TrimLeft(t[1:], " \t"), "]")
}

// heredocStart reads "<<EOT\n" or "<<-EOT\n" at the start of s: the marker
// and how many bytes the opener takes, or 0 when s does not open a heredoc.
func heredocStart(s string) (string, int) {
	if !strings.HasPrefix(s, "<<") {
		return "", 0
	}
	i := 2
	if i < len(s) && s[i] == '-' {
		i++
	}
	j := i
	for j < len(s) && (s[j] == '_' || s[j] == '-' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
		j++
	}
	if j == i {
		return "", 0
	}
	k := j
	if k < len(s) && s[k] == '\r' {
		k++
	}
	if k >= len(s) || s[k] != '\n' {
		return "", 0
	}
	return s[i:j], k + 1
}

// tooDeepError is the syntax error for a file over maxHCLDepth.
func tooDeepError(off int) error {
	return &syntaxError{Off: off, code: CodeHCLTooDeep,
		Msg:  fmt.Sprintf("nested more than %d levels deep (brackets, unary operators and splats): lint does not parse it", maxHCLDepth),
		Hint: "Terraform configurations nest a few levels; a file this deep is generated or hostile"}
}
