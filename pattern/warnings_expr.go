package pattern

import (
	"fmt"
	"math"
	"strings"
)

// JSON and space-delimited warnings: these read the checked conditions.

func (w *warner) json(j *jsonSyntax) {
	w.neMissing(j.Expr, nil)
	w.expr(j.Expr, true)
}

func (w *warner) delimited(d *delimitedSyntax) {
	for _, f := range d.Fields {
		if f != nil && f.Expr != nil {
			w.expr(f.Expr, false)
		}
	}
}

// expr runs the per-condition and per-conjunction checks over e.
func (w *warner) expr(e *orSyntax, isJSON bool) {
	for _, a := range e.And {
		w.conjunction(a, isJSON)
		for _, f := range a.Factors {
			if f.Group != nil {
				w.expr(f.Group, isJSON)
			} else {
				w.condition(f.Cond, isJSON)
			}
		}
	}
}

func (w *warner) condition(c *condSyntax, isJSON bool) {
	off, n := c.Pos.Offset, c.EndPos.Offset-c.Pos.Offset
	v := c.val
	if c.op == OpNe && v.kind == GlobValue && strings.Trim(v.text, "*") == "" {
		w.warn("never-matches", off, n, fmt.Sprintf("to match events without a value, write %s NOT EXISTS or %s IS NULL", c.Subject, c.Subject),
			"%s never matches: every value matches %s, and a missing or null value fails every comparison", c.String(), c.Value.Raw)
	}
	if c.op == OpNe && c.sel != nil && c.sel.Wildcards() > 0 {
		w.warn("wildcard-not-equal", off, n,
			"to require that no element equals the value, there is no direct form; test the elements you expect by index, or split the alarm",
			"%s holds when any selected value differs, even if another one equals %s", c.String(), c.Value.Raw)
	}
	if c.Value != nil && v.quoted && len(v.text) >= 2 && strings.HasPrefix(v.text, "%") && strings.HasSuffix(v.text, "%") {
		w.warn("quoted-regex", c.Value.Pos.Offset, len(c.Value.Raw), "drop the quotes to make it a regex: "+v.text,
			"%s in double quotes is literal text, not a regular expression", c.Value.Raw)
	}
	if v.kind == RegexValue {
		w.regexDots(v.text, c.Value.Pos.Offset+1)
	}
	if !isJSON || c.Value == nil || v.quoted {
		return
	}
	switch {
	case v.kind == StringValue && (v.text == "true" || v.text == "false" || v.text == "null"):
		w.warn("unquoted-value", c.Value.Pos.Offset, len(v.text),
			fmt.Sprintf("to test the JSON literal write %s IS %s", c.Subject, strings.ToUpper(v.text)),
			"unquoted %s is compared as the text %q, matching the string %q as well as the JSON literal", v.text, v.text, v.text)
	case v.kind == NumberValue && hasLeadingZero(v.text):
		w.warn("unquoted-value", c.Value.Pos.Offset, len(v.text), fmt.Sprintf("quote it to compare text: %q", v.text),
			"unquoted %s is compared as the number %v, so leading zeros are ignored (an account ID like 012345678901 also matches 12345678901)", v.text, v.num)
	case v.kind == NumberValue && significantDigits(v.text) > 15:
		w.warn("unquoted-value", c.Value.Pos.Offset, len(v.text), fmt.Sprintf("quote it to compare text: %q", v.text),
			"unquoted %s has more digits than a number keeps (about 15), so nearby numbers compare equal", v.text)
	}
}

func (w *warner) regexDots(body string, off int) {
	for i := 1; i+1 < len(body); i++ {
		if body[i] == '.' && body[i-1] != '\\' && isDigit(body[i-1]) && isDigit(body[i+1]) {
			w.warn("regex-unescaped-dot", off+i, 1, "escape it to match a dot: \\.",
				"'.' in a regex matches any character, so %%%s%% also matches text like %q", body, strings.Replace(body, ".", "0", 1))
			return
		}
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func hasLeadingZero(s string) bool {
	s = strings.TrimLeft(s, "+-")
	return len(s) > 1 && s[0] == '0' && isDigit(s[1])
}

func significantDigits(s string) int {
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimLeft(strings.Replace(strings.TrimLeft(s, "+-"), ".", "", 1), "0")
	return len(s)
}

// subjectKey names what a condition tests, so two spellings of one selector
// ($.a and $.['a']) count as the same; "" for wildcard selectors, which
// may select different values in different conditions.
func subjectKey(c *condSyntax) string {
	if c.sel == nil {
		return c.Subject
	}
	if c.sel.Wildcards() > 0 {
		return ""
	}
	return c.sel.String()
}

// conjunction reports conditions joined by && that cannot all be true.
func (w *warner) conjunction(a *andSyntax, isJSON bool) {
	var seen []*condSyntax
	for _, f := range a.Factors {
		c := f.Cond
		if c == nil {
			continue
		}
		key := subjectKey(c)
		if key == "" {
			continue
		}
		for _, prev := range seen {
			if subjectKey(prev) != key {
				continue
			}
			if why := conflict(prev, c); why != "" {
				w.warn("never-matches", c.Pos.Offset, c.EndPos.Offset-c.Pos.Offset,
					"join alternatives with || (one value OR the other), not &&",
					"%s and %s cannot both be true (%s), so this never matches", prev.String(), c.String(), why)
				break
			}
		}
		seen = append(seen, c)
	}
}

// conflict says why a && b is unsatisfiable for one value, or "".
func conflict(a, b *condSyntax) string {
	if a.op == OpNotExists || b.op == OpNotExists {
		if a.op != b.op {
			return "a missing property has no value to test"
		}
		return ""
	}
	typeTest := func(o Op) bool { return o == OpIsNull || o == OpIsTrue || o == OpIsFalse }
	switch {
	case typeTest(a.op) && typeTest(b.op) && a.op != b.op:
		return "one value cannot be two of null, true and false"
	case a.op == OpIsNull && b.op != OpIsNull && b.op != OpField, b.op == OpIsNull && a.op != OpIsNull && a.op != OpField:
		return "no comparison is true of null"
	}
	if why := numericConflict(a, b); why != "" {
		return why
	}
	if a.op != OpEq || b.op != OpEq {
		return ""
	}
	av, bv := a.val, b.val
	switch {
	case av.kind == StringValue && bv.kind == StringValue && av.text != bv.text:
		return fmt.Sprintf("%q and %q differ", av.text, bv.text)
	case av.kind == NumberValue && bv.kind == NumberValue && av.num != bv.num:
		return fmt.Sprintf("%s and %s differ", av.text, bv.text)
	case av.kind == NumberValue && bv.kind == StringValue && !isNumberText(bv.text),
		bv.kind == NumberValue && av.kind == StringValue && !isNumberText(av.text):
		return "a number cannot equal non-numeric text"
	}
	return ""
}

// neMissing reports `$.x != v` not guarded by a `$.x NOT EXISTS` alternative.
// guards holds the selectors tested with NOT EXISTS in OR-alternatives of
// the enclosing expressions.
func (w *warner) neMissing(e *orSyntax, guards map[string]bool) {
	for i, a := range e.And {
		inner := copyGuards(guards)
		for j, other := range e.And {
			if j != i {
				walkConditions(&orSyntax{And: []*andSyntax{other}}, func(c *condSyntax) {
					if c.op == OpNotExists && c.sel != nil {
						inner[c.sel.String()] = true
					}
				})
			}
		}
		for _, f := range a.Factors {
			if f.Group != nil {
				w.neMissing(f.Group, inner)
				continue
			}
			c := f.Cond
			if c.op != OpNe || c.sel == nil || inner[c.sel.String()] {
				continue
			}
			w.warn("ne-missing-field", c.Pos.Offset, c.EndPos.Offset-c.Pos.Offset,
				fmt.Sprintf("to also match events without it, write (%s NOT EXISTS) || (%s)", c.Subject, c.String()),
				"%s is false when %s is missing, null, an array or an object", c.String(), c.Subject)
		}
	}
}

func copyGuards(g map[string]bool) map[string]bool {
	out := make(map[string]bool, len(g))
	for k := range g {
		out[k] = true
	}
	return out
}

// interval is the set of numbers a numeric condition accepts.
type interval struct {
	lo, hi         float64
	loOpen, hiOpen bool
}

// numericInterval returns the numbers c accepts, when c is a numeric
// comparison (=, <, <=, >, >= with a number).
func numericInterval(c *condSyntax) (interval, bool) {
	if c.val.kind != NumberValue {
		return interval{}, false
	}
	inf := math.Inf(1)
	v := c.val.num
	switch c.op {
	case OpEq:
		return interval{lo: v, hi: v}, true
	case OpLt:
		return interval{lo: -inf, hi: v, loOpen: true, hiOpen: true}, true
	case OpLe:
		return interval{lo: -inf, hi: v, loOpen: true}, true
	case OpGt:
		return interval{lo: v, hi: inf, loOpen: true, hiOpen: true}, true
	case OpGe:
		return interval{lo: v, hi: inf, hiOpen: true}, true
	}
	return interval{}, false
}

// numericConflict reports two numeric comparisons no number satisfies,
// such as $.a > 5 && $.a < 3.
func numericConflict(a, b *condSyntax) string {
	x, ok1 := numericInterval(a)
	y, ok2 := numericInterval(b)
	if !ok1 || !ok2 {
		return ""
	}
	if x.hi < y.lo || y.hi < x.lo || (x.hi == y.lo && (x.hiOpen || y.loOpen)) || (y.hi == x.lo && (y.hiOpen || x.loOpen)) {
		return "no number satisfies both"
	}
	return ""
}
