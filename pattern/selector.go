package pattern

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// SegmentKind is the kind of one step of a selector.
type SegmentKind int

// Selector steps.
const (
	KeySegment      SegmentKind = iota // .name or .['dotted.name']
	IndexSegment                       // [n]
	WildcardSegment                    // .* or [*]: any object field or array element
)

// Segment is one step of a JSON property selector.
type Segment struct {
	Kind  SegmentKind
	Key   string // KeySegment
	Index int    // IndexSegment
}

// Selector is a parsed JSON property selector such as `$.a.b[0].*`. It is
// read-only.
type Selector struct {
	text string // as written
	segs []Segment
}

// Text is the selector as written.
func (s *Selector) Text() string { return s.text }

// Segments returns the selector's steps after the leading '$', in order.
// The slice is a copy.
func (s *Selector) Segments() []Segment { return append([]Segment(nil), s.segs...) }

// Wildcards counts the wildcard steps (AWS allows one per selector).
func (s *Selector) Wildcards() int {
	n := 0
	for _, seg := range s.segs {
		if seg.Kind == WildcardSegment {
			n++
		}
	}
	return n
}

// String renders the selector canonically: .name where the name is plain,
// .['key'] otherwise, [n], and .* / [*] for wildcards after a key / index.
func (s *Selector) String() string {
	var b strings.Builder
	b.WriteByte('$')
	for i, seg := range s.segs {
		switch seg.Kind {
		case KeySegment:
			if isPlainName(seg.Key) {
				b.WriteString("." + seg.Key)
			} else {
				b.WriteString(".['" + seg.Key + "']")
			}
		case IndexSegment:
			b.WriteString("[" + strconv.Itoa(seg.Index) + "]")
		case WildcardSegment:
			if i > 0 && s.segs[i-1].Kind == IndexSegment {
				b.WriteString("[*]")
			} else {
				b.WriteString(".*")
			}
		}
	}
	return b.String()
}

// isPlainName reports whether name may follow a '.' unbracketed: AWS allows
// letters, digits, '-' and '_'.
func isPlainName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isNameByte(name[i]) {
			return false
		}
	}
	return true
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// selectorError is a problem at a byte offset inside a selector's text.
type selectorError struct {
	off  int
	msg  string
	hint string
}

// parseSelector reads a selector's text. The error's offset is relative to
// text.
func parseSelector(text string) (*Selector, *selectorError) {
	if !strings.HasPrefix(text, "$.") && !strings.HasPrefix(text, "$[") {
		return nil, &selectorError{0, fmt.Sprintf("property selector %q must start with '$.'", text),
			"JSON patterns select properties with $. as in { $.eventName = \"ConsoleLogin\" }"}
	}
	if strings.HasPrefix(text, "$[") && !strings.HasPrefix(text, "$['") {
		return nil, &selectorError{1, "a JSON pattern only matches events that are JSON objects, so a selector must start with '$.'",
			"select a property first, as in $.items[0]"}
	}
	sel := &Selector{text: text}
	i := 1
	for i < len(text) {
		switch text[i] {
		case '.':
			i++
			switch {
			case i >= len(text):
				return nil, &selectorError{i - 1, "property selector ends with '.'", "name a property after the '.'"}
			case text[i] == '*':
				sel.segs = append(sel.segs, Segment{Kind: WildcardSegment})
				i++
			case text[i] == '[':
				seg, n, err := parseBracket(text, i)
				if err != nil {
					return nil, err
				}
				if seg.Kind != KeySegment {
					return nil, &selectorError{i - 1, "'.' before an array index", "write $.list[0], not $.list.[0]"}
				}
				sel.segs = append(sel.segs, seg)
				i = n
			default:
				start := i
				for i < len(text) && isNameByte(text[i]) {
					i++
				}
				if i == start {
					r, _ := utf8.DecodeRuneInString(text[i:])
					return nil, &selectorError{i, fmt.Sprintf("invalid character %q in property selector", r),
						"property names may hold letters, digits, '-' and '_'; for other characters use $.['name']"}
				}
				sel.segs = append(sel.segs, Segment{Kind: KeySegment, Key: text[start:i]})
			}
		case '[':
			seg, n, err := parseBracket(text, i)
			if err != nil {
				return nil, err
			}
			sel.segs = append(sel.segs, seg)
			i = n
		default:
			r, _ := utf8.DecodeRuneInString(text[i:])
			return nil, &selectorError{i, fmt.Sprintf("invalid character %q in property selector", r),
				"property names may hold letters, digits, '-' and '_'; for other characters use $.['name']"}
		}
	}
	return sel, nil
}

// parseBracket reads `[n]`, `[*]` or `['key']` starting at text[i] == '['
// and returns the segment and the offset after the ']'.
func parseBracket(text string, i int) (Segment, int, *selectorError) {
	open := i
	i++
	if i < len(text) && text[i] == '\'' {
		end := strings.IndexByte(text[i+1:], '\'')
		if end < 0 {
			return Segment{}, 0, &selectorError{i, "unterminated quoted key in property selector", "close the key with a single quote: $.['a.b']"}
		}
		key := text[i+1 : i+1+end]
		i = i + 1 + end + 1
		if i >= len(text) || text[i] != ']' {
			return Segment{}, 0, &selectorError{open, "expected ']' after the quoted key", "write $.['a.b']"}
		}
		if key == "" {
			return Segment{}, 0, &selectorError{open, "empty key in property selector", ""}
		}
		return Segment{Kind: KeySegment, Key: key}, i + 1, nil
	}
	end := strings.IndexByte(text[i:], ']')
	if end < 0 {
		return Segment{}, 0, &selectorError{open, "'[' without ']' in property selector", "write an index as [0] or [*]"}
	}
	inner := text[i : i+end]
	next := i + end + 1
	if inner == "*" {
		return Segment{Kind: WildcardSegment}, next, nil
	}
	if inner == "" || strings.TrimLeft(inner, "0123456789") != "" {
		return Segment{}, 0, &selectorError{open, fmt.Sprintf("array index %q is not a number", inner),
			"array indexes are zero-based numbers like [0], or [*] for any element; quote keys as ['key']"}
	}
	n, err := strconv.Atoi(inner)
	if err != nil {
		return Segment{}, 0, &selectorError{open, fmt.Sprintf("array index %q is too large", inner), ""}
	}
	return Segment{Kind: IndexSegment, Index: n}, next, nil
}
