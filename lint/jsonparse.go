package lint

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// syntaxError is a problem reading a file's syntax, at a byte offset.
type syntaxError struct {
	Off  int
	Msg  string
	Hint string
	code string // the diagnostic code: yaml-syntax, json-syntax, hcl-syntax ...
}

// Error returns the message.
func (e *syntaxError) Error() string { return e.Msg }

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 512

// parseJSON reads a JSON document into a node tree, keeping the position of
// every value and the byte map of every string (encoding/json keeps neither).
func parseJSON(src string) (*node, error) {
	p := &jsonParser{src: src}
	if strings.HasPrefix(src, "\ufeff") {
		p.i = len("\ufeff") // a byte order mark, as Windows editors write
	}
	p.ws()
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.i < len(p.src) {
		return nil, p.errf("unexpected %s after the end of the JSON document", p.what())
	}
	return n, nil
}

type jsonParser struct {
	src string
	i   int
}

func (p *jsonParser) errf(format string, args ...any) error {
	return &syntaxError{Off: p.i, Msg: fmt.Sprintf(format, args...), code: CodeJSONSyntax}
}

// what describes the character at the cursor for an error message.
func (p *jsonParser) what() string {
	if p.i >= len(p.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.i:])
	return strconv.QuoteRune(r)
}

func (p *jsonParser) ws() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (*node, error) {
	if depth > maxDepth {
		return nil, p.errf("JSON nested more than %d levels deep", maxDepth)
	}
	if p.i >= len(p.src) {
		return nil, p.errf("unexpected end of file, expected a value")
	}
	switch c := p.src[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		t, err := p.string()
		if err != nil {
			return nil, err
		}
		return &node{kind: scalarNode, off: t.Start, str: t}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.literal(func(b byte) bool {
			return b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E' || (b >= '0' && b <= '9')
		})
	case c == 't' || c == 'f' || c == 'n':
		start := p.i
		for _, w := range []string{"true", "false", "null"} {
			if strings.HasPrefix(p.src[p.i:], w) {
				p.i += len(w)
				return &node{kind: scalarNode, off: start, tag: "!!" + w,
					str: text{Value: w, Literal: true, Start: start, End: p.i}}, nil
			}
		}
	}
	return nil, p.errf("unexpected %s, expected a value", p.what())
}

func (p *jsonParser) literal(ok func(byte) bool) (*node, error) {
	start := p.i
	for p.i < len(p.src) && ok(p.src[p.i]) {
		p.i++
	}
	v := p.src[start:p.i]
	if _, err := strconv.ParseFloat(v, 64); err != nil {
		p.i = start
		return nil, p.errf("invalid number %q", v)
	}
	return &node{kind: scalarNode, off: start, tag: "!!float",
		str: text{Value: v, Literal: true, Start: start, End: p.i}}, nil
}

func (p *jsonParser) object(depth int) (*node, error) {
	n := &node{kind: mapNode, off: p.i}
	p.i++
	p.ws()
	if p.i < len(p.src) && p.src[p.i] == '}' {
		p.i++
		return n, nil
	}
	for {
		p.ws()
		if p.i >= len(p.src) || p.src[p.i] != '"' {
			return nil, p.errf("unexpected %s, expected a quoted object key", p.what())
		}
		kt, err := p.string()
		if err != nil {
			return nil, err
		}
		p.ws()
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			return nil, p.errf("unexpected %s, expected ':' after object key", p.what())
		}
		p.i++
		p.ws()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.keys = append(n.keys, &node{kind: scalarNode, off: kt.Start, str: kt})
		n.vals = append(n.vals, v)
		p.ws()
		if p.i < len(p.src) && p.src[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.src) && p.src[p.i] == '}' {
			p.i++
			return n, nil
		}
		return nil, p.errf("unexpected %s, expected ',' or '}' in object", p.what())
	}
}

func (p *jsonParser) array(depth int) (*node, error) {
	n := &node{kind: seqNode, off: p.i}
	p.i++
	p.ws()
	if p.i < len(p.src) && p.src[p.i] == ']' {
		p.i++
		return n, nil
	}
	for {
		p.ws()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.items = append(n.items, v)
		p.ws()
		if p.i < len(p.src) && p.src[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.src) && p.src[p.i] == ']' {
			p.i++
			return n, nil
		}
		return nil, p.errf("unexpected %s, expected ',' or ']' in array", p.what())
	}
}

// string decodes a JSON string at the cursor, mapping every decoded byte to
// the offset of the raw character (or escape) it came from.
func (p *jsonParser) string() (text, error) {
	t := text{Literal: true, Start: p.i, enc: encoding{kind: encJSON}}
	var b strings.Builder
	var offs []int
	emit := func(s string, at int) {
		b.WriteString(s)
		for range len(s) {
			offs = append(offs, at)
		}
	}
	p.i++
	for {
		if p.i >= len(p.src) {
			p.i = t.Start
			return t, p.errf("unterminated string")
		}
		c := p.src[p.i]
		switch {
		case c == '"':
			offs = append(offs, p.i)
			p.i++
			t.Value, t.offs, t.End = b.String(), offs, p.i
			return t, nil
		case c < 0x20:
			return t, p.errf("control character %q in a string (write it as an escape)", rune(c))
		case c == '\\':
			at := p.i
			if p.i+1 >= len(p.src) {
				return t, p.errf("unterminated escape")
			}
			e := p.src[p.i+1]
			p.i += 2
			switch e {
			case '"', '\\', '/':
				emit(string(e), at)
			case 'b':
				emit("\b", at)
			case 'f':
				emit("\f", at)
			case 'n':
				emit("\n", at)
			case 'r':
				emit("\r", at)
			case 't':
				emit("\t", at)
			case 'u':
				r, ok := p.hex4()
				if !ok {
					p.i = at
					return t, p.errf(`invalid \u escape`)
				}
				if utf16.IsSurrogate(r) && strings.HasPrefix(p.src[p.i:], `\u`) {
					save := p.i
					p.i += 2
					if r2, ok := p.hex4(); ok {
						r = utf16.DecodeRune(r, r2)
					} else {
						p.i = save
					}
				}
				emit(string(r), at)
			default:
				p.i = at
				return t, p.errf("invalid escape \\%c in a string", e)
			}
		default:
			r, size := utf8.DecodeRuneInString(p.src[p.i:])
			if r == utf8.RuneError && size == 1 {
				return t, p.errf("invalid UTF-8 in a string")
			}
			emit(p.src[p.i:p.i+size], p.i)
			p.i += size
		}
	}
}

func (p *jsonParser) hex4() (rune, bool) {
	if p.i+4 > len(p.src) {
		return 0, false
	}
	v, err := strconv.ParseUint(p.src[p.i:p.i+4], 16, 32)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(v), true
}
