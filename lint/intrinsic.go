package lint

import (
	"strings"
)

// CloudFormation intrinsic functions in patterns: Fn::Sub and Fn::Join are
// read when every part is a literal (a Sub variable defined with a literal
// in the function's own map counts); anything else (Ref, GetAtt, ImportValue,
// a template parameter) makes the value non-literal and cwpat says so rather
// than guess.

// textBuilder assembles a value from pieces of the file, keeping the byte map.
type textBuilder struct {
	b    strings.Builder
	offs []int
}

func (tb *textBuilder) add(s string, offs []int) {
	tb.b.WriteString(s)
	tb.offs = append(tb.offs, offs...)
}

func (tb *textBuilder) addAt(s string, at int) {
	tb.b.WriteString(s)
	for range len(s) {
		tb.offs = append(tb.offs, at)
	}
}

func (tb *textBuilder) text(end int) text {
	return text{Value: tb.b.String(), Literal: true, offs: append(tb.offs, end)}
}

// intrinsicName returns the function a node calls: "Sub" for !Sub or a
// {"Fn::Sub": ...} mapping, "Ref" for !Ref or {"Ref": ...}, "" for data.
func intrinsicName(n *node) (string, *node) {
	if n == nil {
		return "", nil
	}
	if strings.HasPrefix(n.tag, "!") && !strings.HasPrefix(n.tag, "!!") {
		return strings.TrimPrefix(n.tag, "!"), n
	}
	if n.kind == mapNode && len(n.keys) == 1 && n.keys[0] != nil {
		k := n.keys[0].str.Value
		if k == "Ref" || k == "Condition" {
			return k, n.vals[0]
		}
		if name, ok := strings.CutPrefix(k, "Fn::"); ok {
			return name, n.vals[0]
		}
	}
	return "", nil
}

// cfnString reads a template value as a string: a scalar, or Fn::Sub /
// Fn::Join over literals. Anything else is returned as non-literal, with
// where and why.
func cfnString(n *node) *text {
	if n == nil {
		return nil
	}
	fn, arg := intrinsicName(n)
	switch fn {
	case "":
		if n.kind != scalarNode {
			return &text{nonLiteralAt: n.off, why: "a " + kindName(n.kind) + ", not a string", notString: true}
		}
		t := n.str
		return &t
	case "Sub":
		return cfnSub(n, arg)
	case "Join":
		return cfnJoin(n, arg)
	}
	return &text{nonLiteralAt: n.off, why: "Fn::" + fn + " (its value is only known at deploy time)"}
}

func kindName(k nodeKind) string {
	switch k {
	case mapNode:
		return "mapping"
	case seqNode:
		return "list"
	}
	return "scalar"
}

// cfnSub expands Fn::Sub: ${!Literal} is the literal ${Literal}; ${Var} is
// replaced when the function's own variable map gives it a literal value.
func cfnSub(n, arg *node) *text {
	var vars *node
	if arg == nil {
		return &text{nonLiteralAt: n.off, why: "Fn::Sub without a string"}
	}
	if arg.kind == seqNode {
		if len(arg.items) != 2 || arg.items[0] == nil || arg.items[0].kind != scalarNode {
			return &text{nonLiteralAt: n.off, why: "Fn::Sub with an unexpected argument list"}
		}
		vars = arg.items[1]
		arg = arg.items[0]
	}
	if arg == nil || arg.kind != scalarNode {
		return &text{nonLiteralAt: n.off, why: "Fn::Sub of something that is not a string"}
	}
	src := arg.str
	var tb textBuilder
	offs := src.offs
	if len(offs) != len(src.Value)+1 {
		offs = nil
	}
	at := func(i int) int {
		if offs == nil {
			return src.Start
		}
		return offs[i]
	}
	span := func(i, j int) []int {
		out := make([]int, 0, j-i)
		for k := i; k < j; k++ {
			out = append(out, at(k))
		}
		return out
	}
	v := src.Value
	substituted := false
	for i := 0; i < len(v); {
		j := strings.Index(v[i:], "${")
		if j < 0 {
			tb.add(v[i:], span(i, len(v)))
			break
		}
		j += i
		tb.add(v[i:j], span(i, j))
		if j+2 < len(v) && v[j+2] == '!' {
			tb.add("${", span(j, j+2))
			i = j + 3
			continue
		}
		end := strings.IndexByte(v[j:], '}')
		if end < 0 {
			tb.add(v[j:], span(j, len(v)))
			break
		}
		name := strings.TrimSpace(v[j+2 : j+end])
		if val := vars.get(name); val != nil {
			if s, ok := val.scalar(); ok {
				tb.addAt(s, at(j))
				substituted = true
				i = j + end + 1
				continue
			}
		}
		written := src
		written.Literal = true
		return &text{nonLiteralAt: at(j), why: "Fn::Sub variable ${" + name + "} (its value is only known at deploy time)", partial: &written}
	}
	t := tb.text(at(len(v)))
	t.Start, t.End = src.Start, src.End
	if !substituted && offs != nil {
		t.enc = src.enc
		t.enc.sub = true
	}
	return &t
}

// cfnJoin concatenates Fn::Join's parts when the delimiter and every part
// are literals.
func cfnJoin(n, arg *node) *text {
	if arg == nil || arg.kind != seqNode || len(arg.items) != 2 {
		return &text{nonLiteralAt: n.off, why: "Fn::Join with an unexpected argument list"}
	}
	delim := cfnString(arg.items[0])
	parts := arg.items[1]
	if delim == nil || !delim.Literal {
		return &text{nonLiteralAt: n.off, why: "Fn::Join with a delimiter that is not a literal"}
	}
	if parts == nil || parts.kind != seqNode {
		return &text{nonLiteralAt: n.off, why: "Fn::Join over something that is not a list"}
	}
	var tb textBuilder
	end := n.off
	for i, p := range parts.items {
		pt := cfnString(p)
		if pt == nil || !pt.Literal {
			if pt == nil {
				return &text{nonLiteralAt: n.off, why: "Fn::Join with an empty part"}
			}
			return pt
		}
		if i > 0 {
			tb.addAt(delim.Value, delim.fileOffset(0))
		}
		offs := make([]int, len(pt.Value))
		for k := range offs {
			offs[k] = pt.fileOffset(k)
		}
		tb.add(pt.Value, offs)
		end = pt.fileOffset(len(pt.Value))
	}
	t := tb.text(end)
	t.Start, t.End = n.off, end
	return &t
}
