package lint

import (
	"strings"
)

// A light lexical reading of patterns that pattern.Parse has already
// accepted: where the property selectors of a JSON pattern are, the field
// names of a space-delimited pattern, and how many regexes a pattern holds.
// The pattern package's API exposes no AST, and these checks need only the
// surface: strings and regexes are skipped, so "$" inside them is not a selector.

// selector is one property selector in a JSON pattern.
type selector struct {
	raw  string   // as written: $.userIdentity.type
	off  int      // byte offset in the pattern
	segs []string // userIdentity, type; "[]" for an index, "*" for a wildcard
}

// norm is the selector in knownFields' notation: a.b[].c
func (s selector) norm() string { return joinSegs(s.segs) }

func joinSegs(segs []string) string {
	var b strings.Builder
	for i, s := range segs {
		if s == "[]" {
			b.WriteString("[]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	return b.String()
}

// skipQuoted returns the index after the string or regex opened at src[i].
func skipQuoted(src string, i int) int {
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		if src[j] == '\\' && q == '"' {
			j++
			continue
		}
		if src[j] == q {
			return j + 1
		}
	}
	return len(src)
}

// jsonSelectors lists the property selectors of a JSON pattern.
func jsonSelectors(src string) []selector {
	var out []selector
	for i := 0; i < len(src); {
		switch src[i] {
		case '"', '%':
			i = skipQuoted(src, i)
		case '$':
			s, n := readSelector(src, i)
			if len(s.segs) > 0 {
				out = append(out, s)
			}
			i += max(n, 1)
		default:
			i++
		}
	}
	return out
}

func isNameByte(c byte) bool {
	return c == '_' || c == '-' || c == '@' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// readSelector reads $.a.b[0]['c.d'].* at src[i]; it returns the selector
// and its length.
func readSelector(src string, i int) (selector, int) {
	s := selector{off: i}
	j := i + 1
	for j < len(src) {
		switch {
		case src[j] == '.' && j+1 < len(src) && src[j+1] == '[':
			j++ // $.['a.b']: the dot before a bracket is decoration
		case src[j] == '.':
			k := j + 1
			if k < len(src) && src[k] == '*' {
				s.segs = append(s.segs, "*")
				j = k + 1
				continue
			}
			for k < len(src) && isNameByte(src[k]) {
				k++
			}
			if k == j+1 {
				goto done
			}
			s.segs = append(s.segs, src[j+1:k])
			j = k
		case src[j] == '[':
			end := strings.IndexByte(src[j:], ']')
			if end < 0 {
				goto done
			}
			inner := src[j+1 : j+end]
			if strings.HasPrefix(inner, "'") {
				// ['a.b'] may contain ']' only inside the quotes.
				q := strings.Index(src[j+2:], "']")
				if q < 0 {
					goto done
				}
				s.segs = append(s.segs, src[j+2:j+2+q])
				j = j + 2 + q + 2
				continue
			}
			s.segs = append(s.segs, "[]")
			if inner == "*" {
				s.segs[len(s.segs)-1] = "[]"
			}
			j += end + 1
		default:
			goto done
		}
	}
done:
	s.raw = src[i:j]
	return s, j - i
}

// spaceFields lists the named fields of a space-delimited pattern
// ([ip, user, ..., status_code = 4*, bytes]).
func spaceFields(src string) []string {
	open := strings.IndexByte(src, '[')
	if open < 0 {
		return nil
	}
	var names []string
	expectName := true
	for i := open + 1; i < len(src); {
		c := src[i]
		switch {
		case c == '"' || c == '%':
			i = skipQuoted(src, i)
			expectName = false
		case c == ',':
			expectName = true
			i++
		case c == '&' || c == '|':
			expectName = true // w1 != ERROR && w1 != WARN: the next name is the same field
			i++
		case expectName && isNameByte(c):
			j := i
			for j < len(src) && isNameByte(src[j]) {
				j++
			}
			names = append(names, src[i:j])
			expectName = false
			i = j
		default:
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				expectName = false
			}
			i++
		}
	}
	return names
}

// regexCount counts the %regex% terms of a pattern.
func regexCount(src string) int {
	n := 0
	for i := 0; i < len(src); {
		switch src[i] {
		case '"':
			i = skipQuoted(src, i)
		case '%':
			i = skipQuoted(src, i)
			n++
		default:
			i++
		}
	}
	return n
}
