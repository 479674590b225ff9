package lint

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cwpat/cwpat/internal/jsonquote"
	"go.yaml.in/yaml/v3"
)

// encoding is how a value is written in its file, so fmt can write a new
// value the same way (re-quoted correctly) without touching anything else.
type encoding struct {
	kind encKind
	// indent is the content indentation of a YAML block scalar or a flush heredoc.
	indent string
	// chomp is a YAML block scalar's chomping indicator ('-', '+' or 0).
	chomp byte
	// sub marks a string inside Fn::Sub, where a literal "${" is written "${!".
	sub bool
}

type encKind int

const (
	encNone encKind = iota // cannot be rewritten in place
	encYAMLPlain
	encYAMLSingle
	encYAMLDouble
	encYAMLLiteral
	encYAMLFolded
	encJSON
	encHCLQuoted
	encHCLHeredoc
	encLine // a line of a pattern file
)

// blockLike reports whether the encoding ends its value with a line break
// that belongs to the syntax (block scalars, heredocs), not the pattern.
func (e encoding) blockLike() bool {
	return e.kind == encYAMLLiteral || e.kind == encYAMLFolded || e.kind == encHCLHeredoc
}

// encode writes v so that, placed over the span [t.Start, t.End), the file
// decodes back to v (modulo a block scalar's structural final newline).
func (t *text) encode(v string) (string, error) {
	e := t.enc
	if e.sub {
		v = strings.ReplaceAll(v, "${", "${!")
	}
	switch e.kind {
	case encYAMLPlain, encYAMLSingle, encYAMLDouble:
		return yamlFlowString(v, e.kind)
	case encYAMLLiteral, encYAMLFolded, encHCLHeredoc:
		if e.kind == encYAMLFolded && strings.Contains(v, "\n") {
			return "", fmt.Errorf("a multi-line pattern cannot be written in a folded (>) block scalar unchanged")
		}
		lines := strings.Split(v, "\n")
		for i, l := range lines {
			if l != "" {
				lines[i] = e.indent + l
			}
			if e.kind == encHCLHeredoc {
				lines[i] = strings.ReplaceAll(strings.ReplaceAll(lines[i], "${", "$${"), "%{", "%%{")
			}
		}
		return strings.Join(lines, "\n"), nil
	case encJSON:
		return jsonquote.Quote(v), nil
	case encHCLQuoted:
		return hclQuote(v), nil
	case encLine:
		if strings.ContainsAny(v, "\n\r") {
			return "", fmt.Errorf("a multi-line pattern cannot be written on one line of a pattern file")
		}
		return v, nil
	}
	return "", fmt.Errorf("this value cannot be rewritten in place")
}

// yamlFlowString writes v as a YAML flow scalar, keeping the original style
// where it can hold v, and checks the result reads back as v.
func yamlFlowString(v string, style encKind) (string, error) {
	var out string
	switch {
	case style == encYAMLPlain && plainSafe(v):
		out = v
	case (style == encYAMLPlain || style == encYAMLSingle) && !strings.ContainsAny(v, "\n\r\t") && utf8.ValidString(v):
		out = "'" + strings.ReplaceAll(v, "'", "''") + "'"
	default:
		out = yamlDouble(v)
	}
	var back map[string]string
	if err := yaml.Unmarshal([]byte("k: "+out), &back); err != nil || back["k"] != v {
		out = yamlDouble(v)
	}
	return out, nil
}

// plainSafe reports whether v can be a plain YAML scalar that reads back as
// the same string in block and flow context.
func plainSafe(v string) bool {
	if v == "" || strings.TrimSpace(v) != v || strings.ContainsAny(v, "\n\r\t,[]{}#`\"'") {
		return false
	}
	if strings.ContainsAny(v[:1], "-?:!&*|>%@") || strings.Contains(v, ": ") || strings.HasSuffix(v, ":") {
		return false
	}
	var x any
	if err := yaml.Unmarshal([]byte(v), &x); err != nil {
		return false
	}
	s, ok := x.(string)
	return ok && s == v
}

func yamlDouble(v string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range v {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// hclQuote writes v as an HCL quoted template with no interpolation.
func hclQuote(v string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(v); {
		r, size := utf8.DecodeRuneInString(v[i:])
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case (r == '$' || r == '%') && strings.HasPrefix(v[i+1:], "{"):
			b.WriteRune(r)
			b.WriteRune(r)
		case r < 0x20:
			b.WriteString(`\u` + fmt.Sprintf("%04x", r))
		default:
			b.WriteString(v[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}
