package pattern

import (
	"fmt"
	"strings"

	"github.com/cwpat/cwpat/diag"
)

// maxWildcardSelectors is AWS's limit of wildcard selectors in one pattern.
const maxWildcardSelectors = 3

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

func (c *checker) checkTerms(terms []*Term) {
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

func (c *checker) checkJSON(j *JSONPattern) {
	if j.Expr == nil {
		c.errorf("empty-json-pattern", j.Pos.Offset, 2, "", "write a condition inside the braces, e.g. { $.eventName = \"ConsoleLogin\" }",
			"a JSON pattern needs at least one condition")
		return
	}
	wildcards := 0
	walkConditions(j.Expr, func(cond *Condition) {
		c.checkJSONCondition(cond)
		if cond.sel != nil && cond.sel.Wildcards() > 0 {
			wildcards++
			if wildcards == maxWildcardSelectors+1 {
				c.errorf("too-many-wildcard-selectors", cond.Pos.Offset, len(cond.Subject), "",
					"split the pattern into several metric filters",
					"a filter pattern may hold at most %d wildcard selectors", maxWildcardSelectors)
			}
		}
	})
}

func (c *checker) checkJSONCondition(cond *Condition) {
	off := cond.Pos.Offset
	selOK := false
	if !strings.HasPrefix(cond.Subject, "$") {
		c.errorf("selector-without-dollar", off, len(cond.Subject), "",
			fmt.Sprintf("write $.%s", cond.Subject),
			"property selector %q must start with '$.'", cond.Subject)
	} else {
		sel, err := parseSelector(cond.Subject)
		if err != nil {
			c.errorf("invalid-selector", off+err.off, 1, "", err.hint, "%s", err.msg)
		} else {
			cond.sel, selOK = sel, true
			if sel.Wildcards() > 1 {
				c.errorf("too-many-wildcards-in-selector", off, len(cond.Subject), "",
					"AWS allows one wildcard (.* or [*]) per property selector",
					"property selector %s has %d wildcards", cond.Subject, sel.Wildcards())
			}
		}
	}
	switch {
	case cond.IsNot:
		c.errorf("unsupported-is-not", off, cond.EndPos.Offset-off, "",
			"IS NOT is not supported by AWS; for a non-null value write ($.x = \"*\") or test the value itself",
			"IS NOT is not supported (AWS: \"The variables IS NOT and EXISTS currently aren't supported\")")
	case cond.Exists:
		c.errorf("unsupported-exists", off, cond.EndPos.Offset-off, "",
			"EXISTS is not supported by AWS; $.x = \"*\" matches any non-null value, and NOT EXISTS is supported",
			"EXISTS is not supported (AWS: \"The variables IS NOT and EXISTS currently aren't supported\")")
	case cond.NotExists:
		cond.op = OpNotExists
	case cond.Is:
		// Keywords are accepted in capitals only: AWS documents them so, and
		// refusing a spelling AWS might accept is safer than deploying one it
		// refuses (SEMANTICS.md, "Keywords").
		switch cond.IsWord {
		case "NULL":
			cond.op = OpIsNull
		case "TRUE":
			cond.op = OpIsTrue
		case "FALSE":
			cond.op = OpIsFalse
		default:
			hint := "IS is followed by NULL, TRUE or FALSE"
			if u := strings.ToUpper(cond.IsWord); u == "NULL" || u == "TRUE" || u == "FALSE" {
				hint = "keywords are upper case: IS " + u
			}
			c.errorf("invalid-is-keyword", off, cond.EndPos.Offset-off, "", hint,
				"IS must be followed by NULL, TRUE or FALSE, not %q", cond.IsWord)
		}
	case cond.RawOp != "":
		c.checkComparison(cond, JSON)
	case selOK || !strings.HasPrefix(cond.Subject, "$"):
		c.errorf("incomplete-condition", off, len(cond.Subject), "",
			"compare it (= != < <= > >=), or test it with IS NULL, IS TRUE, IS FALSE or NOT EXISTS",
			"%s is not compared with anything", cond.Subject)
	}
}

// checkComparison checks `subject op value` in a JSON or space-delimited
// pattern.
func (c *checker) checkComparison(cond *Condition, kind Kind) {
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
}

// bareJSONValueOK: AWS's own patterns use unquoted values with '.', '*',
// '-', ':' and '/' (kms.amazonaws.com, *.8xlarge, 123.123.*); characters
// such as @ $ \ must be quoted (D18).
func bareJSONValueOK(c byte) bool {
	return isNameByte(c) || strings.IndexByte(".*+:/", c) >= 0
}

func (c *checker) checkValue(v *Value, kind Kind) value {
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

func (c *checker) checkDelimited(d *DelimitedPattern) {
	d.Fields = nil
	var cur *Field
	have := false
	for _, part := range d.Parts {
		if part.Comma {
			d.Fields = append(d.Fields, cur)
			cur, have = nil, true
			continue
		}
		if cur != nil {
			c.errorf("missing-comma", part.Pos.Offset, 1, "", "separate fields with commas: [ip, user, timestamp]",
				"two fields without a comma between them")
		}
		cur, have = part.Field, true
	}
	if have {
		d.Fields = append(d.Fields, cur)
	}
	ellipses := 0
	seen := map[string]bool{}
	for _, f := range d.Fields {
		if f == nil {
			continue
		}
		if f.Ellipsis {
			ellipses++
			if ellipses == 2 {
				c.errorf("duplicate-ellipsis", f.Pos.Offset, 3, "Duplicate field '...'",
					"'...' may appear once; it stands for any number of fields", "duplicate field '...'")
			}
			continue
		}
		c.checkField(f)
		if f.name != "" {
			if seen[f.name] {
				c.errorf("duplicate-field", f.Pos.Offset, len(f.name), fmt.Sprintf("Duplicate field '%s'", f.name),
					"give every field its own name", "duplicate field '%s'", f.name)
			}
			seen[f.name] = true
		}
	}
}

func (c *checker) checkField(f *Field) {
	var conds []*Condition
	walkConditions(f.Expr, func(cond *Condition) { conds = append(conds, cond) })
	f.name = conds[0].Subject
	if !validFieldName(f.name) {
		c.errorf("invalid-field-name", conds[0].Pos.Offset, len(f.name), "",
			"field names hold letters, digits, '_' and '-', and are not plain numbers ($1, $2, ... name unnamed fields)",
			"invalid field name %q", f.name)
	}
	compound := len(conds) > 1
	for _, cond := range conds {
		off := cond.Pos.Offset
		if cond.Subject != f.name {
			c.errorf("cross-field-condition", off, len(cond.Subject), "",
				fmt.Sprintf("a condition in the field %q may only test %q; move it to the slot of field %q", f.name, f.name, cond.Subject),
				"condition on field %q inside field %q", cond.Subject, f.name)
		}
		switch {
		case cond.Is || cond.NotExists || cond.Exists:
			c.errorf("json-only-operator", off, cond.EndPos.Offset-off, "",
				"IS and EXISTS belong to JSON patterns; a space-delimited field always exists",
				"IS / NOT EXISTS are not allowed in a space-delimited pattern")
		case cond.RawOp != "":
			c.checkComparison(cond, SpaceDelimited)
		case compound:
			c.errorf("incomplete-condition", off, len(cond.Subject), "",
				"each part of a compound condition compares the field: w1 != ERROR && w1 != WARN",
				"%s is not compared with anything", cond.Subject)
		default:
			cond.op = OpField
		}
	}
}

func validFieldName(name string) bool {
	if !isPlainName(name) {
		return false
	}
	return strings.TrimLeft(name, "0123456789") != ""
}

// walkConditions calls f for every condition under e, left to right.
func walkConditions(e *OrExpr, f func(*Condition)) {
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
