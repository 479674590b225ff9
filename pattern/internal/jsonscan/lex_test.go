package jsonscan

import (
	"bytes"
	"testing"
)

// stringEndSlow is stringEnd one byte at a time, the obvious way.
func stringEndSlow(d []byte, i int) (int, bool, bool) {
	escaped := false
	for i < len(d) {
		switch c := d[i]; {
		case c == '"':
			return i, escaped, true
		case c < 0x20:
			return i, escaped, false
		case c == '\\':
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
			i++
		}
	}
	return i, escaped, false
}

// TestStringEndEveryByte puts every byte value at every position of the
// eight-byte words stringEnd reads at once, followed by a closing quote or
// not, and compares with the byte-at-a-time version.
func TestStringEndEveryByte(t *testing.T) {
	for n := 1; n <= 19; n++ {
		for p := 0; p < n; p++ {
			for c := 0; c < 256; c++ {
				for _, tail := range []string{`"`, ``, `\u0041"`, `\"x"`} {
					d := append(bytes.Repeat([]byte{'a'}, n), tail...)
					d[p] = byte(c)
					e1, s1, ok1 := stringEnd(d, 0)
					e2, s2, ok2 := stringEndSlow(d, 0)
					if e1 != e2 || s1 != s2 || ok1 != ok2 {
						t.Fatalf("%q: stringEnd = %d %v %v, byte by byte %d %v %v", d, e1, s1, ok1, e2, s2, ok2)
					}
				}
			}
		}
	}
}
