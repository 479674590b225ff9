package pattern

import "github.com/alecthomas/participle/v2/lexer"

// The grammar structs below are the syntax tree: participle fills them from
// the tags, and the checker (check.go) adds the meaning (operator, value kind,
// selector path) in unexported fields, reachable through methods. JSON and
// space-delimited patterns share the boolean expression nodes (OrExpr,
// AndExpr, Factor, Condition): the languages differ only in what a
// condition's subject is ($.selector or a field name) and which operators are
// allowed, and those are checks, not grammar.
//
// Positions (Pos, EndPos) are byte offsets into the source given to Parse;
// diagnostics turn them into line:column with diag.PositionAt.

// grammar is the root production; exactly one branch is set.
type grammar struct {
	JSON      *JSONPattern      `parser:"  @@"`
	Delimited *DelimitedPattern `parser:"| @@"`
	Terms     []*Term           `parser:"| @@+"`
}

// JSONPattern is `{ expression }`.
type JSONPattern struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Expr   *OrExpr `parser:"'{' @@? '}'"`
}

// OrExpr is one or more AndExprs joined by `||`.
type OrExpr struct {
	Pos    lexer.Position
	EndPos lexer.Position
	And    []*AndExpr `parser:"@@ ( '||' @@ )*"`
}

// AndExpr is one or more Factors joined by `&&`; && binds tighter than ||.
type AndExpr struct {
	Pos     lexer.Position
	EndPos  lexer.Position
	Factors []*Factor `parser:"@@ ( '&&' @@ )*"`
}

// Factor is a parenthesised group or a single condition.
type Factor struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Group  *OrExpr    `parser:"  '(' @@ ')'"`
	Cond   *Condition `parser:"| @@"`
}

// Condition is one test: `$.sel op value`, `$.sel IS NULL`, `$.sel NOT
// EXISTS` in JSON patterns, `name op value` or a bare `name` in a field of a
// space-delimited pattern.
type Condition struct {
	Pos    lexer.Position
	EndPos lexer.Position
	// Subject is the selector text (`$.a.b`) or the field name, as written.
	Subject   string `parser:"@(Selector | JWord | DWord)"`
	Is        bool   `parser:"( @'IS'"`
	IsNot     bool   `parser:"  @'NOT'?"`
	IsWord    string `parser:"  @(JWord | DWord)?"`
	NotExists bool   `parser:"| @'NOT' 'EXISTS'"`
	Exists    bool   `parser:"| @'EXISTS'"`
	RawOp     string `parser:"| @Op"`
	Value     *Value `parser:"  @@? )?"`

	// Filled by the checker.
	op  Op
	sel *Selector
	val value
}

// Value is the right-hand side of a comparison, as written (quotes, % and
// all).
type Value struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Raw    string `parser:"@(String | OpenString | Regex | OpenRegex | SQString | JWord | DWord | Selector)"`
}

// DelimitedPattern is `[field, field, ...]`. Parts is the raw sequence of
// fields and commas; Fields (filled by the checker) has one entry per slot,
// nil for an empty slot such as the one after the trailing comma in
// `[..., status_code=4*,]`.
type DelimitedPattern struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Parts  []*DelimitedPart `parser:"'[' @@* ']'"`

	Fields []*Field
}

// DelimitedPart is a comma or a field; a grammar detail of DelimitedPattern.
type DelimitedPart struct {
	Pos   lexer.Position
	Comma bool   `parser:"  @Comma"`
	Field *Field `parser:"| @@"`
}

// Field is one slot of a space-delimited pattern: `...`, a name, or
// conditions on one name joined by && and ||.
type Field struct {
	Pos      lexer.Position
	EndPos   lexer.Position
	Ellipsis bool    `parser:"  @Ellipsis"`
	Expr     *OrExpr `parser:"| @@"`

	name string // the field's name, "" for an unnamed slot or `...`
}

// Term is one term of a term pattern: a word, a "quoted phrase" or a
// %regex%, optionally prefixed by '-' (exclude) or '?' (any of).
type Term struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Prefix string `parser:"@(Minus | Question)?"`
	Raw    string `parser:"@(String | OpenString | Regex | OpenRegex | Word)"`

	val value
}
