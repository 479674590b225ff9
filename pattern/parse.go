package pattern

import (
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/cwpat/cwpat/awslimits"
	"github.com/cwpat/cwpat/diag"
)

// Kind is the kind of a filter pattern, chosen by its first non-blank
// character as AWS chooses it.
type Kind int

// The four kinds of pattern.
const (
	MatchAll       Kind = iota // empty, blank, "" or " "
	Terms                      // terms, "quoted phrases", ?or, -exclude, %regex%
	JSON                       // { ... }
	SpaceDelimited             // [ ... ]
)

var kindNames = [...]string{"match-all", "terms", "json", "space-delimited"}

// String names the kind: match-all, terms, json or space-delimited.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("kind(%d)", int(k))
	}
	return kindNames[k]
}

// MarshalText writes the kind's name, so JSON output carries "json", not 2.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Pattern is a parsed and checked filter pattern. It is immutable once
// Parse returns it, and so is its syntax tree (Expr, Fields, Terms).
type Pattern struct {
	src  string
	kind Kind
	// The parser's syntax tree, which the checker, printer and evaluators
	// read.
	json      *jsonSyntax
	delimited *delimitedSyntax
	terms     []*termSyntax
	// The read-only tree library users read (ast.go).
	expr      *Expr
	fields    []*Field
	termNodes []*Term
}

// Source returns the pattern exactly as given to Parse.
func (p *Pattern) Source() string { return p.src }

// Kind returns the pattern's kind.
func (p *Pattern) Kind() Kind { return p.kind }

// Expr returns the boolean expression of a JSON pattern, nil for other
// kinds.
func (p *Pattern) Expr() *Expr { return p.expr }

// Fields returns the slots of a space-delimited pattern in order, nil for
// other kinds. `[]` has none. The slice is a copy.
func (p *Pattern) Fields() []*Field { return append([]*Field(nil), p.fields...) }

// Terms returns the terms of a term pattern in order, nil for other kinds
// (a pattern of only "" or " " phrases is MatchAll and has none). The slice
// is a copy.
func (p *Pattern) Terms() []*Term { return append([]*Term(nil), p.termNodes...) }

// parser is built once: participle's reflection over the grammar is costly.
var parser = participle.MustBuild[grammar](
	participle.Lexer(lexDef),
	participle.Elide("Whitespace"),
)

var symbols = lexDef.Symbols()

// Parse parses and checks a filter pattern as PutMetricFilter would. The
// error, if any, is a diag.List holding every problem found (AWS reports only
// the first; the first diagnostic is the one AWS reports where cwpat knows
// it). Positions are relative to src: line 1, column 1 is its first
// character.
func Parse(src string) (*Pattern, error) {
	var diags diag.List
	if n := awslimits.Length(src); n > awslimits.FilterPatternMaxLength {
		diags = append(diags, problem(src, "pattern-too-long", 0, 0, tooLongText(src, n),
			tooLongMessage(src), "split the pattern into several metric filters"))
	}
	p := &Pattern{src: src}
	trimmed := strings.TrimSpace(src)
	start := strings.Index(src, trimmed)
	switch {
	case trimmed == "":
		p.kind = MatchAll
		return p, listOrNil(diags)
	case trimmed[0] == '{':
		p.kind = JSON
		if !strings.HasSuffix(trimmed, "}") {
			return nil, append(diags, unclosed(src, start, trimmed, '{', '}', "unclosed-brace", awslimits.MsgUnclosedBrace,
				"JSON", "add the closing '}' (a shell or YAML quoting slip often cuts it off)"))
		}
	case trimmed[0] == '[':
		p.kind = SpaceDelimited
		if !strings.HasSuffix(trimmed, "]") {
			return nil, append(diags, unclosed(src, start, trimmed, '[', ']', "unclosed-bracket", "",
				"space-delimited", "add the closing ']'; to match the text \"[\" use a quoted term like \"[ERROR]\""))
		}
	default:
		p.kind = Terms
	}
	if p.kind == JSON || p.kind == SpaceDelimited {
		if d, ok := blankAround(src, start, p.kind); ok {
			diags = append(diags, d)
		}
	}
	toks, lexErr := lexAll(src)
	if lexErr != nil {
		// Every state ends in a catch-all rule, so this is a bug, but report
		// it rather than panic.
		return nil, append(diags, problem(src, "syntax-error", 0, 0, lexErr.Error(), "", ""))
	}
	diags = append(diags, prescan(src, p.kind, toks)...)
	g, err := parser.ParseString("", src)
	if err != nil {
		d := syntaxDiag(src, p.kind, toks, err)
		// A bad character found by prescan is also where the parser stops;
		// one report of it is enough.
		for _, prev := range diags {
			if prev.Pos.Offset == d.Pos.Offset {
				return nil, diags
			}
		}
		return nil, append(diags, d)
	}
	p.json, p.delimited, p.terms = g.JSON, g.Delimited, g.Terms
	diags = appendNew(diags, check(src, p))
	if diags.HasErrors() {
		return nil, diags
	}
	if p.kind == Terms && allBlankPhrases(p.terms) {
		p.kind, p.terms = MatchAll, nil
	}
	build(p)
	return p, nil
}

// unclosed reports a JSON or space-delimited pattern that does not end with
// its closer: either the closer is missing, or text follows it.
func unclosed(src string, start int, trimmed string, open, closer byte, code, aws, kind, hint string) diag.Diagnostic {
	msg := fmt.Sprintf("a %s pattern starts with '%c' but does not end with '%c'", kind, open, closer)
	if last := strings.LastIndexByte(trimmed, closer); last >= 0 {
		after := start + last + 1
		for after < len(src) && (src[after] == ' ' || src[after] == '\t' || src[after] == '\n' || src[after] == '\r') {
			after++
		}
		return problem(src, code, after, len(strings.TrimSpace(src[after:])),
			msg+"; text follows its closing '"+string(closer)+"'", aws,
			fmt.Sprintf("a %s pattern is one %c ... %c; put every condition inside it", kind, open, closer))
	}
	return problem(src, code, start, 1, msg, aws, hint)
}

// blankAround refuses blank space before a JSON or space-delimited pattern.
// Recorded from AWS: ' {$.ThisFlag IS TRUE} ' is refused with the generic
// message although `{ $.ThisFlag IS TRUE }` is documented. A leading blank
// explains it (AWS reads the kind from the first character, so the pattern
// becomes a term pattern, and '{' is not a term character); blanks after
// the closing brace are accepted, as CloudFormation templates whose YAML
// block scalar ends the pattern with a newline deploy (SEMANTICS.md,
// "Dispatch").
func blankAround(src string, start int, kind Kind) (diag.Diagnostic, bool) {
	if start == 0 {
		return diag.Diagnostic{}, false
	}
	open := "{"
	if kind == SpaceDelimited {
		open = "["
	}
	return problem(src, "blank-before-pattern", 0, start,
		fmt.Sprintf("blank space before the '%s' of a %s pattern: AWS reads a pattern's kind from its first character", open, kind),
		"", "remove the blank space before '"+open+"'"), true
}

// appendNew appends the diagnostics of more that do not point where one of
// l already does: a character the prescan refused also makes the selector or
// name it sits in invalid, and one report of it is enough.
func appendNew(l, more diag.List) diag.List {
	for _, d := range more {
		dup := false
		for _, prev := range l {
			if prev.Pos.Offset == d.Pos.Offset {
				dup = true
				break
			}
		}
		if !dup {
			l = append(l, d)
		}
	}
	return l
}

func listOrNil(l diag.List) error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// allBlankPhrases reports whether the terms are only "" or " " phrases,
// which AWS documents as matching every event.
func allBlankPhrases(terms []*termSyntax) bool {
	for _, t := range terms {
		if t.Prefix != "" || !strings.HasPrefix(t.Raw, `"`) || strings.TrimSpace(t.val.text) != "" {
			return false
		}
	}
	return len(terms) > 0
}

func lexAll(src string) ([]lexer.Token, error) {
	lx, err := lexDef.LexString("", src)
	if err != nil {
		return nil, err
	}
	var toks []lexer.Token
	for {
		t, err := lx.Next()
		if err != nil {
			return nil, err
		}
		if t.EOF() {
			return append(toks, t), nil
		}
		if t.Type != symbols["Whitespace"] {
			toks = append(toks, t)
		}
	}
}
