package jsonscan

import (
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the JSON type of a value.
type Kind uint8

// The JSON types.
const (
	String Kind = iota + 1
	Number
	True
	False
	Null
	Object
	Array
)

var kindNames = [...]string{"invalid", "string", "number", "true", "false", "null", "object", "array"}

// String returns the JSON name of the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// Value is one value found at a selected path. Raw aliases the event: for a
// String it is the text between the quotes with escapes not decoded (Escaped
// says whether there are any); for every other kind it is the value's whole
// JSON text. A Value is only valid during the Visit call that receives it.
type Value struct {
	Kind    Kind
	Escaped bool
	Raw     []byte
}

// AppendText appends the value's text to dst and returns the extended
// buffer: a String decoded exactly as gjson decodes it, anything else its raw
// JSON text. Decoding never makes a string longer than Raw.
func (v Value) AppendText(dst []byte) []byte {
	if v.Kind == String && v.Escaped {
		return appendUnescaped(dst, v.Raw)
	}
	return append(dst, v.Raw...)
}

// appendUnescaped decodes the escapes of a validated JSON string body the way
// gjson's unescape does, so both readers agree byte for byte: a surrogate
// followed by any \u escape is combined with it (an invalid pair becomes
// U+FFFD and the second escape is consumed), a lone surrogate becomes U+FFFD.
func appendUnescaped(dst, raw []byte) []byte {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			dst = append(dst, c)
			continue
		}
		i++
		if i >= len(raw) {
			return dst
		}
		switch raw[i] {
		case '"', '\\', '/':
			dst = append(dst, raw[i])
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			if i+5 > len(raw) {
				return dst
			}
			r := hex4(raw[i+1:])
			i += 5
			if utf16.IsSurrogate(r) && len(raw)-i >= 6 && raw[i] == '\\' && raw[i+1] == 'u' {
				r = utf16.DecodeRune(r, hex4(raw[i+2:]))
				i += 6
			}
			dst = utf8.AppendRune(dst, r)
			i--
		default:
			return dst
		}
	}
	return dst
}

// hex4 decodes four hex digits; a non-digit gives 0, as strconv does for gjson.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0
		}
	}
	return r
}
