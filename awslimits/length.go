package awslimits

import "unicode/utf8"

// Length is a string's length as AWS's validators count it: UTF-16 code
// units, so a character outside the Basic Multilingual Plane counts twice.
// Invalid UTF-8 bytes count one each, as they decode to U+FFFD.
func Length(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n++
		if r > 0xFFFF {
			n++
		}
		i += size
	}
	return n
}
