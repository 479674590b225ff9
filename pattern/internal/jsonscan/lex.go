package jsonscan

import (
	"encoding/binary"
	"math/bits"
)

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// isSpace marks JSON whitespace (RFC 8259: space, tab, LF, CR).
var isSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// skipSpace returns the index of the first non-whitespace byte at or after i.
func skipSpace(d []byte, i int) int {
	for i < len(d) && isSpace[d[i]] {
		i++
	}
	return i
}

// stringEnd finds the closing quote of the string whose body starts at i and
// validates the body on the way: no raw control character, only the escapes
// JSON defines, four hex digits after \u. It reads eight bytes at a time,
// stopping only at a quote, a backslash or a control character.
func stringEnd(d []byte, i int) (end int, escaped, ok bool) {
	for {
		for i+8 <= len(d) {
			w := binary.LittleEndian.Uint64(d[i:])
			// Flipping bit 1 maps '"' (0x22) to 0x20 and keeps every
			// control character below 0x20, so one "less than 0x21" test
			// finds both; a second term finds backslashes. The lowest flag
			// of each term is exact (borrows only run upwards), so the
			// lowest flag of the union is the first byte that needs a look.
			q := w ^ (lsb * 0x02)
			b := w ^ (lsb * '\\')
			m := ((q - lsb*0x21) &^ q) | ((b - lsb) &^ b)
			if m &= msb; m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				goto special
			}
			i += 8
		}
		for ; i < len(d); i++ {
			if c := d[i]; c == '"' || c == '\\' || c < 0x20 {
				goto special
			}
		}
		return i, escaped, false
	special:
		switch d[i] {
		case '"':
			return i, escaped, true
		case '\\':
			escaped = true
			if i+1 >= len(d) {
				return i, escaped, false
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(d) || !isHex[d[i+2]] || !isHex[d[i+3]] || !isHex[d[i+4]] || !isHex[d[i+5]] {
					return i, escaped, false
				}
				i += 6
			default:
				return i, escaped, false
			}
		default:
			return i, escaped, false
		}
	}
}

var isHex = func() (t [256]bool) {
	for _, c := range "0123456789abcdefABCDEF" {
		t[c] = true
	}
	return t
}()

// numberEnd returns the end of the number starting at i, which must follow
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?. What follows is the caller's
// business: "01" is the number 0 followed by a stray 1.
func numberEnd(d []byte, i int) (int, bool) {
	if i < len(d) && d[i] == '-' {
		i++
	}
	if i >= len(d) {
		return i, false
	}
	switch {
	case d[i] == '0':
		i++
	case d[i] >= '1' && d[i] <= '9':
		i = digits(d, i+1)
	default:
		return i, false
	}
	if i < len(d) && d[i] == '.' {
		j := digits(d, i+1)
		if j == i+1 {
			return j, false
		}
		i = j
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		j := digits(d, i)
		if j == i {
			return j, false
		}
		i = j
	}
	return i, true
}

func digits(d []byte, i int) int {
	for i < len(d) && d[i] >= '0' && d[i] <= '9' {
		i++
	}
	return i
}

// literalEnd checks for true, false or null at i (d[i] is its first letter).
func literalEnd(d []byte, i int) (int, Kind, bool) {
	switch d[i] {
	case 't':
		if len(d)-i >= 4 && string(d[i:i+4]) == "true" {
			return i + 4, True, true
		}
	case 'f':
		if len(d)-i >= 5 && string(d[i:i+5]) == "false" {
			return i + 5, False, true
		}
	case 'n':
		if len(d)-i >= 4 && string(d[i:i+4]) == "null" {
			return i + 4, Null, true
		}
	}
	return i, 0, false
}
