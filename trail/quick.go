package trail

import (
	"encoding/binary"
	"math/bits"
)

// quickRecord is the workers' fast check of one NDJSON line: it validates
// the compact JSON object at the start of b and returns its length and the
// span of its last top-level "eventTime" string, as scanner.scan would.
//
// It handles only what CloudTrail writes: a compact object (no whitespace
// between tokens), nested at most quickMaxDepth deep, whose first member
// does not wrap an array of records. For anything else (whitespace, deeper
// nesting, a wrapper, an error) it reports false and the caller asks
// scanner.scan, which knows every case and every error message; it never
// reports true for input scanner.scan would refuse or read differently
// (FuzzQuickRecord holds it to that).
//
// It is a separate function rather than a mode of scanner.scan because the
// common case then runs as straight-line code: no whitespace loops, no
// field-name table, and the container stack in a word.
func quickRecord(b []byte) (n int, et span, ok bool) {
	et = span{start: -1}
	if len(b) < 2 || b[0] != '{' {
		return 0, et, false
	}
	var (
		arrays     uint64 // bit d: the container at depth d is an array
		depth      = 1    // containers open
		i          = 1
		eventTime  bool // the value starting at i is the top-level "eventTime"'s
		wrapperKey bool // the value starting at i is the first top-level member's, whose key names a wrapper
		first      = true
		start, end int
		esc, good  bool
	)
	if b[1] == '}' {
		return 2, et, true
	}
key:
	if i >= len(b) || b[i] != '"' {
		return 0, et, false
	}
	start = i + 1
	end, esc, good = quickString(b, start)
	if !good || end+1 >= len(b) || b[end+1] != ':' {
		return 0, et, false
	}
	if depth == 1 {
		k := b[start:end]
		eventTime = !esc && len(k) == 9 && string(k) == "eventTime"
		if first {
			first = false
			wrapperKey = !esc && (string(k) == "Records" || string(k) == "Events" || string(k) == "events")
		}
	}
	i = end + 2
value:
	if i >= len(b) {
		return 0, et, false
	}
	switch c := b[i]; c {
	case '"':
		start = i + 1
		end, esc, good = quickString(b, start)
		if !good {
			return 0, et, false
		}
		if eventTime {
			et = span{start: start, end: end, esc: esc}
		}
		i = end + 1
	case '{', '[':
		if depth >= quickMaxDepth || (wrapperKey && c == '[') {
			return 0, et, false
		}
		depth++
		arrays &^= 1 << depth
		if c == '[' {
			arrays |= 1 << depth
		}
		eventTime, wrapperKey = false, false
		i++
		if i < len(b) && b[i] == c+2 { // '{'+2 is '}', '['+2 is ']'
			depth--
			i++
			goto after
		}
		if c == '{' {
			goto key
		}
		goto value
	case 't', 'f', 'n':
		lit := "null"
		if c == 't' {
			lit = "true"
		} else if c == 'f' {
			lit = "false"
		}
		if len(b)-i < len(lit) || string(b[i:i+len(lit)]) != lit {
			return 0, et, false
		}
		i += len(lit)
	default:
		if c != '-' && (c < '0' || c > '9') {
			return 0, et, false
		}
		e, err := scanNumber(b, i)
		if err != nil {
			return 0, et, false
		}
		i = e
	}
	eventTime, wrapperKey = false, false
after:
	if depth == 0 {
		return i, et, true
	}
	if i >= len(b) {
		return 0, et, false
	}
	switch b[i] {
	case ',':
		i++
		if arrays&(1<<depth) != 0 {
			goto value
		}
		goto key
	case '}':
		if arrays&(1<<depth) != 0 {
			return 0, et, false
		}
	case ']':
		if arrays&(1<<depth) == 0 {
			return 0, et, false
		}
	default:
		return 0, et, false
	}
	depth--
	i++
	goto after
}

// quickMaxDepth bounds the nesting quickRecord follows (its stack is one
// word); deeper records go to scanner.scan.
const quickMaxDepth = 63

// quickString scans string contents starting at b[i] (after the opening
// quote) and returns the index of the closing quote and whether the
// contents hold escapes. ok is false for anything scanString would refuse,
// and for a string that runs to the end of b.
func quickString(b []byte, i int) (end int, esc, ok bool) {
	for {
		// runEnd's loop, written out: a call per string costs this hot
		// path about a tenth of its speed (runEnd is too large to inline).
		for i+8 <= len(b) {
			if m := stopMask(binary.LittleEndian.Uint64(b[i:])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				goto stop
			}
			i += 8
		}
		for i < len(b) && !strStop[b[i]] {
			i++
		}
	stop:
		if i >= len(b) {
			return 0, esc, false
		}
		switch b[i] {
		case '"':
			return i, esc, true
		case '\\':
			esc = true
			if i+1 >= len(b) {
				return 0, esc, false
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(b) || !isHex(b[i+2]) || !isHex(b[i+3]) || !isHex(b[i+4]) || !isHex(b[i+5]) {
					return 0, esc, false
				}
				i += 6
			default:
				return 0, esc, false
			}
		default: // a control character
			return 0, esc, false
		}
	}
}
