package localaws

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// iqEvent is one log event as Insights sees it: the system fields and the
// fields it discovers in a JSON message. Per AWS's "Supported logs and
// discovered fields", a JSON event's fields are discovered with nested
// objects' keys joined by '.'. A field holding null, an array or an empty
// object is not discovered here (the documentation names no field for
// them).
type iqEvent struct {
	fields map[string]iqValue
}

// iqValue is a field's value: text, and whether it is a JSON number.
type iqValue struct {
	text  string
	isNum bool
	num   float64
}

func newIQEvent(e logEvent, stream, group string) *iqEvent {
	ev := &iqEvent{fields: map[string]iqValue{
		"@message":   {text: e.msg},
		"@timestamp": {text: strconv.FormatInt(e.ts, 10), isNum: true, num: float64(e.ts)},
		"@logStream": {text: stream},
		"@log":       {text: group},
	}}
	var obj map[string]any
	d := json.NewDecoder(strings.NewReader(e.msg))
	d.UseNumber()
	if d.Decode(&obj) == nil {
		ev.flatten("", obj)
	}
	return ev
}

func (ev *iqEvent) flatten(prefix string, obj map[string]any) {
	for k, v := range obj {
		name := prefix + k
		switch v := v.(type) {
		case map[string]any:
			ev.flatten(name+".", v)
		case string:
			ev.fields[name] = iqValue{text: v}
		case json.Number:
			f, err := v.Float64()
			ev.fields[name] = iqValue{text: v.String(), isNum: err == nil, num: f}
		case bool:
			ev.fields[name] = iqValue{text: strconv.FormatBool(v)}
		}
	}
}

// iqResult is an expression's value: nil for a missing field.
type iqResult struct {
	present bool
	v       iqValue
	b       bool // for boolean expressions
	isBool  bool
}

func (ev *iqEvent) truth(e *iqExpr) bool {
	r := ev.eval(e)
	if r.isBool {
		return r.b
	}
	return r.present && r.v.text != "" && r.v.text != "0" && r.v.text != "false"
}

func boolResult(b bool) iqResult { return iqResult{present: true, b: b, isBool: true} }

func (ev *iqEvent) eval(e *iqExpr) iqResult {
	switch e.kind {
	case "or":
		return boolResult(ev.truth(e.kids[0]) || ev.truth(e.kids[1]))
	case "and":
		return boolResult(ev.truth(e.kids[0]) && ev.truth(e.kids[1]))
	case "not":
		return boolResult(!ev.truth(e.kids[0]))
	case "field":
		v, ok := ev.fields[e.name]
		return iqResult{present: ok, v: v}
	case "str":
		return iqResult{present: true, v: iqValue{text: e.str}}
	case "num":
		return iqResult{present: true, v: iqValue{text: strconv.FormatFloat(e.num, 'f', -1, 64), isNum: true, num: e.num}}
	case "cmp":
		return boolResult(compareIQ(e.op, ev.eval(e.kids[0]), ev.eval(e.kids[1])))
	case "like":
		l := ev.eval(e.kids[0])
		if !l.present {
			return boolResult(false)
		}
		if r := e.kids[1]; r.kind == "regex" {
			return boolResult(r.re.MatchString(l.v.text))
		}
		r := ev.eval(e.kids[1])
		return boolResult(r.present && strings.Contains(l.v.text, r.v.text))
	case "arith":
		l, r := ev.eval(e.kids[0]), ev.eval(e.kids[1])
		if !l.present || !r.present || !l.v.isNum || !r.v.isNum {
			return iqResult{}
		}
		n := l.v.num + r.v.num
		if e.op == "-" {
			n = l.v.num - r.v.num
		}
		return iqResult{present: true, v: iqValue{text: strconv.FormatFloat(n, 'f', -1, 64), isNum: true, num: n}}
	case "call":
		return ev.call(e)
	}
	return iqResult{}
}

// compareIQ compares two values: numbers by value when both are numbers,
// otherwise as text. A comparison with a missing field is false, except !=,
// which Insights answers true (the documented trap cwpat guards with
// ispresent).
func compareIQ(op string, l, r iqResult) bool {
	if !l.present || !r.present {
		return op == "!="
	}
	c := strings.Compare(l.v.text, r.v.text)
	if l.v.isNum && r.v.isNum {
		switch {
		case l.v.num < r.v.num:
			c = -1
		case l.v.num > r.v.num:
			c = 1
		default:
			c = 0
		}
	}
	switch op {
	case "=":
		return c == 0
	case "!=":
		return c != 0
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	}
	return c >= 0
}

// call evaluates ispresent(f), strlen(s) and substr(s, start[, length])
// (0-based, in characters, clamped to the string).
func (ev *iqEvent) call(e *iqExpr) iqResult {
	args := make([]iqResult, len(e.kids))
	for i, k := range e.kids {
		args[i] = ev.eval(k)
	}
	switch e.name {
	case "ispresent":
		return boolResult(len(args) == 1 && args[0].present)
	case "strlen":
		if len(args) != 1 || !args[0].present {
			return iqResult{}
		}
		n := float64(utf8.RuneCountInString(args[0].v.text))
		return iqResult{present: true, v: iqValue{text: strconv.Itoa(int(n)), isNum: true, num: n}}
	case "substr":
		if len(args) < 2 || !args[0].present || !args[1].present {
			return iqResult{}
		}
		r := []rune(args[0].v.text)
		start := clamp(int(args[1].v.num), 0, len(r))
		end := len(r)
		if len(args) > 2 && args[2].present {
			end = clamp(start+int(args[2].v.num), start, len(r))
		}
		return iqResult{present: true, v: iqValue{text: string(r[start:end])}}
	}
	return iqResult{}
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }
