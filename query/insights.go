package query

import (
	"strconv"
	"strings"
)

// Insights translates one filter pattern into the filter expression of a
// CloudWatch Logs Insights query over the log group CloudTrail delivers to
// (one record per log event, its JSON in @message). The error is an *Error
// when the pattern has no exact Insights translation.
//
// Term patterns test @message with like "..." (a case-sensitive substring,
// as a term is). JSON patterns test the fields Insights discovers in a JSON
// event, each name the selector's keys joined by '.'. Insights' != is true
// on a missing field where CloudWatch's filter is false, so every != is
// guarded by ispresent().
func Insights(src string) (string, []Condition, error) {
	p, err := parsePattern(src)
	if err != nil {
		return "", nil, err
	}
	switch {
	case p.all:
		return "", nil, nil
	case p.delimited:
		return "", nil, refuse("no-raw-line", strings.TrimSpace(src), "a space-delimited pattern is not translated for Insights; CloudTrail records are JSON, so a JSON pattern says the same")
	case p.terms != nil:
		s, err := insightsTerms(p.terms)
		return s, nil, err
	}
	g := &insightsGen{}
	s, err := g.expr(p.json)
	if err != nil {
		return "", nil, err
	}
	return s, g.conds, nil
}

// InsightsQuery is the whole query returning the matching events, oldest
// first.
func InsightsQuery(filter string) string {
	q := "fields @timestamp, @message"
	if filter != "" {
		q += "\n| filter " + filter
	}
	return q + "\n| sort @timestamp asc"
}

// InsightsCounts is the query counting matches per minute; its rows have
// the fields "bin(1m)" and "matched".
func InsightsCounts(filter string) string {
	q := ""
	if filter != "" {
		q = "filter " + filter + "\n| "
	}
	return q + "stats count(*) as matched by bin(1m)"
}

func insightsTerms(t *termsPattern) (string, error) {
	test := func(x term) (string, error) {
		if x.regex {
			re, err := portableRegex(x.text)
			if err != nil {
				return "", refuse("regex", x.src, "%v", err)
			}
			return "@message like " + insightsRegex(re), nil
		}
		return "@message like " + insightsString(x.text), nil
	}
	var and []string
	for _, x := range t.must {
		s, err := test(x)
		if err != nil {
			return "", err
		}
		and = append(and, s)
	}
	for _, x := range t.not {
		s, err := test(x)
		if err != nil {
			return "", err
		}
		and = append(and, "not ("+s+")")
	}
	if len(t.any) > 0 {
		var or []string
		for _, x := range t.any {
			s, err := test(x)
			if err != nil {
				return "", err
			}
			or = append(or, "("+s+")")
		}
		and = append(and, "("+strings.Join(or, " or ")+")")
	}
	for i, s := range and {
		and[i] = "(" + s + ")"
	}
	return strings.Join(and, " and "), nil
}

type insightsGen struct {
	conds conditions
}

func (g *insightsGen) need(c *cond, code, text string) { g.conds.need(c, code, text) }

func (g *insightsGen) expr(n *node) (string, error) {
	return joinTree(n, " and ", " or ", g.condition)
}

func (g *insightsGen) condition(c *cond) (string, error) {
	var names []string
	for _, s := range c.path {
		if s.kind != keyStep {
			return "", refuse("insights-array", c.src, "Insights names array elements of a flattened JSON event in a way AWS does not document; %s is not translated", selectorText(c.path))
		}
		if s.key == "" || strings.ContainsAny(s.key, ".`") {
			return "", refuse("insights-key", c.src, "a key holding '.' or '`' has no unambiguous Insights field name")
		}
		names = append(names, s.key)
	}
	f := insightsField(strings.Join(names, "."))
	g.need(c, "insights-field", "Insights discovered the field in the event (it discovers a limited number of fields per JSON event)")
	switch c.op {
	case opNotExists:
		g.need(c, "insights-null", "never JSON null (Insights does not document whether a null field is present)")
		return "not ispresent(" + f + ")", nil
	case opIsNull, opIsTrue, opIsFalse:
		return "", refuse("insights-literal", c.src, "Insights does not document how it discovers JSON null, true and false, so %s is not translated", opText(c.op))
	case opEq, opNe:
	default:
		return "", refuse("insights-number", c.src, "Insights does not document how it compares numbers with numeric strings, so %s is not translated", opText(c.op))
	}
	var test string
	switch c.val.kind {
	case numberValue:
		return "", refuse("insights-number", c.src, "Insights does not document how it compares numbers with numeric strings, so a number is not translated")
	case stringValue:
		test = f + " = " + insightsString(c.val.text)
		if looksNumeric(c.val.text) || c.val.text == "true" || c.val.text == "false" {
			g.need(c, "insights-string", "a JSON string wherever it is present (Insights compares numbers and booleans by its own rules)")
		}
	case regexValue:
		re, err := portableRegex(c.val.text)
		if err != nil {
			return "", refuse("regex", c.src, "%v", err)
		}
		test = f + " like " + insightsRegex(re)
		g.need(c, "insights-string", "a JSON string wherever it is present (Insights compares numbers and booleans by its own rules)")
	case globValue:
		s, err := insightsGlob(c, f)
		if err != nil {
			return "", err
		}
		test = s
		g.need(c, "insights-string", "a JSON string wherever it is present (Insights compares numbers and booleans by its own rules)")
	}
	if c.op == opNe {
		return "ispresent(" + f + ") and not (" + test + ")", nil
	}
	return test, nil
}

// insightsGlob translates a '*' glob. A glob ending in '*' is a regex
// (finding first occurrences in turn is monotone, so a regex's search finds
// the same); with one '*' before a last piece, the last piece's first
// occurrence after the first piece must end the value. Globs with more
// stars before a last piece are refused.
func insightsGlob(c *cond, f string) (string, error) {
	pieces := strings.Split(c.val.text, "*")
	first, last := pieces[0], pieces[len(pieces)-1]
	if last == "" {
		if c.val.text == "*" {
			return "ispresent(" + f + ")", nil
		}
		var re strings.Builder
		re.WriteString("^" + regexQuote(first))
		for _, p := range pieces[1 : len(pieces)-1] {
			if p != "" {
				re.WriteString(`[\s\S]*?` + regexQuote(p))
			}
		}
		return f + " like " + insightsRegex(re.String()), nil
	}
	if len(pieces) > 2 {
		return "", refuse("insights-glob", c.src, "a '*' glob with several stars before its last piece has no exact Insights translation (CloudWatch matches it without backtracking)")
	}
	n := runeLen(first)
	rest := f
	var and []string
	if first != "" {
		and = append(and, f+" like "+insightsRegex("^"+regexQuote(first)))
		rest = "substr(" + f + ", " + strconv.Itoa(n) + ")"
	}
	and = append(and, rest+" like "+insightsRegex(regexQuote(last)+`\z`))
	// The last piece occurs nowhere before its final position: not in the
	// rest without its last character.
	and = append(and, "not (substr("+f+", "+strconv.Itoa(n)+", strlen("+f+") - "+strconv.Itoa(n+1)+") like "+insightsString(last)+")")
	return strings.Join(and, " and "), nil
}

// insightsString quotes s as an Insights string literal.
func insightsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// insightsRegex writes re between slashes.
func insightsRegex(re string) string {
	return "/" + strings.ReplaceAll(re, "/", `\/`) + "/"
}

// insightsField writes a field name, in backticks when it holds characters
// other than letters, digits, '_', '.' and '@'.
func insightsField(name string) string {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isAlnum(c) && c != '_' && c != '.' && c != '@' {
			return "`" + name + "`"
		}
	}
	return name
}
