package pattern

import (
	"strconv"

	"github.com/tidwall/gjson"
)

// jsonEval is the reference JSON evaluator, reading events with gjson.
// AWS's rules it implements:
//   - a JSON pattern matches only a message that is one valid JSON object;
//   - every comparison (=, !=, <, ...) is false on a missing property, on
//     null, and on an array or object: only string, number and boolean
//     values are compared;
//   - a wildcard selector (.* or [*]) matches when any of the values it
//     selects satisfies the condition; NOT EXISTS when it selects nothing.
type jsonEval struct {
	root  *expr
	conds []jsonCond
}

type jsonCond struct {
	op    Op
	val   *value
	steps []jsonStep
}

type jsonStep struct {
	kind SegmentKind
	path string // gjson path of the key or index, escaped
}

func newJSONEval(j *jsonSyntax) *jsonEval {
	e := &jsonEval{}
	e.root = compileExpr(j.Expr, func(c *condSyntax) int {
		e.conds = append(e.conds, newJSONCond(c))
		return len(e.conds) - 1
	})
	return e
}

// newJSONCond compiles one condition: its test and its selector as gjson
// steps.
func newJSONCond(c *condSyntax) jsonCond {
	jc := jsonCond{op: c.op, val: &c.val}
	for _, s := range c.sel.segs {
		st := jsonStep{kind: s.Kind}
		switch s.Kind {
		case KeySegment:
			st.path = gjson.Escape(s.Key)
		case IndexSegment:
			st.path = strconv.Itoa(s.Index)
		}
		jc.steps = append(jc.steps, st)
	}
	return jc
}

// isJSONObject reports whether s is exactly one valid JSON object, with
// optional surrounding whitespace.
func isJSONObject(s string) bool {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i < len(s) && s[i] == '{' && gjson.Valid(s)
}

func (e *jsonEval) match(event []byte) bool {
	s := bytesString(event)
	if !isJSONObject(s) {
		return false
	}
	return e.eval(e.root, gjson.Parse(s))
}

// eval evaluates x against the event's root object, short-circuiting as &&
// and || do.
func (e *jsonEval) eval(x *expr, root gjson.Result) bool {
	if x.kids == nil {
		c := &e.conds[x.leaf]
		if c.op == OpNotExists {
			return !c.walk(root, 0, true)
		}
		return c.walk(root, 0, false)
	}
	for _, k := range x.kids {
		if e.eval(k, root) == x.or {
			return x.or
		}
	}
	return !x.or
}

// walk follows the selector from step i; with exists it reports whether any
// value is selected, else whether any selected value passes the test.
func (c *jsonCond) walk(r gjson.Result, i int, exists bool) bool {
	if i == len(c.steps) {
		if exists {
			return true
		}
		return c.test(r)
	}
	st := &c.steps[i]
	switch st.kind {
	case KeySegment:
		if !r.IsObject() {
			return false
		}
		child := r.Get(st.path)
		return child.Exists() && c.walk(child, i+1, exists)
	case IndexSegment:
		if !r.IsArray() {
			return false
		}
		child := r.Get(st.path)
		return child.Exists() && c.walk(child, i+1, exists)
	}
	if !r.IsArray() && !r.IsObject() {
		return false
	}
	found := false
	r.ForEach(func(_, v gjson.Result) bool {
		if c.walk(v, i+1, exists) {
			found = true
			return false
		}
		return true
	})
	return found
}

// test applies the condition to one selected value.
func (c *jsonCond) test(r gjson.Result) bool {
	switch r.Type {
	case gjson.Null:
		return c.op == OpIsNull
	case gjson.True:
		if c.op == OpIsTrue {
			return true
		}
		return c.compare(r.Raw, false, 0)
	case gjson.False:
		if c.op == OpIsFalse {
			return true
		}
		return c.compare(r.Raw, false, 0)
	case gjson.Number:
		return c.compare(r.Raw, true, r.Num)
	case gjson.String:
		return c.compare(r.Str, false, 0)
	}
	return false // object or array
}

func (c *jsonCond) compare(text string, isNum bool, num float64) bool {
	switch c.op {
	case OpEq, OpNe, OpLt, OpLe, OpGt, OpGe:
		return c.val.compare(c.op, text, isNum, num)
	}
	return false
}
