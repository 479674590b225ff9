package query_test

import (
	"fmt"
	"strings"
	"unicode"
)

// No Go library parses Trino's grammar: the Go SQL parsers at hand (vitess,
// TiDB) read MySQL, which differs exactly where it matters here (lambdas,
// TRY_CAST, double-quoted identifiers, GROUPING SETS). trinoCheck is a
// recursive-descent reader of the part of Trino's SqlBase.g4 that cwpat's
// Athena SQL uses, written from that grammar: statements
//
//	SELECT selectItem, ... FROM qualifiedName [WHERE booleanExpression]
//	[GROUP BY GROUPING SETS ((expr, ...), ...) | GROUP BY expr, ...]
//	[HAVING booleanExpression] [ORDER BY expr [ASC|DESC], ...]
//
// and expressions with Trino's precedence (OR < AND < NOT < predicate <
// || < + - < * / % < unary < primary), predicates (comparison, IS [NOT]
// NULL, [NOT] IN, [NOT] BETWEEN, [NOT] LIKE), CASE, CAST / TRY_CAST, lambdas
// (x -> expr), function calls, dereference, subscripts, and Trino's reserved
// words, which may not be bare identifiers. Anything else is an error, so
// DuckDB-isms (lambda x: ..., ::casts, list literals) fail it.
type trinoParser struct {
	toks []string
	i    int
}

var trinoReserved = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`ALTER AND AS BETWEEN BY CASE CAST CONSTRAINT CREATE CROSS CUBE CURRENT_CATALOG
		CURRENT_DATE CURRENT_PATH CURRENT_ROLE CURRENT_SCHEMA CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DEALLOCATE
		DELETE DESCRIBE DISTINCT DROP ELSE END ESCAPE EXCEPT EXECUTE EXISTS EXTRACT FALSE FOR FROM FULL GROUP GROUPING
		HAVING IN INNER INSERT INTERSECT INTO IS JOIN JSON_ARRAY JSON_EXISTS JSON_OBJECT JSON_QUERY JSON_TABLE
		JSON_VALUE LEFT LIKE LISTAGG LOCALTIME LOCALTIMESTAMP NATURAL NORMALIZE NOT NULL ON OR ORDER OUTER PREPARE
		RECURSIVE RIGHT ROLLUP SELECT SKIP TABLE THEN TRIM TRUE UESCAPE UNION UNNEST USING VALUES WHEN WHERE WITH`) {
		trinoReserved[w] = true
	}
}

// trinoCheck parses sql as one Trino query and returns the first error.
func trinoCheck(sql string) (err error) {
	toks, err := trinoLex(sql)
	if err != nil {
		return err
	}
	p := &trinoParser{toks: toks}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v (at token %d %q)", r, p.i, p.peek())
		}
	}()
	p.query()
	if p.peek() == ";" {
		p.i++
	}
	if p.peek() != "" {
		panic("unexpected " + p.peek())
	}
	return nil
}

func trinoLex(s string) ([]string, error) {
	var toks []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			i++
		case c == '\'':
			j := i + 1
			for ; j < len(s); j++ {
				if s[j] == '\'' {
					if j+1 < len(s) && s[j+1] == '\'' {
						j++
						continue
					}
					break
				}
			}
			if j >= len(s) {
				return nil, fmt.Errorf("unterminated string at %d", i)
			}
			toks = append(toks, s[i:j+1])
			i = j + 1
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return nil, fmt.Errorf("unterminated identifier at %d", i)
			}
			toks = append(toks, s[i:i+j+2])
			i += j + 2
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
				j++
			}
			if j < len(s) && (s[j] == 'E' || s[j] == 'e') {
				j++
				if j < len(s) && (s[j] == '+' || s[j] == '-') {
					j++
				}
				for j < len(s) && s[j] >= '0' && s[j] <= '9' {
					j++
				}
			}
			toks = append(toks, "#"+s[i:j])
			i = j
		case c == '_' || unicode.IsLetter(rune(c)):
			j := i
			for j < len(s) && (s[j] == '_' || s[j] >= '0' && s[j] <= '9' || unicode.IsLetter(rune(s[j]))) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		default:
			for _, op := range []string{"<>", "<=", ">=", "!=", "->", "||"} {
				if strings.HasPrefix(s[i:], op) {
					toks = append(toks, op)
					i += 2
					goto next
				}
			}
			if !strings.ContainsRune("(),.=<>+-*/%[];", rune(c)) {
				return nil, fmt.Errorf("character %q is not in Trino's grammar (at %d)", c, i)
			}
			toks = append(toks, string(c))
			i++
		next:
		}
	}
	return toks, nil
}

func (p *trinoParser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *trinoParser) is(kw string) bool { return strings.EqualFold(p.peek(), kw) }

func (p *trinoParser) accept(kw string) bool {
	if p.is(kw) {
		p.i++
		return true
	}
	return false
}

func (p *trinoParser) expect(kw string) {
	if !p.accept(kw) {
		panic("expected " + kw)
	}
}

func (p *trinoParser) query() {
	p.expect("SELECT")
	p.list(func() {
		if p.accept("*") {
			return
		}
		p.expr()
		if p.accept("AS") {
			p.identifier()
		}
	})
	p.expect("FROM")
	p.qualifiedName()
	if p.accept("WHERE") {
		p.expr()
	}
	if p.accept("GROUP") {
		p.expect("BY")
		if p.accept("GROUPING") {
			p.expect("SETS")
			p.expect("(")
			p.list(func() {
				p.expect("(")
				if !p.is(")") {
					p.list(p.expr)
				}
				p.expect(")")
			})
			p.expect(")")
		} else {
			p.list(p.expr)
		}
	}
	if p.accept("HAVING") {
		p.expr()
	}
	if p.accept("ORDER") {
		p.expect("BY")
		p.list(func() {
			p.expr()
			_ = p.accept("ASC") || p.accept("DESC")
		})
	}
}

func (p *trinoParser) list(item func()) {
	item()
	for p.accept(",") {
		item()
	}
}

func (p *trinoParser) identifier() {
	t := p.peek()
	switch {
	case strings.HasPrefix(t, `"`):
	case t == "" || !(t[0] == '_' || unicode.IsLetter(rune(t[0]))):
		panic("expected an identifier")
	case trinoReserved[strings.ToUpper(t)]:
		panic(t + " is a reserved word: quote it")
	}
	p.i++
}

func (p *trinoParser) qualifiedName() {
	p.identifier()
	for p.accept(".") {
		p.identifier()
	}
}

func (p *trinoParser) expr() { p.or() }

func (p *trinoParser) or() {
	p.and()
	for p.accept("OR") {
		p.and()
	}
}

func (p *trinoParser) and() {
	p.not()
	for p.accept("AND") {
		p.not()
	}
}

func (p *trinoParser) not() {
	if p.accept("NOT") {
		p.not()
		return
	}
	p.predicate()
}

func (p *trinoParser) predicate() {
	p.value()
	for {
		switch t := p.peek(); {
		case t == "=" || t == "<>" || t == "!=" || t == "<" || t == "<=" || t == ">" || t == ">=":
			p.i++
			p.value()
		case p.accept("IS"):
			p.accept("NOT")
			p.expect("NULL")
		default:
			neg := p.accept("NOT")
			switch {
			case p.accept("IN"):
				p.expect("(")
				p.list(p.expr)
				p.expect(")")
			case p.accept("BETWEEN"):
				p.value()
				p.expect("AND")
				p.value()
			case p.accept("LIKE"):
				p.value()
				if p.accept("ESCAPE") {
					p.value()
				}
			default:
				if neg {
					panic("NOT without IN, BETWEEN or LIKE")
				}
				return
			}
		}
	}
}

func (p *trinoParser) value() {
	p.term()
	for p.is("+") || p.is("-") || p.is("||") {
		p.i++
		p.term()
	}
}

func (p *trinoParser) term() {
	p.unary()
	for p.is("*") || p.is("/") || p.is("%") {
		p.i++
		p.unary()
	}
}

func (p *trinoParser) unary() {
	if p.is("+") || p.is("-") {
		p.i++
	}
	p.primary()
}

func (p *trinoParser) primary() {
	t := p.peek()
	switch {
	case t == "":
		panic("unexpected end")
	case strings.HasPrefix(t, "'") || strings.HasPrefix(t, "#"):
		p.i++
	case p.accept("NULL") || p.accept("TRUE") || p.accept("FALSE"):
	case p.accept("("):
		p.expr()
		p.expect(")")
	case p.accept("CASE"):
		for p.accept("WHEN") {
			p.expr()
			p.expect("THEN")
			p.expr()
		}
		if p.accept("ELSE") {
			p.expr()
		}
		p.expect("END")
	case p.is("CAST") || p.is("TRY_CAST"):
		p.i++
		p.expect("(")
		p.expr()
		p.expect("AS")
		p.identifier()
		p.expect(")")
	case strings.EqualFold(t, "grouping"):
		p.i++
		p.expect("(")
		p.list(p.expr)
		p.expect(")")
	default:
		p.identifier()
		switch {
		case p.accept("->"): // a lambda: x -> expr
			p.expr()
			return
		case p.accept("("): // a function call
			if !p.accept(")") {
				if !p.accept("*") {
					p.list(p.expr)
				}
				p.expect(")")
			}
		}
	}
	for {
		switch {
		case p.accept("."):
			p.identifier()
		case p.accept("["):
			p.value()
			p.expect("]")
		default:
			return
		}
	}
}
