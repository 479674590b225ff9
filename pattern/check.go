package pattern

import (
	"fmt"
	"strings"

	"github.com/cwpat/cwpat/diag"
)

// checker gives the syntax tree its meaning and collects every problem.
type checker struct {
	src   string
	diags diag.List
}

func (c *checker) errorf(code string, off, n int, aws, hint, format string, args ...any) {
	c.diags = append(c.diags, problem(c.src, code, off, n, fmt.Sprintf(format, args...), aws, hint))
}

// check runs the semantic checks on a parsed pattern and fills the
// unexported meaning fields of its nodes.
func check(src string, p *Pattern) diag.List {
	c := &checker{src: src}
	switch {
	case p.json != nil:
		c.checkJSON(p.json)
	case p.delimited != nil:
		c.checkDelimited(p.delimited)
	default:
		c.checkTerms(p.terms)
	}
	return c.diags
}

func (c *checker) checkTerms(terms []*termSyntax) {
	for _, t := range terms {
		rawStart := t.EndPos.Offset - len(t.Raw)
		if t.Prefix != "" && rawStart != t.Pos.Offset+1 {
			c.errorf("detached-prefix", t.Pos.Offset, 1, "",
				fmt.Sprintf("write the prefix against its term: %s%s", t.Prefix, t.Raw),
				"'%s' must be directly followed by the term it applies to", t.Prefix)
		}
		switch t.Raw[0] {
		case '"':
			if len(t.Raw) >= 2 && strings.HasSuffix(t.Raw, `"`) {
				t.val = value{kind: StringValue, text: unquote(t.Raw), quoted: true}
			}
		case '%':
			t.val = c.regexValue(t.Raw, rawStart)
		default:
			t.val = value{kind: StringValue, text: t.Raw}
		}
	}
}

// regexValue compiles a %regex% whose whitelist the prescan has checked.
func (c *checker) regexValue(raw string, off int) value {
	if len(raw) < 2 || !strings.HasSuffix(raw, "%") {
		return value{} // unterminated: reported by prescan
	}
	body := raw[1 : len(raw)-1]
	v := value{kind: RegexValue, text: body}
	if bad, _ := badRegexChars(body); bad != "" || body == "" {
		return v // reported by prescan
	}
	re, err := compileRegex(body)
	if err != nil {
		c.errorf("regex-syntax", off, len(raw), "", "check brackets and quantifiers; escape a literal character with \\",
			"invalid regular expression %s: %s", raw, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		return v
	}
	v.re = re
	return v
}

// checkComparison checks `subject op value` in a JSON or space-delimited
// pattern.
func (c *checker) checkComparison(cond *condSyntax, kind Kind) {
	off := cond.Pos.Offset
	switch cond.RawOp {
	case "=":
		cond.op = OpEq
	case "!=":
		cond.op = OpNe
	case "<":
		cond.op = OpLt
	case "<=":
		cond.op = OpLe
	case ">":
		cond.op = OpGt
	case ">=":
		cond.op = OpGe
	case "==":
		c.errorf("invalid-operator", off+len(cond.Subject), 2, "", "equality is a single '='", "'==' is not an operator")
	default:
		c.errorf("invalid-operator", off+len(cond.Subject), 1, "", "not-equal is '!='", "%q is not an operator", cond.RawOp)
	}
	if cond.Value == nil {
		c.errorf("missing-value", cond.EndPos.Offset, 1, "", "write a value after the operator, e.g. = \"x\", = 5 or = \"*\"",
			"%s %s has no value", cond.Subject, cond.RawOp)
		return
	}
	cond.val = c.checkValue(cond.Value, kind)
	if cond.op.IsOrdering() && cond.val.kind != NumberValue && cond.val.kind != NoValue {
		// Recorded from AWS (SEMANTICS.md, "Numeric operators"): $.s >
		// "123", $.s <= "quoted_string" and $.s > unquoted_string are all
		// refused with the generic message.
		v := cond.Value
		hint := "<, <=, > and >= take a number: write " + cond.Subject + " " + cond.RawOp + " 5; compare text with = or !="
		if _, ok := parseNumber(cond.val.text); ok && cond.val.quoted {
			hint = fmt.Sprintf("drop the quotes: %s %s %s", cond.Subject, cond.RawOp, cond.val.text)
		}
		c.errorf("numeric-operator-value", v.Pos.Offset, len(v.Raw), "", hint,
			"%s compares numbers, but %s is not a number", cond.RawOp, v.Raw)
	}
}

// bareJSONValueOK: AWS's own patterns use unquoted values with '.', '*',
// '-', ':' and '/' (kms.amazonaws.com, *.8xlarge, 123.123.*); characters
// such as @ $ \ must be quoted (D18).
func bareJSONValueOK(c byte) bool {
	return isNameByte(c) || strings.IndexByte(".*+:/", c) >= 0
}

func (c *checker) checkValue(v *valueSyntax, kind Kind) value {
	raw, off := v.Raw, v.Pos.Offset
	switch raw[0] {
	case '"':
		if len(raw) < 2 || !strings.HasSuffix(raw, `"`) {
			return value{}
		}
		text := unquote(raw)
		if strings.Contains(text, "*") {
			return value{kind: GlobValue, text: text, quoted: true}
		}
		return value{kind: StringValue, text: text, quoted: true}
	case '%':
		return c.regexValue(raw, off)
	case '\'':
		c.errorf("single-quoted-value", off, len(raw), "",
			fmt.Sprintf("use double quotes: %s", quote(strings.Trim(raw, "'"))),
			"single quotes do not make a string in a filter pattern")
		return value{}
	case '$':
		if kind == JSON {
			c.errorf("selector-as-value", off, len(raw), "", "compare a property with a constant; filter patterns cannot compare two properties",
				"%s cannot be a value", raw)
			return value{}
		}
	}
	if n, ok := parseNumber(raw); ok {
		return value{kind: NumberValue, text: raw, num: n}
	}
	if kind == JSON {
		for i := 0; i < len(raw); i++ {
			if raw[i] < 0x80 && !bareJSONValueOK(raw[i]) {
				c.errorf("unquoted-special-character", off+i, 1, "",
					fmt.Sprintf("quote the value: %s", quote(raw)),
					"%q in an unquoted value", raw[i:i+1])
				return value{}
			}
		}
	}
	if strings.Contains(raw, "*") {
		return value{kind: GlobValue, text: raw}
	}
	return value{kind: StringValue, text: raw}
}

// walkConditions calls f for every condition under e, left to right.
func walkConditions(e *orSyntax, f func(*condSyntax)) {
	if e == nil {
		return
	}
	for _, a := range e.And {
		for _, fa := range a.Factors {
			if fa.Group != nil {
				walkConditions(fa.Group, f)
			} else if fa.Cond != nil {
				f(fa.Cond)
			}
		}
	}
}
