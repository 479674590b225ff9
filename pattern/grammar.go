package pattern

import "github.com/alecthomas/participle/v2/lexer"

// The grammar structs below are the parser's syntax tree, private to this
// package: participle fills them from the tags, and the checker (check.go)
// adds the meaning (operator, value kind, selector path) in unexported
// fields. Library users see the read-only nodes of ast.go instead, built
// from these once the checker is done (build.go), so the parser can change
// without breaking them. JSON and space-delimited patterns share the boolean
// expression nodes (orSyntax, andSyntax, factorSyntax, condSyntax): the
// languages differ only in what a condition's subject is ($.selector or a
// field name) and which operators are allowed, and those are checks, not
// grammar.
//
// Positions (Pos, EndPos) are byte offsets into the source given to Parse;
// diagnostics turn them into line:column with diag.PositionAt.

// grammar is the root production; exactly one branch is set.
type grammar struct {
	JSON      *jsonSyntax      `parser:"  @@"`
	Delimited *delimitedSyntax `parser:"| @@"`
	Terms     []*termSyntax    `parser:"| @@+"`
}

// jsonSyntax is `{ expression }`.
type jsonSyntax struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Expr   *orSyntax `parser:"'{' @@? '}'"`
}

// orSyntax is one or more AndExprs joined by `||`.
type orSyntax struct {
	Pos    lexer.Position
	EndPos lexer.Position
	And    []*andSyntax `parser:"@@ ( '||' @@ )*"`
}

// andSyntax is one or more Factors joined by `&&`; && binds tighter than ||.
type andSyntax struct {
	Pos     lexer.Position
	EndPos  lexer.Position
	Factors []*factorSyntax `parser:"@@ ( '&&' @@ )*"`
}

// factorSyntax is a parenthesised group or a single condition.
type factorSyntax struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Group  *orSyntax   `parser:"  '(' @@ ')'"`
	Cond   *condSyntax `parser:"| @@"`
}

// condSyntax is one test: `$.sel op value`, `$.sel IS NULL`, `$.sel NOT
// EXISTS` in JSON patterns, `name op value` or a bare `name` in a field of a
// space-delimited pattern.
type condSyntax struct {
	Pos    lexer.Position
	EndPos lexer.Position
	// Subject is the selector text (`$.a.b`) or the field name, as written.
	Subject   string       `parser:"@(Selector | JWord | DWord)"`
	Is        bool         `parser:"( @'IS'"`
	IsNot     bool         `parser:"  @'NOT'?"`
	IsWord    string       `parser:"  @(JWord | DWord)?"`
	NotExists bool         `parser:"| @'NOT' 'EXISTS'"`
	Exists    bool         `parser:"| @'EXISTS'"`
	RawOp     string       `parser:"| @Op"`
	Value     *valueSyntax `parser:"  @@? )?"`

	// Filled by the checker.
	op  Op
	sel *Selector
	val value
}

// valueSyntax is the right-hand side of a comparison, as written (quotes, % and
// all).
type valueSyntax struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Raw    string `parser:"@(String | OpenString | Regex | OpenRegex | SQString | JWord | DWord | Selector)"`
}

// delimitedSyntax is `[field, field, ...]`. Parts is the raw sequence of
// fields and commas; Fields (filled by the checker) has one entry per slot,
// nil for an empty slot such as the one after the trailing comma in
// `[..., status_code=4*,]`.
type delimitedSyntax struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Parts  []*partSyntax `parser:"'[' @@* ']'"`

	Fields []*fieldSyntax
}

// partSyntax is a comma or a field; a grammar detail of DelimitedPattern.
type partSyntax struct {
	Pos   lexer.Position
	Comma bool         `parser:"  @Comma"`
	Field *fieldSyntax `parser:"| @@"`
}

// fieldSyntax is one slot of a space-delimited pattern: `...`, a name, or
// conditions on one name joined by && and ||.
type fieldSyntax struct {
	Pos      lexer.Position
	EndPos   lexer.Position
	Ellipsis bool      `parser:"  @Ellipsis"`
	Expr     *orSyntax `parser:"| @@"`

	name string // the field's name, "" for an unnamed slot or `...`
}

// termSyntax is one term of a term pattern: a word, a "quoted phrase" or a
// %regex%, optionally prefixed by '-' (exclude) or '?' (any of).
type termSyntax struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Prefix string `parser:"@(Minus | Question)?"`
	Raw    string `parser:"@(String | OpenString | Regex | OpenRegex | Word)"`

	val value
}
