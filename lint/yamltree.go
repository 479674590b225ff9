package lint

import (
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// parseYAML reads a YAML document into a node tree with exact positions.
// CloudFormation short-form tags (!Sub, !Join, !Ref ...) are kept on the
// nodes; aliases are followed.
func parseYAML(src string) (*node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		return nil, yamlError(src, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil
	}
	c := &yamlConv{src: src, done: map[*yaml.Node]*node{}, lines: newLineIndex(src)}
	return c.conv(doc.Content[0], 0), nil
}

type yamlConv struct {
	src string
	// done caches converted nodes: an alias shares its anchor's node, so
	// aliases of aliases (a "billion laughs" document) cost nothing. A nil
	// entry marks a node being converted (an alias cycle).
	done map[*yaml.Node]*node
	// lines turns yaml.v3's line:column into offsets without rescanning.
	lines lineIndex
}

func (c *yamlConv) conv(y *yaml.Node, depth int) *node {
	if y == nil || depth > maxDepth {
		return nil
	}
	if y.Kind == yaml.AliasNode {
		return c.conv(y.Alias, depth+1)
	}
	if n, seen := c.done[y]; seen {
		return n
	}
	c.done[y] = nil
	n := c.build(y, depth)
	c.done[y] = n
	return n
}

func (c *yamlConv) build(y *yaml.Node, depth int) *node {
	off := c.lines.offset(c.src, y.Line, y.Column)
	n := &node{off: off}
	if y.Style&yaml.TaggedStyle != 0 || (len(y.Tag) > 1 && y.Tag[0] == '!' && y.Tag[1] != '!') {
		n.tag = y.Tag
	}
	switch y.Kind {
	case yaml.MappingNode:
		n.kind = mapNode
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				// "<<: *base" merges the aliased mapping's entries.
				if m := c.conv(v, depth+1); m != nil && m.kind == mapNode {
					n.keys = append(n.keys, m.keys...)
					n.vals = append(n.vals, m.vals...)
				}
				continue
			}
			n.keys = append(n.keys, c.conv(k, depth+1))
			n.vals = append(n.vals, c.conv(v, depth+1))
		}
	case yaml.SequenceNode:
		n.kind = seqNode
		for _, e := range y.Content {
			n.items = append(n.items, c.conv(e, depth+1))
		}
	default:
		n.kind = scalarNode
		n.str = yamlScalarAt(c.src, off, y.Value)
		if n.tag == "" && y.Tag != "!!str" && y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
			n.tag = y.Tag // !!int, !!bool, !!null: a plain scalar that is not a string
		}
	}
	return n
}

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// yamlError turns yaml.v3's error ("yaml: line 7: did not find expected
// key"), which has a line but no column, into a syntaxError at the
// character that caused it where the message says what to look for.
func yamlError(src string, err error) error {
	msg := err.Error()
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	m := yamlLineRE.FindStringSubmatch(msg)
	if m == nil {
		return &syntaxError{Msg: msg, code: CodeYAMLSyntax}
	}
	e := &syntaxError{Msg: m[2], code: CodeYAMLSyntax, Hint: "check indentation and quoting on this line or the one before it"}
	if m[1] == "" {
		return e
	}
	line, _ := strconv.Atoi(m[1])
	start := newLineIndex(src).offset(src, line, 1)
	text := src[start:lineEnd(src, start)]
	value := valueStart(text)
	switch {
	case strings.Contains(e.Msg, "unexpected end of stream"):
		if i := unclosedQuote(text, value); i >= 0 {
			e.Off = start + i
			e.Msg = "this quoted string is never closed"
			e.Hint = "close the quote; inside a double-quoted YAML string write \\\" for a quote, or put the pattern in single quotes"
			return e
		}
	case strings.Contains(e.Msg, "mapping values are not allowed"):
		if i := strings.LastIndex(text, ": "); i > value && value > 0 {
			e.Off = start + i
			e.Hint = "a plain YAML value cannot contain ': '; quote the value"
			return e
		}
	case strings.Contains(e.Msg, "cannot start any token"):
		if i := strings.IndexByte(text, '\t'); i >= 0 && strings.TrimLeft(text[:i], " ") == "" {
			e.Off = start + i
			e.Hint = "YAML indents with spaces, not tabs"
			return e
		}
		if value > 0 && value < len(text) {
			e.Off = start + value
			e.Hint = "a value starting with @ or ` must be quoted"
			return e
		}
	}
	e.Off = start
	return e
}

// valueStart returns where the value of a "key: value" line starts (after
// "- " sequence markers), or 0.
func valueStart(line string) int {
	i := strings.Index(line, ": ")
	if i < 0 {
		return 0
	}
	i += 2
	for i < len(line) && line[i] == ' ' {
		i++
	}
	return i
}

// unclosedQuote returns the index of a quote at from that is not closed on
// the line, or -1.
func unclosedQuote(line string, from int) int {
	if from >= len(line) || (line[from] != '"' && line[from] != '\'') {
		return -1
	}
	q := line[from]
	for i := from + 1; i < len(line); i++ {
		switch {
		case q == '"' && line[i] == '\\':
			i++
		case q == '\'' && line[i] == '\'' && i+1 < len(line) && line[i+1] == '\'':
			i++
		case line[i] == q:
			return -1
		}
	}
	return from
}
