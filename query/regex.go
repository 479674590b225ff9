package query

import (
	"fmt"
	"strings"
)

// portableRegex rewrites the body of a %regex% (AWS's dialect, already
// checked by the pattern package) into text that Go's RE2 (cwpat's
// matcher), DuckDB's RE2 and Trino's Java-syntax engine all read the same
// way:
//
//   - '.' becomes [^\n] (Java's '.' also stops at \r and Unicode line ends);
//   - '$' becomes \z (Java's '$' also matches before a final line break);
//   - \s and \S become explicit classes (Java's \s also holds \x0B);
//   - {,n} becomes {0,n} (AWS documents it; RE2 reads it as text);
//   - '{' or '}' that is not a quantifier, and '[' or a leading ']' inside a
//     class, are escaped (Java refuses or nests them; RE2 reads them as text).
//
// Escapes with no identical meaning in all three (\b, \pL, \Q...) are
// refused rather than approximated.
func portableRegex(body string) (string, error) {
	var b strings.Builder
	inClass, classStart := false, false
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '\\' {
			if i+1 >= len(body) {
				return "", fmt.Errorf("the regex %%%s%% ends with a backslash", body)
			}
			e := body[i+1]
			i++
			switch {
			case e == 's':
				if inClass {
					b.WriteString(`\t\n\f\r `)
				} else {
					b.WriteString(`[\t\n\f\r ]`)
				}
			case e == 'S':
				if inClass {
					return "", fmt.Errorf("\\S inside a character class in %%%s%% has no portable spelling", body)
				}
				b.WriteString(`[^\t\n\f\r ]`)
			case strings.IndexByte("dDwWtnrf", e) >= 0:
				b.WriteByte('\\')
				b.WriteByte(e)
			case e == 'x':
				b.WriteString(`\x`)
			case !isAlnum(e) && e < 0x80:
				b.WriteByte('\\')
				b.WriteByte(e)
			default:
				return "", fmt.Errorf("the escape \\%c in %%%s%% means different things in CloudWatch's and the engine's regex syntax", e, body)
			}
			classStart = false
			continue
		}
		if inClass {
			switch {
			case c == ']' && !classStart:
				inClass = false
				b.WriteByte(c)
			case c == ']' || c == '[':
				b.WriteString(`\` + string(c))
			default:
				b.WriteByte(c)
			}
			classStart = false
			continue
		}
		switch c {
		case '[':
			inClass, classStart = true, true
			b.WriteByte(c)
			if i+1 < len(body) && body[i+1] == '^' {
				b.WriteByte('^')
				i++ // a ']' right after [^ is still literal
			}
		case '.':
			b.WriteString(`[^\n]`)
		case '$':
			b.WriteString(`\z`)
		case '{':
			if n, ok := quantifier(body[i:]); ok {
				if strings.HasPrefix(body[i:], "{,") {
					b.WriteString("{0" + body[i+1:i+n])
				} else {
					b.WriteString(body[i : i+n])
				}
				i += n - 1
			} else {
				b.WriteString(`\{`)
			}
		case '}':
			b.WriteString(`\}`)
		default:
			b.WriteByte(c)
		}
	}
	if inClass {
		return "", fmt.Errorf("the regex %%%s%% has an unclosed '['", body)
	}
	return b.String(), nil
}

// quantifier reports whether s starts with {n}, {n,}, {n,m} or {,m}, and its
// length.
func quantifier(s string) (int, bool) {
	i := 1
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	lo := digits()
	if i < len(s) && s[i] == '}' {
		return i + 1, lo > 0
	}
	if i >= len(s) || s[i] != ',' {
		return 0, false
	}
	i++
	hi := digits()
	if i < len(s) && s[i] == '}' && (lo > 0 || hi > 0) {
		return i + 1, true
	}
	return 0, false
}
