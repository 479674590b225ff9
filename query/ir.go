package query

// The translators read a small tree of their own, built from pattern's
// syntax tree in one place (from_pattern.go), so that the SQL and Insights
// code depends on the meaning of a pattern, not on how pattern stores it.

// node is a boolean expression: a condition, or && / || over kids.
type node struct {
	or   bool
	kids []*node
	cond *cond // a leaf when set
}

// op is a condition's operator.
type op int

const (
	opEq op = iota
	opNe
	opLt
	opLe
	opGt
	opGe
	opIsNull
	opIsTrue
	opIsFalse
	opNotExists
)

var opSQL = [...]string{"=", "<>", "<", "<=", ">", ">="}

// stepKind is the kind of one selector step.
type stepKind int

const (
	keyStep stepKind = iota
	indexStep
	wildStep
)

// step is one step of a JSON property selector.
type step struct {
	kind  stepKind
	key   string
	index int
}

// valueKind says how a value compares.
type valueKind int

const (
	noValue valueKind = iota
	stringValue
	globValue
	regexValue
	numberValue
)

// value is a condition's right-hand side, as the pattern package checked it.
type value struct {
	kind valueKind
	text string // unquoted text, glob, regex body or number as written
	num  float64
}

// cond is one test of a JSON pattern.
type cond struct {
	src  string // the condition as written, for messages
	path []step
	op   op
	val  value
}

// termsPattern is a term pattern: all of Must, none of Not, or (when Any is
// the whole pattern) at least one of Any.
type termsPattern struct {
	must, not, any []term
}

// term is one term: literal text or a regex.
type term struct {
	text  string
	regex bool
	src   string
}
