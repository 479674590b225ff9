package query

import (
	"fmt"

	"github.com/cwpat/cwpat/pattern"
)

// tree is a parsed pattern as the translators read it; exactly one of all,
// terms, delimited and json says what it is.
type tree struct {
	all       bool
	terms     *termsPattern
	delimited bool
	json      *node
}

// parsePattern parses src and builds the translators' tree from pattern's
// read-only syntax tree. This is the one place that knows how pattern
// stores a pattern.
func parsePattern(src string) (*tree, error) {
	p, err := pattern.Parse(src)
	if err != nil {
		return nil, err
	}
	switch p.Kind() {
	case pattern.MatchAll:
		return &tree{all: true}, nil
	case pattern.SpaceDelimited:
		return &tree{delimited: true}, nil
	case pattern.Terms:
		return &tree{terms: fromTerms(p.Terms())}, nil
	}
	n, err := fromExpr(p.Expr())
	if err != nil {
		return nil, err
	}
	return &tree{json: n}, nil
}

// fromTerms sorts terms into must, not and any, leaving out the ?terms AWS
// ignores.
func fromTerms(terms []*pattern.Term) *termsPattern {
	t := &termsPattern{}
	for _, x := range terms {
		tm := term{text: x.Text(), regex: x.Kind() == pattern.RegexTerm, src: x.String()}
		switch {
		case x.Ignored():
		case x.Exclude():
			t.not = append(t.not, tm)
		case x.Optional():
			t.any = append(t.any, tm)
		default:
			t.must = append(t.must, tm)
		}
	}
	return t
}

func fromExpr(e *pattern.Expr) (*node, error) {
	switch e.Kind() {
	case pattern.ConditionExpr:
		c, err := fromCondition(e.Condition())
		if err != nil {
			return nil, err
		}
		return &node{cond: c}, nil
	case pattern.GroupExpr:
		return fromExpr(e.Operands()[0])
	}
	n := &node{or: e.Kind() == pattern.OrExpr}
	for _, o := range e.Operands() {
		k, err := fromExpr(o)
		if err != nil {
			return nil, err
		}
		n.kids = append(n.kids, k)
	}
	return n, nil
}

var opFrom = map[pattern.Op]op{
	pattern.OpEq: opEq, pattern.OpNe: opNe, pattern.OpLt: opLt, pattern.OpLe: opLe,
	pattern.OpGt: opGt, pattern.OpGe: opGe, pattern.OpIsNull: opIsNull,
	pattern.OpIsTrue: opIsTrue, pattern.OpIsFalse: opIsFalse, pattern.OpNotExists: opNotExists,
}

var kindFrom = map[pattern.ValueKind]valueKind{
	pattern.NoValue: noValue, pattern.StringValue: stringValue, pattern.GlobValue: globValue,
	pattern.RegexValue: regexValue, pattern.NumberValue: numberValue,
}

func fromCondition(pc *pattern.Condition) (*cond, error) {
	o, ok := opFrom[pc.Op()]
	if !ok {
		return nil, refuse("operator", pc.String(), "the operator %s has no translation", pc.Op())
	}
	c := &cond{src: pc.String(), op: o}
	if sel := pc.Selector(); sel != nil {
		for _, s := range sel.Segments() {
			switch s.Kind {
			case pattern.KeySegment:
				c.path = append(c.path, step{kind: keyStep, key: s.Key})
			case pattern.IndexSegment:
				c.path = append(c.path, step{kind: indexStep, index: s.Index})
			default:
				c.path = append(c.path, step{kind: wildStep})
			}
		}
	}
	k, ok := kindFrom[pc.ValueKind()]
	if !ok {
		return nil, fmt.Errorf("query: unknown value kind %v", pc.ValueKind())
	}
	c.val = value{kind: k, text: pc.ValueText(), num: pc.Number()}
	return c, nil
}
