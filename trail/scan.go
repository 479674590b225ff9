package trail

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// scanner validates one JSON value in a single pass and notes what trail
// needs from it: where the value ends, whether it holds insignificant
// whitespace (so the record must be compacted before it becomes a log event
// message), and the spans of a few top-level string fields. It accepts exactly
// what encoding/json.Valid accepts (the fuzz test holds it to that), at several
// times the speed, and it never allocates once its stack has grown.
type scanner struct {
	stack  []byte // open containers, '{' or '['
	spaced bool   // whitespace between tokens: the value is not compact
	fields [numFields]span
}

// Top-level string fields the scanner records.
const (
	fieldEventTime       = iota // every CloudTrail record has one
	fieldCloudTrailEvent        // lookup-events output wraps the record in this string
	fieldDigestStartTime        // CloudTrail digest files (integrity validation) have this, not records
	fieldMessage                // filter-log-events / get-log-events output holds the record in this string
	numFields
)

var fieldNames = [numFields]string{"eventTime", "CloudTrailEvent", "digestStartTime", "message"}

// span is the byte range of a string's contents (without the quotes); start
// is -1 when the field is absent or not a string. esc reports whether the
// contents hold escapes.
type span struct {
	start, end int
	esc        bool
}

// scanError is a syntax error at byte off of the scanned input. incomplete
// means the input ended inside the value: more input may complete it.
type scanError struct {
	off        int
	msg        string
	incomplete bool
}

func (e *scanError) Error() string { return e.msg }

// Scanner states.
const (
	stValue = iota // a value must start here
	stAfter        // a value ended: ',' or a closing bracket, or the end
	stKey          // an object key must start here
)

// strStop marks the bytes that end a fast run inside a string.
var strStop = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// quoteChar renders a byte as encoding/json does in its messages.
func quoteChar(c byte) string {
	switch {
	case c == '\'':
		return `'\''`
	case c == '"':
		return `'"'`
	case c < 0x20 || c >= 0x7f:
		return fmt.Sprintf("byte 0x%02x", c)
	}
	return "'" + string(c) + "'"
}

// scan scans the JSON value at the start of b (no leading whitespace) and
// returns its length.
func (s *scanner) scan(b []byte) (int, *scanError) {
	s.stack = s.stack[:0]
	s.spaced = false
	for f := range s.fields {
		s.fields[f] = span{start: -1}
	}
	pending := -1 // the top-level field whose value starts next
	i, state := 0, stValue
	for {
		if state == stAfter && len(s.stack) == 0 {
			return i, nil
		}
		if state != stValue || len(s.stack) > 0 {
			j := i
			for j < len(b) && isSpace(b[j]) {
				j++
			}
			if j != i {
				s.spaced = true
				i = j
			}
		}
		if i >= len(b) {
			return i, &scanError{off: i, msg: "unexpected end of JSON input", incomplete: true}
		}
		c := b[i]
		switch state {
		case stValue:
			field := pending
			pending = -1
			switch {
			case c == '{' || c == '[':
				if len(s.stack) >= maxDepth {
					return i, &scanError{off: i, msg: fmt.Sprintf("JSON nested deeper than %d levels", maxDepth)}
				}
				s.stack = append(s.stack, c)
				i++
				j := i
				for j < len(b) && isSpace(b[j]) {
					j++
				}
				if j != i {
					s.spaced = true
					i = j
				}
				if i >= len(b) {
					return i, &scanError{off: i, msg: "unexpected end of JSON input", incomplete: true}
				}
				if (c == '{' && b[i] == '}') || (c == '[' && b[i] == ']') {
					s.stack = s.stack[:len(s.stack)-1]
					i++
					state = stAfter
				} else if c == '{' {
					state = stKey
				}
				continue
			case c == '"':
				end, esc, err := scanString(b, i)
				if err != nil {
					return i, err
				}
				if field >= 0 {
					s.fields[field] = span{start: i + 1, end: end - 1, esc: esc}
				}
				i = end
			case c == '-' || (c >= '0' && c <= '9'):
				end, err := scanNumber(b, i)
				if err != nil {
					return i, err
				}
				i = end
			case c == 't' || c == 'f' || c == 'n':
				end, err := scanLiteral(b, i)
				if err != nil {
					return i, err
				}
				i = end
			default:
				return i, &scanError{off: i, msg: "invalid character " + quoteChar(c) + " looking for beginning of value"}
			}
			state = stAfter
		case stAfter:
			top := s.stack[len(s.stack)-1]
			switch {
			case c == ',':
				i++
				if top == '{' {
					state = stKey
				} else {
					state = stValue
				}
			case (top == '{' && c == '}') || (top == '[' && c == ']'):
				s.stack = s.stack[:len(s.stack)-1]
				i++
			case top == '{':
				return i, &scanError{off: i, msg: "invalid character " + quoteChar(c) + " after object key:value pair"}
			default:
				return i, &scanError{off: i, msg: "invalid character " + quoteChar(c) + " after array element"}
			}
		case stKey:
			if c != '"' {
				return i, &scanError{off: i, msg: "invalid character " + quoteChar(c) + " looking for beginning of object key string"}
			}
			end, _, err := scanString(b, i)
			if err != nil {
				return i, err
			}
			if len(s.stack) == 1 {
				key := b[i+1 : end-1]
				for f, name := range fieldNames {
					if string(key) == name {
						pending = f
					}
				}
			}
			i = end
			for i < len(b) && isSpace(b[i]) {
				i++
				s.spaced = true
			}
			if i >= len(b) {
				return i, &scanError{off: i, msg: "unexpected end of JSON input", incomplete: true}
			}
			if b[i] != ':' {
				return i, &scanError{off: i, msg: "invalid character " + quoteChar(b[i]) + " after object key"}
			}
			i++
			state = stValue
		}
	}
}

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

// scanString scans the string starting at b[i] == '"' and returns the offset
// after its closing quote and whether it holds escapes.
func scanString(b []byte, i int) (int, bool, *scanError) {
	esc := false
	i++
	for {
		i = runEnd(b, i)
		if i >= len(b) {
			return i, esc, &scanError{off: i, msg: "unexpected end of JSON input", incomplete: true}
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1, esc, nil
		case c == '\\':
			esc = true
			if i+1 >= len(b) {
				return i, esc, &scanError{off: i + 1, msg: "unexpected end of JSON input", incomplete: true}
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for k := 2; k < 6; k++ {
					if i+k >= len(b) {
						return i, esc, &scanError{off: i + k, msg: "unexpected end of JSON input", incomplete: true}
					}
					if !isHex(b[i+k]) {
						return i, esc, &scanError{off: i + k, msg: "invalid character " + quoteChar(b[i+k]) + " in \\u hexadecimal character escape"}
					}
				}
				i += 6
			default:
				return i, esc, &scanError{off: i + 1, msg: "invalid character " + quoteChar(b[i+1]) + " in string escape code"}
			}
		default:
			return i, esc, &scanError{off: i, msg: "invalid character " + quoteChar(c) + " in string literal"}
		}
	}
}

// runEnd returns the index of the first byte at or after i that ends a run
// of string contents ('"', '\\' or a control character), or len(b). It
// reads eight bytes at a time: most of a CloudTrail record is string
// contents. The lowest lane stopMask flags is exact, so the byte that ends
// the run is found without a second look.
func runEnd(b []byte, i int) int {
	for i+8 <= len(b) {
		if m := stopMask(binary.LittleEndian.Uint64(b[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
	for i < len(b) && !strStop[b[i]] {
		i++
	}
	return i
}

// SWAR constants: one byte repeated in every lane.
const (
	lanes01 = 0x0101010101010101
	lanes80 = 0x8080808080808080
)

// stopMask flags (in a lane's high bit) the bytes of v that are '"', '\\'
// or a control character (< 0x20). A lane is flagged when subtracting from
// it borrows into its high bit while that bit was clear; bytes >= 0x80 never
// flag. A borrow only carries out of a lane that is itself a match, so
// false flags sit above a true one: the lowest flagged lane is exact.
func stopMask(v uint64) uint64 {
	quote := v ^ (lanes01 * '"')
	slash := v ^ (lanes01 * '\\')
	return ((quote-lanes01)&^quote | (slash-lanes01)&^slash | (v-lanes01*0x20)&^v) & lanes80
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// scanNumber scans a JSON number starting at b[i]. A number that runs to the
// end of b is incomplete: more digits may follow.
func scanNumber(b []byte, i int) (int, *scanError) {
	eof := func(j int) (int, *scanError) {
		return j, &scanError{off: j, msg: "unexpected end of JSON input", incomplete: true}
	}
	bad := func(j int, where string) (int, *scanError) {
		return j, &scanError{off: j, msg: "invalid character " + quoteChar(b[j]) + " " + where}
	}
	if b[i] == '-' {
		i++
		if i >= len(b) {
			return eof(i)
		}
		if !isDigit(b[i]) {
			return bad(i, "in numeric literal")
		}
	}
	if b[i] == '0' {
		i++
	} else {
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) {
			return eof(i)
		}
		if !isDigit(b[i]) {
			return bad(i, "after decimal point in numeric literal")
		}
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) {
			return eof(i)
		}
		if !isDigit(b[i]) {
			return bad(i, "in exponent of numeric literal")
		}
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	}
	if i >= len(b) {
		return eof(i)
	}
	return i, nil
}

// scanLiteral scans true, false or null starting at b[i].
func scanLiteral(b []byte, i int) (int, *scanError) {
	var lit string
	switch b[i] {
	case 't':
		lit = "true"
	case 'f':
		lit = "false"
	default:
		lit = "null"
	}
	for k := 1; k < len(lit); k++ {
		if i+k >= len(b) {
			return i + k, &scanError{off: i + k, msg: "unexpected end of JSON input", incomplete: true}
		}
		if b[i+k] != lit[k] {
			return i + k, &scanError{off: i + k, msg: "invalid character " + quoteChar(b[i+k]) + " in literal " + lit + " (expecting " + quoteChar(lit[k]) + ")"}
		}
	}
	return i + len(lit), nil
}

// compact appends src, a valid JSON value, to dst without insignificant
// whitespace, as encoding/json.Compact does (strings are copied verbatim).
func compact(dst, src []byte) []byte {
	inStr := false
	start := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		if inStr {
			switch c {
			case '\\':
				i++
			case '"':
				inStr = false
			}
			continue
		}
		switch {
		case c == '"':
			inStr = true
		case isSpace(c):
			dst = append(dst, src[start:i]...)
			start = i + 1
		}
	}
	return append(dst, src[start:]...)
}
