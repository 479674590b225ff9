package localaws

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The local Logs Insights reads the part of the Insights query language
// described in AWS's "CloudWatch Logs Insights language query syntax"
// pages that cwpat's translations use: commands fields, filter, stats
// count(*) ... by bin(...), sort, limit and display, separated by '|';
// filter expressions with and, or, not, parentheses, the comparisons = !=
// < <= > >=, like with a "string" (contains) or a /regex/, =~, and the
// functions ispresent, strlen and substr. It is written from that
// documentation, not from cwpat's filter-pattern matcher, so that a test of
// cwpat's Insights translations compares two independent readings.

// iqQuery is a parsed query.
type iqQuery struct {
	filters []*iqExpr
	// stats are the aggregations of a stats command; statsBin its bin
	// (milliseconds; zero for one row over all events).
	stats    []iqAgg
	hasStats bool
	statsBin int64
	binLabel string
	sortDesc bool
	limit    int
}

// iqExpr is an expression node.
// iqAgg is one aggregation: count(*), or min / max of a field.
type iqAgg struct {
	fn, field, name string
}

type iqExpr struct {
	kind   string // "or", "and", "not", "cmp", "like", "call", "field", "str", "num", "regex", "arith"
	op     string
	kids   []*iqExpr
	name   string // field or function name
	str    string
	num    float64
	re     *regexp.Regexp
	parens bool
}

type iqLexer struct {
	src string
	pos int
}

func (l *iqLexer) skip() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if c == '#' { // a comment runs to the end of the line
			for l.pos < len(l.src) && l.src[l.pos] != '\n' {
				l.pos++
			}
			continue
		}
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return
		}
		l.pos++
	}
}

// next returns the next token: punctuation, an operator, a word, a
// "string", a /regex/ (only where an operand is expected) or a number.
func (l *iqLexer) next(operand bool) (string, error) {
	l.skip()
	if l.pos >= len(l.src) {
		return "", nil
	}
	s := l.src[l.pos:]
	switch {
	case strings.HasPrefix(s, "!=") || strings.HasPrefix(s, "<=") || strings.HasPrefix(s, ">=") || strings.HasPrefix(s, "=~"):
		l.pos += 2
		return s[:2], nil
	case strings.ContainsRune("|(),=<>*+-[]", rune(s[0])):
		l.pos++
		return s[:1], nil
	case s[0] == '"' || s[0] == '\'':
		end, err := closing(s, s[0])
		if err != nil {
			return "", err
		}
		l.pos += end + 1
		return s[:end+1], nil
	case s[0] == '/' && operand:
		end, err := closing(s, '/')
		if err != nil {
			return "", err
		}
		l.pos += end + 1
		return s[:end+1], nil
	case s[0] == '`':
		end := strings.IndexByte(s[1:], '`')
		if end < 0 {
			return "", fmt.Errorf("unterminated backtick at %d", l.pos)
		}
		l.pos += end + 2
		return s[:end+2], nil
	}
	n := 0
	for n < len(s) && (isWordByte(s[n])) {
		n++
	}
	if n == 0 {
		return "", fmt.Errorf("unexpected character %q at %d", s[0], l.pos)
	}
	l.pos += n
	return s[:n], nil
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '@' || c == '$'
}

// closing finds the quote that ends a literal opened by q at s[0]; a
// backslash escapes the next character.
func closing(s string, q byte) (int, error) {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case q:
			return i, nil
		}
	}
	return 0, fmt.Errorf("unterminated %c", q)
}

type iqParser struct {
	lx  iqLexer
	tok string
	err error
}

func (p *iqParser) advance(operand bool) {
	if p.err != nil {
		return
	}
	p.tok, p.err = p.lx.next(operand)
}

func (p *iqParser) expect(t string, operand bool) {
	if p.err == nil && !strings.EqualFold(p.tok, t) {
		p.err = fmt.Errorf("expected %q, found %q", t, p.tok)
	}
	p.advance(operand)
}

// parseInsights reads a query string.
func parseInsights(src string) (*iqQuery, error) {
	q := &iqQuery{limit: 10000}
	p := &iqParser{lx: iqLexer{src: src}}
	p.advance(false)
	for p.err == nil && p.tok != "" {
		cmd := strings.ToLower(p.tok)
		switch cmd {
		case "fields", "display":
			for p.err == nil && p.tok != "" && p.tok != "|" {
				p.advance(false)
			}
		case "filter":
			p.advance(true)
			e := p.or()
			if p.err == nil {
				q.filters = append(q.filters, e)
			}
		case "stats":
			p.parseStats(q)
		case "sort":
			p.advance(false)
			p.advance(false) // the field: only @timestamp is sorted by
			if strings.EqualFold(p.tok, "desc") || strings.EqualFold(p.tok, "asc") {
				q.sortDesc = strings.EqualFold(p.tok, "desc")
				p.advance(false)
			}
		case "limit":
			p.advance(false)
			n, err := strconv.Atoi(p.tok)
			if err != nil || n < 1 || n > 10000 {
				return nil, fmt.Errorf("limit %q: want 1 to 10000", p.tok)
			}
			q.limit = n
			p.advance(false)
		default:
			return nil, fmt.Errorf("unexpected symbol %q: cwpat's local Insights reads fields, filter, stats, sort, limit and display", p.tok)
		}
		if p.err == nil && p.tok != "" {
			p.expect("|", false)
		}
	}
	if p.err != nil {
		return nil, p.err
	}
	return q, nil
}

// parseStats reads `stats AGG [as NAME], ... [by bin(N[smhd])]` where AGG is
// count(*), min(field) or max(field).
func (p *iqParser) parseStats(q *iqQuery) {
	q.hasStats = true
	p.advance(false)
	for p.err == nil {
		fn := strings.ToLower(p.tok)
		if fn != "count" && fn != "min" && fn != "max" {
			p.err = fmt.Errorf("stats %q: cwpat's local Insights computes count, min and max", p.tok)
			return
		}
		p.advance(false)
		p.expect("(", false)
		arg := p.tok
		p.advance(false)
		p.expect(")", false)
		agg := iqAgg{fn: fn, field: strings.Trim(arg, "`"), name: fn + "(" + arg + ")"}
		if strings.EqualFold(p.tok, "as") {
			p.advance(false)
			agg.name = p.tok
			p.advance(false)
		}
		q.stats = append(q.stats, agg)
		if p.tok != "," {
			break
		}
		p.advance(false)
	}
	if !strings.EqualFold(p.tok, "by") {
		return
	}
	p.advance(false)
	p.expect("bin", false)
	p.expect("(", false)
	spec := p.tok
	p.advance(false)
	p.expect(")", false)
	if p.err != nil {
		return
	}
	unit := map[byte]int64{'s': 1000, 'm': 60000, 'h': 3600000, 'd': 86400000}[spec[len(spec)-1]]
	n, err := strconv.ParseInt(spec[:len(spec)-1], 10, 64)
	if unit == 0 || err != nil || n < 1 {
		p.err = fmt.Errorf("bin(%s): want a number and s, m, h or d", spec)
		return
	}
	q.statsBin, q.binLabel = n*unit, "bin("+spec+")"
}

func (p *iqParser) or() *iqExpr {
	e := p.and()
	for p.err == nil && strings.EqualFold(p.tok, "or") {
		p.advance(true)
		e = &iqExpr{kind: "or", kids: []*iqExpr{e, p.and()}}
	}
	return e
}

func (p *iqParser) and() *iqExpr {
	e := p.not()
	for p.err == nil && strings.EqualFold(p.tok, "and") {
		p.advance(true)
		e = &iqExpr{kind: "and", kids: []*iqExpr{e, p.not()}}
	}
	return e
}

func (p *iqParser) not() *iqExpr {
	if strings.EqualFold(p.tok, "not") {
		p.advance(true)
		return &iqExpr{kind: "not", kids: []*iqExpr{p.not()}}
	}
	return p.comparison()
}

func (p *iqParser) comparison() *iqExpr {
	left := p.arith()
	switch op := p.tok; {
	case op == "=" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=":
		p.advance(true)
		return &iqExpr{kind: "cmp", op: op, kids: []*iqExpr{left, p.arith()}}
	case strings.EqualFold(op, "like") || op == "=~":
		p.advance(true)
		return &iqExpr{kind: "like", kids: []*iqExpr{left, p.operand()}}
	}
	return left
}

func (p *iqParser) arith() *iqExpr {
	e := p.operand()
	for p.err == nil && (p.tok == "+" || p.tok == "-") {
		op := p.tok
		p.advance(true)
		e = &iqExpr{kind: "arith", op: op, kids: []*iqExpr{e, p.operand()}}
	}
	return e
}

func (p *iqParser) operand() *iqExpr {
	t := p.tok
	if p.err != nil {
		return &iqExpr{}
	}
	switch {
	case t == "":
		p.err = fmt.Errorf("unexpected end of query")
		return &iqExpr{}
	case t == "(":
		p.advance(true)
		e := p.or()
		p.expect(")", false)
		e.parens = true
		return e
	case t[0] == '"' || t[0] == '\'':
		p.advance(false)
		return &iqExpr{kind: "str", str: unescapeIQ(t[1 : len(t)-1])}
	case t[0] == '/':
		re, err := regexp.Compile(strings.ReplaceAll(t[1:len(t)-1], `\/`, "/"))
		if err != nil {
			p.err = fmt.Errorf("invalid regex %s: %v", t, err)
			return &iqExpr{}
		}
		p.advance(false)
		return &iqExpr{kind: "regex", re: re}
	case t[0] == '`':
		p.advance(false)
		return &iqExpr{kind: "field", name: t[1 : len(t)-1]}
	case t[0] >= '0' && t[0] <= '9':
		n, err := strconv.ParseFloat(t, 64)
		if err != nil {
			p.err = fmt.Errorf("bad number %q", t)
		}
		p.advance(false)
		return &iqExpr{kind: "num", num: n}
	}
	p.advance(false)
	if p.tok == "(" {
		call := &iqExpr{kind: "call", name: strings.ToLower(t)}
		p.advance(true)
		for p.err == nil && p.tok != ")" {
			call.kids = append(call.kids, p.arith())
			if p.tok == "," {
				p.advance(true)
			}
		}
		p.expect(")", false)
		return call
	}
	return &iqExpr{kind: "field", name: t}
}

func unescapeIQ(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
