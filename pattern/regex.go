package pattern

import (
	"regexp"
	"strings"
)

// AWS documents a small regex dialect inside %...%: letters, digits, the
// symbols : _ # = @ / ; , - (and, in its own examples, space), the operators
// ^ $ ? [ ] { } | \ * + . and the escapes \d \D \s \S \w \W \xhh. Parentheses
// are refused even when escaped, as is anything outside ASCII. Go's RE2
// accepts far more, so the whitelist is enforced here before compiling.

func regexCharAllowed(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte(":_#=@/;,- ^$?[]{}|\\*+.", c) >= 0
}

// badRegexChars returns the distinct characters of body AWS refuses, in
// order, each non-ASCII character shown as '?' as AWS shows it, and the byte
// offset of the first one (-1 if none).
func badRegexChars(body string) (string, int) {
	shown, _, first := badRegexCharsBoth(body)
	return shown, first
}

// badRegexCharsBoth is badRegexChars that also returns the characters as
// written, for cwpat's own message.
func badRegexCharsBoth(body string) (shownAWS, actual string, first int) {
	var bad, real []rune
	realSeen := map[rune]bool{}
	first = -1
	seen := map[rune]bool{}
	for i, r := range body {
		if r < 0x80 && regexCharAllowed(byte(r)) {
			continue
		}
		if first < 0 {
			first = i
		}
		if !realSeen[r] {
			realSeen[r] = true
			real = append(real, r)
		}
		shown := r
		if r >= 0x80 {
			shown = '?'
		}
		if !seen[shown] {
			seen[shown] = true
			bad = append(bad, shown)
		}
	}
	return string(bad), string(real), first
}

// translateRegex turns AWS's dialect into RE2 syntax: the only difference
// that matters is the quantifier with an omitted lower bound, {,n}, which
// AWS documents and RE2 would read as literal text.
func translateRegex(body string) string {
	if !strings.Contains(body, "{,") {
		return body
	}
	var b strings.Builder
	inClass := false
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\\' && i+1 < len(body):
			b.WriteByte(c)
			b.WriteByte(body[i+1])
			i++
			continue
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '{' && !inClass && i+1 < len(body) && body[i+1] == ',':
			b.WriteString("{0")
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// compileRegex compiles the body of a %regex% (without the percent signs).
func compileRegex(body string) (*regexp.Regexp, error) {
	return regexp.Compile(translateRegex(body))
}
