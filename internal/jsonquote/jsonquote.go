// Package jsonquote writes JSON strings that stay readable: only what JSON
// requires is escaped, the way Python's json.dumps(ensure_ascii=False) (and so
// the AWS CLI) writes them, not encoding/json's HTML-safe \u003c forms. cwpat
// prints TestMetricFilter responses with it and rewrites patterns inside JSON
// files with it.
package jsonquote

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Quote returns s as a JSON string, escaped as Python's json.dumps(ensure_ascii=False) does:
// only '"', '\\' and control characters below U+0020 are escaped (\n, \r,
// \t, \b, \f by name, the rest as \u00xx). Invalid UTF-8 becomes U+FFFD.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r) // utf8.RuneError for invalid bytes: U+FFFD
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
