package pattern

import "github.com/cwpat/cwpat/diag"

// The read-only syntax tree of a checked pattern, the way library users (lint
// rules, the query compiler) read a pattern. Every node is built once by
// Parse (build.go) and never changes: fields are unexported, accessors return
// copies of slices, so a *Pattern can be shared freely. A compiler walks it
// by kind, without matching on the source text:
//
//	Pattern.Kind()    MatchAll | Terms | JSON | SpaceDelimited
//	Terms:            Pattern.Terms()  -> []*Term   (kind, prefix, text, Ignored)
//	JSON:             Pattern.Expr()   -> *Expr     (Or | And | Group | Condition)
//	SpaceDelimited:   Pattern.Fields() -> []*Field  (slot, name, FromEnd, Expr)
//	Condition:        Subject, Selector (JSON) or Field (space-delimited), Op, Value
//	Value:            Kind, Text (unescaped), Number, GlobPieces, Quoted

// Span is where a node is in the pattern's source: Start is its first byte,
// End the byte after it. Line and column are 1-based, columns count
// characters, as in diagnostics.
type Span struct {
	Start diag.Position `json:"start"`
	End   diag.Position `json:"end"`
}

// Node is any node of the read-only syntax tree: *Expr, *Condition, *Value,
// *Field or *Term.
type Node interface {
	// Span is where the node is in the pattern's source.
	Span() Span
	node()
}

// ExprKind is the kind of a boolean expression node.
type ExprKind int

// Expression kinds. An OrExpr or AndExpr has two or more operands (a single
// operand is the operand itself, not a one-element OR); a GroupExpr is a
// parenthesised expression, kept so the tree prints as written.
const (
	ConditionExpr ExprKind = iota // a single condition: Condition()
	OrExpr                        // a || b || ...: Operands()
	AndExpr                       // a && b && ...: Operands()
	GroupExpr                     // ( a ): Operands() has one element
)

var exprKindNames = [...]string{"condition", "or", "and", "group"}

// String names the kind: condition, or, and, group.
func (k ExprKind) String() string {
	if k < 0 || int(k) >= len(exprKindNames) {
		return "expr(" + itoa(int(k)) + ")"
	}
	return exprKindNames[k]
}

// Expr is a boolean expression over conditions: the body of a JSON pattern
// or the test of one space-delimited field. && binds tighter than ||.
type Expr struct {
	span     Span
	kind     ExprKind
	operands []*Expr
	cond     *Condition
}

// Kind says which of Operands and Condition is set.
func (e *Expr) Kind() ExprKind { return e.kind }

// Operands returns the operands of an OrExpr or AndExpr, left to right, or
// the single expression inside a GroupExpr; nil for a ConditionExpr. The
// slice is a copy.
func (e *Expr) Operands() []*Expr { return append([]*Expr(nil), e.operands...) }

// Condition returns the condition of a ConditionExpr, nil otherwise.
func (e *Expr) Condition() *Condition { return e.cond }

// Span is where the expression is in the source.
func (e *Expr) Span() Span { return e.span }

// String renders the expression canonically, as Pattern.String does.
func (e *Expr) String() string {
	switch e.kind {
	case ConditionExpr:
		return e.cond.String()
	case GroupExpr:
		return "(" + e.operands[0].String() + ")"
	}
	sep := " && "
	if e.kind == OrExpr {
		sep = " || "
	}
	s := ""
	for i, o := range e.operands {
		if i > 0 {
			s += sep
		}
		s += o.String()
	}
	return s
}

// Condition is one test: `$.sel op value`, `$.sel IS NULL`, `$.sel NOT
// EXISTS` in a JSON pattern; `name op value` in a space-delimited field.
type Condition struct {
	span    Span
	subject string
	sel     *Selector
	field   string
	op      Op
	value   *Value
	text    string
}

// Span is where the condition is in the source.
func (c *Condition) Span() Span { return c.span }

// Subject is the selector (`$.a.b`) or field name as written.
func (c *Condition) Subject() string { return c.subject }

// Selector returns the parsed property selector of a JSON condition, nil in
// a space-delimited pattern.
func (c *Condition) Selector() *Selector { return c.sel }

// Field returns the field name a space-delimited condition tests, "" in a
// JSON pattern.
func (c *Condition) Field() string { return c.field }

// Op returns the condition's operator.
func (c *Condition) Op() Op { return c.op }

// Value returns the compared value, nil for IS NULL / TRUE / FALSE and NOT
// EXISTS.
func (c *Condition) Value() *Value { return c.value }

// ValueKind says how the condition's value is compared; NoValue when it has
// none.
func (c *Condition) ValueKind() ValueKind {
	if c.value == nil {
		return NoValue
	}
	return c.value.kind
}

// ValueText is Value().Text(), "" when there is no value.
func (c *Condition) ValueText() string {
	if c.value == nil {
		return ""
	}
	return c.value.text
}

// ValueQuoted is Value().Quoted(), false when there is no value.
func (c *Condition) ValueQuoted() bool { return c.value != nil && c.value.quoted }

// Number is Value().Number(), 0 when there is no value.
func (c *Condition) Number() float64 {
	if c.value == nil {
		return 0
	}
	return c.value.num
}

// String renders the condition canonically: `$.a = "x"`, `$.b IS NULL`.
func (c *Condition) String() string { return c.text }

// Value is the right-hand side of a comparison.
type Value struct {
	span   Span
	raw    string
	kind   ValueKind
	text   string
	quoted bool
	num    float64
}

// Span is where the value is in the source, quotes and percent signs
// included.
func (v *Value) Span() Span { return v.span }

// Kind says how the value is compared: StringValue (quoted text, or a bare
// word when Quoted is false), NumberValue, GlobValue or RegexValue.
func (v *Value) Kind() ValueKind { return v.kind }

// Raw is the value as written, quotes and percent signs included.
func (v *Value) Raw() string { return v.raw }

// Text is the value without its quotes or percent signs, with \" and \\
// unescaped: the text of a string or glob, the source of a regex, a number
// as written.
func (v *Value) Text() string { return v.text }

// Quoted reports whether the value was written in double quotes. A
// StringValue that is not quoted is a bare word.
func (v *Value) Quoted() bool { return v.quoted }

// Number is the value of a NumberValue, 0 for other kinds.
func (v *Value) Number() float64 { return v.num }

// GlobPieces returns the literal pieces of a GlobValue, split at each '*':
// "a*b*" gives ["a" "b" ""], "*x" gives ["" "x"]. An empty first piece means
// the glob starts with '*', an empty last piece that it ends with one. nil
// for other kinds. AWS matches them without backtracking: each piece is
// taken at its first occurrence after the previous one, and the last piece
// must end the value there (SEMANTICS.md, "Wildcards"); a compiler to SQL
// LIKE or a regex accepts more.
func (v *Value) GlobPieces() []string {
	if v.kind != GlobValue {
		return nil
	}
	return splitGlob(v.text)
}

// Term is one term of a term pattern: a word, a "quoted phrase" or a
// %regex%, optionally prefixed by '-' (exclude) or '?' (any of).
type Term struct {
	span    Span
	raw     string
	kind    TermKind
	prefix  TermPrefix
	text    string
	ignored bool
}

// TermKind is the kind of a term.
type TermKind int

// Term kinds.
const (
	WordTerm   TermKind = iota // an unquoted word
	PhraseTerm                 // a "quoted phrase"
	RegexTerm                  // a %regex%
)

var termKindNames = [...]string{"word", "phrase", "regex"}

// String names the kind: word, phrase or regex.
func (k TermKind) String() string {
	if k < 0 || int(k) >= len(termKindNames) {
		return "term(" + itoa(int(k)) + ")"
	}
	return termKindNames[k]
}

// TermPrefix is the prefix of a term.
type TermPrefix int

// Term prefixes.
const (
	NoPrefix       TermPrefix = iota // the term must appear
	ExcludePrefix                    // -term: the term must not appear
	OptionalPrefix                   // ?term: one of the ?terms must appear
)

// String returns the prefix as written: "", "-" or "?".
func (p TermPrefix) String() string {
	switch p {
	case ExcludePrefix:
		return "-"
	case OptionalPrefix:
		return "?"
	}
	return ""
}

// Span is where the term is in the source, prefix included.
func (t *Term) Span() Span { return t.span }

// Kind says whether the term is a word, a phrase or a regex.
func (t *Term) Kind() TermKind { return t.kind }

// Prefix returns the term's prefix.
func (t *Term) Prefix() TermPrefix { return t.prefix }

// Raw is the term as written, without its prefix.
func (t *Term) Raw() string { return t.raw }

// Text is the term without quotes or percent signs, \" and \\ unescaped in
// a phrase; the source of a regex.
func (t *Term) Text() string { return t.text }

// Ignored reports a ?term that AWS ignores: ?terms form an OR group only
// when every term of the pattern is a ?term; mixed with any other term,
// they take no part in matching.
func (t *Term) Ignored() bool { return t.ignored }

// Exclude reports a -term: the event must not contain it.
func (t *Term) Exclude() bool { return t.prefix == ExcludePrefix }

// Optional reports a ?term (see Ignored).
func (t *Term) Optional() bool { return t.prefix == OptionalPrefix }

// ValueKind is StringValue for words and phrases, RegexValue for %regex%.
func (t *Term) ValueKind() ValueKind {
	if t.kind == RegexTerm {
		return RegexValue
	}
	return StringValue
}

// String renders the term as written: prefix and raw text.
func (t *Term) String() string { return t.prefix.String() + t.raw }

// Field is one slot of a space-delimited pattern: an empty slot, `...`, a
// bare name, or conditions on one name.
//
// How slots bind to the fields of an event (AWS's rules, see SEMANTICS.md):
// without `...`, slot i takes event field i and the last slot takes the rest
// of the line; with `...`, the slots before it take the first fields, the
// slots after it the last fields (FromEnd), and `...` everything between.
type Field struct {
	span     Span
	slot     int
	fromEnd  int
	empty    bool
	ellipsis bool
	name     string
	expr     *Expr
}

// Span is where the field is in the source; an empty slot has an empty span
// where its text would be.
func (f *Field) Span() Span { return f.span }

// Slot is the field's 1-based position in the pattern.
func (f *Field) Slot() int { return f.slot }

// FromEnd is, for a field after `...`, its position counted from the end of
// the event (1 is the last field); 0 for other fields.
func (f *Field) FromEnd() int { return f.fromEnd }

// Empty reports an empty slot, such as the one after the trailing comma in
// `[..., status_code = 4*, ]`: it takes a field and tests nothing.
func (f *Field) Empty() bool { return f.empty }

// Ellipsis reports `...`.
func (f *Field) Ellipsis() bool { return f.ellipsis }

// Name is the field's name, "" for `...` and an empty slot. Extracted
// values call it $name.
func (f *Field) Name() string { return f.name }

// Expr is the field's test, nil for a bare name, `...` and an empty slot.
func (f *Field) Expr() *Expr { return f.expr }

func (*Expr) node()      {}
func (*Condition) node() {}
func (*Value) node()     {}
func (*Field) node()     {}
func (*Term) node()      {}
