package query

import (
	"strings"
	"unicode/utf8"
)

// sqlGen translates one pattern's conditions into a SQL predicate over the
// CloudTrail table.
type sqlGen struct {
	d     *Dialect
	conds conditions
	vars  int // lambda variables used
}

func (g *sqlGen) need(c *cond, code, text string) { g.conds.need(c, code, text) }

// expr translates a boolean tree; NULL from a missing field behaves as
// false because nothing above a condition negates it.
func (g *sqlGen) expr(n *node) (string, error) {
	return joinTree(n, " AND ", " OR ", g.condition)
}

// condition resolves the selector against the table and tests the value.
func (g *sqlGen) condition(c *cond) (string, error) {
	return g.walk(c, Table, "", 0)
}

// walk follows c.path from step i at field f, whose SQL expression is at
// (empty for the table itself).
func (g *sqlGen) walk(c *cond, f *Field, at string, i int) (string, error) {
	if i == len(c.path) {
		switch f.Type {
		case String:
			return g.scalar(c, at)
		case Map:
			return "", refuse("map-field", c.src, "%s is a map<string,string> in Athena's table; cwpat does not translate map lookups", selectorText(c.path))
		case JSONText:
			return g.container(c, "object")
		default:
			return g.container(c, "object")
		}
	}
	s := c.path[i]
	switch f.Type {
	case Struct:
		switch s.kind {
		case wildStep:
			return "", refuse("struct-wildcard", c.src, "a wildcard over %s cannot be translated: the table's struct holds only the DDL's fields, a record may hold more", selectorText(c.path[:i]))
		case indexStep:
			return "", refuse("not-an-array", c.src, "%s is an object in CloudTrail records, not an array", selectorText(c.path[:i]))
		}
		child := f.field(s.key)
		if child == nil {
			hint := ""
			if fold := f.fieldFold(s.key); fold != nil {
				hint = "; CloudTrail spells it " + fold.Key + " and filter patterns compare keys case-sensitively"
			}
			return "", refuse("unknown-column", c.src, "Athena's CloudTrail table has no column for %s%s", selectorText(c.path[:i+1]), hint)
		}
		expr := child.Name
		if at != "" {
			expr = at + "." + child.Name
		}
		return g.walk(c, child, expr, i+1)
	case Array:
		switch s.kind {
		case keyStep:
			return "", refuse("not-an-object", c.src, "%s is an array in CloudTrail records; select an element with [n] or [*]", selectorText(c.path[:i]))
		case indexStep:
			return g.walk(c, &Field{Type: Struct, Fields: f.Fields}, g.d.elementAt(at, s.index), i+1)
		}
		g.vars++
		v := "r" + string(rune('0'+g.vars%10))
		body, err := g.walk(c, &Field{Type: Struct, Fields: f.Fields}, v, i+1)
		g.vars--
		if err != nil {
			return "", err
		}
		if c.op == opNotExists || c.op == opIsNull {
			return "", refuse("null-or-missing", c.src, "%s over an array's elements cannot tell null from missing in Athena's table", opText(c.op))
		}
		return g.d.anyMatch(at, v, "COALESCE("+body+", FALSE)"), nil
	case JSONText:
		return g.json(c, f, i)
	case String:
		return "", refuse("not-an-object", c.src, "%s is a string column in Athena's table; CloudTrail writes a string there, which has no fields", selectorText(c.path[:i]))
	}
	return "", refuse("map-field", c.src, "%s is a map<string,string> in Athena's table; cwpat does not translate map lookups", selectorText(c.path[:i]))
}

// container handles a selector that ends on an object or array: every
// comparison is false there, and NOT EXISTS / IS NULL cannot be told apart.
func (g *sqlGen) container(c *cond, what string) (string, error) {
	switch c.op {
	case opNotExists, opIsNull:
		return "", refuse("null-or-missing", c.src, "%s on %s cannot be translated: Athena's table reads a JSON null and a missing key both as NULL", opText(c.op), selectorText(c.path))
	}
	return "", refuse("compares-object", c.src, "%s selects an %s in CloudTrail records; the comparison is always false (CloudWatch compares strings, numbers and booleans only)", selectorText(c.path), what)
}

// scalar tests a STRING column or struct field, x.
func (g *sqlGen) scalar(c *cond, x string) (string, error) {
	switch c.op {
	case opIsNull, opNotExists:
		return "", refuse("null-or-missing", c.src, "%s on %s cannot be translated: Athena's table reads a JSON null and a missing key both as NULL", opText(c.op), selectorText(c.path))
	case opIsTrue, opIsFalse:
		g.need(c, "boolean-column", "a JSON boolean is never written as the string \"true\" or \"false\" there (the STRING column reads both the same)")
		if c.op == opIsTrue {
			return x + " = 'true'", nil
		}
		return x + " = 'false'", nil
	}
	return g.compare(c, x, "", "")
}

// compare applies =, != or an ordering to the text t of a present scalar
// (NULL when the field is missing, null, or — for JSON text — not a
// scalar). isNum, when set, tests that the scalar is a JSON number (for
// JSON text, where the type is known).
func (g *sqlGen) compare(c *cond, t, isNum, _ string) (string, error) {
	typed := isNum == "" // a STRING column: the JSON type is lost
	if typed && c.op == opNe {
		g.need(c, "string-column", "never an object or array (the STRING column reads one as its JSON text)")
	}
	var test string
	switch c.val.kind {
	case stringValue:
		test = t + " = " + sqlString(c.val.text)
		if typed && (strings.HasPrefix(c.val.text, "{") || strings.HasPrefix(c.val.text, "[")) {
			g.need(c, "string-column", "never an object or array (the STRING column reads one as its JSON text)")
		}
		if looksNumeric(c.val.text) {
			g.need(c, "number-text", "a JSON number there is written in its shortest form (the engine re-prints numbers it reads)")
		}
	case globValue:
		test = globSQL(g.d, t, c.val.text)
		if typed && globMayMatchContainer(c.val.text) {
			g.need(c, "string-column", "never an object or array (the STRING column reads one as its JSON text)")
		}
		if globMayMatchNumber(c.val.text) && c.val.text != "*" {
			g.need(c, "number-text", "a JSON number there is written in its shortest form (the engine re-prints numbers it reads)")
		}
	case regexValue:
		re, err := portableRegex(c.val.text)
		if err != nil {
			return "", refuse("regex", c.src, "%v", err)
		}
		test = g.d.RegexLike + "(" + t + ", " + sqlString(re) + ")"
		if typed {
			g.need(c, "string-column", "never an object or array (the STRING column reads one as its JSON text)")
		}
		g.need(c, "number-text", "a JSON number there is written in its shortest form (the engine re-prints numbers it reads)")
	case numberValue:
		num := numberOf(g.d, t, isNum)
		if typed {
			g.need(c, "number-column", "never a JSON number written with an exponent (the STRING column cannot tell 1e3 from the text \"1e3\", which CloudWatch does not read as a number)")
		}
		if c.op == opNe {
			return t + " IS NOT NULL AND NOT COALESCE(" + num + " = " + sqlDouble(c.val.num) + ", FALSE)", nil
		}
		return num + " " + opSQL[c.op] + " " + sqlDouble(c.val.num), nil
	}
	if c.op == opNe {
		return t + " IS NOT NULL AND NOT COALESCE(" + test + ", FALSE)", nil
	}
	if c.op != opEq {
		return "", refuse("ordering-text", c.src, "%s compares numbers only", opText(c.op))
	}
	return test, nil
}

// numericText is CloudWatch's reading of a string as a number: a decimal
// with an optional sign, no exponent ("Strings don't support scientific
// notation").
const numericText = `^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)\z`

// numberOf is the value of t as CloudWatch compares it: a JSON number's
// value, or a string's when it is decimal text; NULL otherwise.
func numberOf(d *Dialect, t, isNum string) string {
	guard := d.RegexLike + "(" + t + ", " + sqlString(numericText) + ")"
	if isNum != "" {
		guard = "(" + isNum + ") OR " + guard
	}
	return "TRY_CAST(CASE WHEN " + guard + " THEN " + t + " END AS DOUBLE)"
}

// json tests a path inside a JSON-text column (requestParameters and kin).
func (g *sqlGen) json(c *cond, f *Field, i int) (string, error) {
	rest := c.path[i:]
	for _, s := range rest {
		if s.kind == wildStep {
			return "", refuse("json-wildcard", c.src, "a wildcard inside %s is not translated (Athena's json_extract has no wildcard)", f.Key)
		}
	}
	path, ok := jsonPath(rest)
	if !ok {
		return "", refuse("json-key", c.src, "inside %s, only keys made of letters, digits and '_' are translated (Athena and DuckDB spell other keys' JSON paths differently)", f.Key)
	}
	g.need(&cond{path: c.path[:i]}, "json-column", "always a JSON object or null, never a string (the STRING column reads a string's text, which would be parsed as JSON)")
	doc := g.d.jsonDoc(f.Name)
	switch c.op {
	case opNotExists:
		return "json_extract(" + doc + ", " + sqlString(path) + ") IS NULL", nil
	case opIsNull:
		return g.d.jsonIsNull(doc, path), nil
	case opIsTrue, opIsFalse:
		return g.d.jsonIsBool(doc, path, c.op == opIsTrue), nil
	}
	return g.compare(c, g.d.jsonScalar(doc, path), g.d.jsonIsNumber(doc, path), "")
}

// looksNumeric reports whether s could be a JSON number's text.
func looksNumeric(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune("0123456789.eE+-", rune(s[i])) {
			return false
		}
	}
	return true
}

func globMayMatchNumber(glob string) bool {
	for _, p := range strings.Split(glob, "*") {
		if p != "" && !looksNumeric(p) {
			return false
		}
	}
	return true
}

// globMayMatchContainer reports whether glob could match the JSON text of
// an object or array.
func globMayMatchContainer(glob string) bool {
	first, last := glob[:1], glob[len(glob)-1:]
	return (first == "*" || first == "{" || first == "[") && (last == "*" || last == "}" || last == "]")
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }
