package pattern

import "strconv"

// delimEval matches a space-delimited pattern. The event is split into
// fields at runs of whitespace (spaces and tabs alike); a field that starts
// with '[' or '"' runs to the matching ']' or '"' that is followed by
// whitespace or the end, and its delimiters are stripped. Fields are then
// lined up with the pattern's slots:
//   - with `...`, the slots before it take the first fields, the slots after
//     it the last fields, and `...` everything between (possibly nothing);
//   - without `...`, slot i takes field i and the last slot takes the rest
//     of the line (S24);
//   - fewer fields than named slots: no match. `[]` matches every event.
type delimEval struct {
	slots    []slot
	ellipsis int // index of `...` in slots, -1 if none
	conds    []*condSyntax
}

type slot struct {
	name string // "" for unnamed slots
	test *expr  // nil: no condition
}

// span is one field of an event: raw covers the delimiters, val not.
type span struct{ rawStart, rawEnd, valStart, valEnd int }

func newDelimEval(d *delimitedSyntax) *delimEval {
	e := &delimEval{ellipsis: -1}
	for i, f := range d.Fields {
		var s slot
		switch {
		case f == nil:
		case f.Ellipsis:
			e.ellipsis = i
		default:
			s.name = f.name
			s.test = compileExpr(f.Expr, func(c *condSyntax) int {
				e.conds = append(e.conds, c)
				return len(e.conds) - 1
			})
		}
		e.slots = append(e.slots, s)
	}
	return e
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// splitFields appends the fields of event to buf.
func splitFields(event []byte, buf []span) []span {
	i := 0
	for {
		for i < len(event) && isSpace(event[i]) {
			i++
		}
		if i >= len(event) {
			return buf
		}
		start := i
		if c := event[i]; c == '[' || c == '"' {
			closer := byte(']')
			if c == '"' {
				closer = '"'
			}
			if end := groupEnd(event, i+1, closer); end >= 0 {
				buf = append(buf, span{start, end + 1, start + 1, end})
				i = end + 1
				continue
			}
		}
		for i < len(event) && !isSpace(event[i]) {
			i++
		}
		buf = append(buf, span{start, i, start, i})
	}
}

// groupEnd finds the closer at or after i that ends a field (followed by
// whitespace or the end of the event); -1 when there is none, and the
// opening character is then an ordinary character.
func groupEnd(event []byte, i int, closer byte) int {
	for ; i < len(event); i++ {
		if event[i] == closer && (i+1 == len(event) || isSpace(event[i+1])) {
			return i
		}
	}
	return -1
}

// fieldAt binds fields to slots; visit is called for every slot with the
// field's 1-based position and text, and for every field under `...`.
// It reports false when the event has too few fields.
func (e *delimEval) bind(event []byte, fields []span, visit func(slotIdx, pos int, text string) bool) bool {
	n := len(e.slots)
	if n == 0 {
		for i, f := range fields {
			if !visit(-1, i+1, bytesString(event[f.valStart:f.valEnd])) {
				return false
			}
		}
		return true
	}
	text := func(f span) string { return bytesString(event[f.valStart:f.valEnd]) }
	if e.ellipsis < 0 {
		if len(fields) < n {
			return false
		}
		for i := 0; i < n-1; i++ {
			if !visit(i, i+1, text(fields[i])) {
				return false
			}
		}
		last := fields[n-1]
		if len(fields) > n {
			last = span{valStart: last.rawStart, valEnd: fields[len(fields)-1].rawEnd}
		}
		return visit(n-1, n, text(last))
	}
	before, after := e.ellipsis, n-e.ellipsis-1
	if len(fields) < before+after {
		return false
	}
	for i := 0; i < before; i++ {
		if !visit(i, i+1, text(fields[i])) {
			return false
		}
	}
	for i := before; i < len(fields)-after; i++ {
		if !visit(-1, i+1, text(fields[i])) {
			return false
		}
	}
	for k := 0; k < after; k++ {
		fi := len(fields) - after + k
		if !visit(e.ellipsis+1+k, fi+1, text(fields[fi])) {
			return false
		}
	}
	return true
}

// eval evaluates a field's conditions against its text.
func (e *delimEval) eval(x *expr, text string) bool {
	if x.kids == nil {
		c := e.conds[x.leaf]
		return c.op == OpField || c.val.compare(c.op, text, false, 0)
	}
	for _, k := range x.kids {
		if e.eval(k, text) == x.or {
			return x.or
		}
	}
	return !x.or
}

func (e *delimEval) match(event []byte) bool {
	var buf [32]span
	fields := splitFields(event, buf[:0])
	if len(e.slots) == 0 {
		return true
	}
	return e.bind(event, fields, func(si, _ int, text string) bool {
		return si < 0 || e.slots[si].test == nil || e.eval(e.slots[si].test, text)
	})
}

// extract is match that also collects TestMetricFilter's extractedValues.
func (e *delimEval) extract(event []byte) (map[string]string, bool) {
	if !e.match(event) {
		return nil, false
	}
	fields := splitFields(event, nil)
	out := map[string]string{}
	e.bind(event, fields, func(si, pos int, text string) bool {
		name := "$" + strconv.Itoa(pos)
		if si >= 0 && e.slots[si].name != "" {
			name = "$" + e.slots[si].name
		}
		out[name] = string([]byte(text))
		return true
	})
	return out, true
}
