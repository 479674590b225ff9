package pattern

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// Explanation says, test by test, why a pattern matched an event or did
// not: which conditions (terms, fields) held, and on which value. It is
// computed by the reference evaluator, for people reading it; it is never
// on the matching path.
type Explanation struct {
	Pattern string `json:"pattern"`
	Kind    Kind   `json:"kind"`
	Matched bool   `json:"matched"`
	// Reason is set when the event as a whole decides, before any
	// condition: not a JSON object, fewer fields than the pattern needs.
	Reason string `json:"reason,omitempty"`
	// Steps has one entry per condition, term or field test, in the
	// pattern's order.
	Steps []ExplainStep `json:"steps"`
}

// ExplainStep is one test of the pattern and its outcome on the event.
type ExplainStep struct {
	// Test is the condition or term, in canonical form.
	Test string `json:"test"`
	// Span is where the test is in the pattern, for a caret.
	Span Span `json:"span"`
	Held bool `json:"held"`
	// Ignored marks a ?term AWS ignores because the pattern has other
	// terms; it takes no part in the outcome.
	Ignored bool `json:"ignored,omitempty"`
	// Found says what the event holds where the test looks: `$.a is the
	// string "x"`, `$.a is missing`, `field 3 (status) is "404"`.
	Found string `json:"found"`
}

// Explain matches event with the reference evaluator and says why.
func (m *Matcher) Explain(event []byte) Explanation {
	p := m.p
	x := Explanation{Pattern: p.src, Kind: p.kind, Matched: m.ref.match(event), Steps: []ExplainStep{}}
	b := builder{src: p.src}
	switch p.kind {
	case MatchAll:
		x.Reason = "an empty or blank pattern matches every event"
	case Terms:
		explainTerms(&x, b, p.terms, event)
	case JSON:
		explainJSON(&x, b, p.json, event)
	case SpaceDelimited:
		explainFields(&x, b, m.ref.(*delimEval), p.delimited, event)
	}
	return x
}

func explainTerms(x *Explanation, b builder, terms []*termSyntax, event []byte) {
	allOptional := true
	for _, t := range terms {
		allOptional = allOptional && t.Optional()
	}
	for _, t := range terms {
		st := ExplainStep{Test: t.Prefix + t.Raw, Span: b.span(t.Pos.Offset, t.EndPos.Offset)}
		found, at := termFound(t, event)
		switch {
		case found && t.val.kind == RegexValue:
			st.Found = fmt.Sprintf("the regex matches %q at byte %d", at, bytes.Index(event, []byte(at)))
		case found:
			st.Found = fmt.Sprintf("found at byte %d", bytes.Index(event, []byte(t.val.text)))
		default:
			st.Found = "not in the event (terms are case-sensitive)"
		}
		switch {
		case t.Optional() && !allOptional:
			st.Ignored = true
			st.Found += "; ignored: ?terms count only when every term of the pattern is a ?term"
		case t.Exclude():
			st.Held = !found
		default:
			st.Held = found
		}
		x.Steps = append(x.Steps, st)
	}
}

// termFound reports whether a term occurs, and the text a regex matched.
func termFound(t *termSyntax, event []byte) (bool, string) {
	if t.val.kind == RegexValue {
		if t.val.re == nil {
			return false, ""
		}
		loc := t.val.re.FindIndex(event)
		if loc == nil {
			return false, ""
		}
		return true, string(event[loc[0]:loc[1]])
	}
	return bytes.Contains(event, []byte(t.val.text)), t.val.text
}

func explainJSON(x *Explanation, b builder, j *jsonSyntax, event []byte) {
	s := bytesString(event)
	if !isJSONObject(s) {
		x.Reason = "the event is not one JSON object, so no JSON pattern matches it"
		return
	}
	root := gjson.Parse(s)
	walkConditions(j.Expr, func(c *condSyntax) {
		jc := newJSONCond(c)
		var held bool
		if c.op == OpNotExists {
			held = !jc.walk(root, 0, true)
		} else {
			held = jc.walk(root, 0, false)
		}
		var vals []gjson.Result
		jc.collect(root, 0, &vals)
		x.Steps = append(x.Steps, ExplainStep{Test: c.String(), Span: b.span(c.Pos.Offset, c.EndPos.Offset),
			Held: held, Found: describeJSON(c, vals)})
	})
}

// collect appends every value the selector reaches from step i.
func (c *jsonCond) collect(r gjson.Result, i int, out *[]gjson.Result) {
	if i == len(c.steps) {
		*out = append(*out, r)
		return
	}
	st := &c.steps[i]
	switch {
	case st.kind == KeySegment && r.IsObject(), st.kind == IndexSegment && r.IsArray():
		if child := r.Get(st.path); child.Exists() {
			c.collect(child, i+1, out)
		}
	case st.kind == WildcardSegment && (r.IsArray() || r.IsObject()):
		r.ForEach(func(_, v gjson.Result) bool {
			c.collect(v, i+1, out)
			return true
		})
	}
}

// describeJSON says what a selector found and, where it decides the
// outcome, why: missing, null, an array or object, a number against text.
func describeJSON(c *condSyntax, vals []gjson.Result) string {
	sel := c.Subject
	switch {
	case len(vals) == 0 && c.op == OpNotExists:
		return sel + " is missing"
	case len(vals) == 0:
		return sel + " is missing: every comparison on a missing property is false, != included"
	case len(vals) > 1 || c.sel.Wildcards() > 0:
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = jsonValueText(v)
		}
		return fmt.Sprintf("%s selects %d value(s): %s; the condition holds when any of them passes",
			sel, len(vals), strings.Join(parts, ", "))
	}
	v := vals[0]
	found := sel + " is " + jsonValueText(v)
	switch {
	case c.op == OpNotExists:
		return found + ", so it exists"
	case v.Type == gjson.Null && c.op != OpIsNull:
		return found + ": every comparison on null is false, != included"
	case v.IsArray() || v.IsObject():
		return found + ": only strings, numbers and booleans are compared, != included"
	case c.val.kind == NumberValue && v.Type == gjson.String:
		if _, ok := parseTextNumber(v.Str); !ok {
			return found + ", which is not a decimal number, so no number equals it"
		}
		return found + ", compared as the number it spells"
	case c.val.kind != NumberValue && c.val.kind != NoValue && (v.Type == gjson.Number || v.Type == gjson.True || v.Type == gjson.False):
		return found + ", compared as its text " + strconv.Quote(v.Raw)
	}
	return found
}

func jsonValueText(v gjson.Result) string {
	switch {
	case v.Type == gjson.String:
		return "the string " + strconv.Quote(v.Str)
	case v.Type == gjson.Number:
		return "the number " + v.Raw
	case v.Type == gjson.True, v.Type == gjson.False:
		return v.Raw
	case v.Type == gjson.Null:
		return "null"
	case v.IsArray():
		return "an array"
	}
	return "an object"
}

func explainFields(x *Explanation, b builder, e *delimEval, d *delimitedSyntax, event []byte) {
	fields := splitFields(event, nil)
	texts := map[int]string{} // slot index -> the text bound to it
	positions := map[int]int{}
	if !e.bind(event, fields, func(si, pos int, text string) bool {
		if si >= 0 {
			texts[si], positions[si] = text, pos
		}
		return true
	}) {
		need := 0
		for _, f := range d.Fields {
			if f == nil || !f.Ellipsis {
				need++
			}
		}
		x.Reason = fmt.Sprintf("the event has %d field(s); the pattern needs at least %d", len(fields), need)
		return
	}
	for si, f := range d.Fields {
		if f == nil || f.Ellipsis || f.Expr == nil {
			continue
		}
		text := texts[si]
		walkConditions(f.Expr, func(c *condSyntax) {
			if c.op == OpField {
				return
			}
			found := fmt.Sprintf("field %d (%s) is %q", positions[si], f.name, text)
			if c.val.kind == NumberValue {
				if _, ok := parseTextNumber(text); !ok {
					found += ", which is not a decimal number, so no number equals it"
				}
			}
			x.Steps = append(x.Steps, ExplainStep{Test: c.String(), Span: b.span(c.Pos.Offset, c.EndPos.Offset),
				Held: c.val.compare(c.op, text, false, 0), Found: found})
		})
	}
}

// Text renders the explanation for a terminal: a summary line, then every
// test with its outcome, the pattern line with a caret under the test, and
// what the event holds there.
func (x Explanation) Text() string {
	var b strings.Builder
	verdict := "no match"
	if x.Matched {
		verdict = "match"
	}
	held, counted := 0, 0
	for _, s := range x.Steps {
		if s.Ignored {
			continue
		}
		counted++
		if s.Held {
			held++
		}
	}
	switch {
	case x.Reason != "":
		fmt.Fprintf(&b, "%s: %s\n", verdict, x.Reason)
	default:
		fmt.Fprintf(&b, "%s: %d of %d tests held\n", verdict, held, counted)
	}
	for _, s := range x.Steps {
		outcome := "not held"
		switch {
		case s.Ignored:
			outcome = "ignored"
		case s.Held:
			outcome = "held"
		}
		fmt.Fprintf(&b, "  %s: %s\n", outcome, s.Test)
		line := lineOf(x.Pattern, s.Span.Start.Line)
		col := s.Span.Start.Column
		width := s.Span.End.Column - col
		if s.Span.End.Line != s.Span.Start.Line || width < 1 {
			width = 1
		}
		fmt.Fprintf(&b, "    %s\n    %s^%s\n", line, strings.Repeat(" ", max(col-1, 0)), strings.Repeat("~", width-1))
		fmt.Fprintf(&b, "    %s\n", s.Found)
	}
	return b.String()
}

// lineOf returns the 1-based line of src, tabs shown as spaces so the caret
// lines up.
func lineOf(src string, n int) string {
	lines := strings.Split(src, "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.ReplaceAll(strings.TrimRight(lines[n-1], "\r"), "\t", " ")
}
