package pattern

import "github.com/alecthomas/participle/v2/lexer"

// The lexer has one state per sub-language. AWS decides the kind of a pattern
// by its first non-blank character, so the Root state only dispatches: '{'
// enters JSON, '[' enters Delimited, anything else enters Terms. Every state
// ends in a catch-all rule so lexing never fails: a bad character becomes a
// token that the checker reports with its exact position, and the parser can
// keep going far enough to find the other problems too.
//
// Unterminated strings and regexes have their own token types (OpenString,
// OpenRegex) for the same reason.

const (
	reString     = `"(?:\\.|[^"\\])*"`
	reOpenString = `"(?:\\.|[^"\\])*`
	reRegex      = `%[^%]*%`
	reOpenRegex  = `%[^%]*`
	reOp         = `!=|<=|>=|==|=|<|>|!`
	reLogic      = `&&|\|\||[()]`
)

// termRules lex a term pattern: words, "quoted phrases", %regex%, and the
// '-' and '?' prefixes. A word stops at '-' and '?' so that an unquoted
// `a-b` reads as `a -b`, which is how AWS reads it (see SEMANTICS.md).
func termRules(enter lexer.Action) []lexer.Rule {
	return []lexer.Rule{
		{Name: "String", Pattern: reString, Action: enter},
		{Name: "OpenString", Pattern: reOpenString, Action: enter},
		{Name: "Regex", Pattern: reRegex, Action: enter},
		{Name: "OpenRegex", Pattern: reOpenRegex, Action: enter},
		{Name: "Minus", Pattern: `-`, Action: enter},
		{Name: "Question", Pattern: `\?`, Action: enter},
		{Name: "Word", Pattern: `[^\s"%?\-]+`, Action: enter},
	}
}

var lexDef = lexer.MustStateful(lexer.Rules{
	"Root": append([]lexer.Rule{
		{Name: "Whitespace", Pattern: `\s+`},
		{Name: "LBrace", Pattern: `\{`, Action: lexer.Push("JSON")},
		{Name: "LBracket", Pattern: `\[`, Action: lexer.Push("Delimited")},
	}, termRules(lexer.Push("Terms"))...),
	"Terms": append([]lexer.Rule{
		{Name: "Whitespace", Pattern: `\s+`},
	}, termRules(nil)...),
	"JSON": {
		{Name: "Whitespace", Pattern: `\s+`},
		{Name: "RBrace", Pattern: `\}`, Action: lexer.Pop()},
		{Name: "Logic", Pattern: reLogic},
		{Name: "Op", Pattern: reOp},
		{Name: "Selector", Pattern: `\$(?:'[^'}]*'?|[^\s=!<>()&|{}"%'])*`},
		{Name: "String", Pattern: reString},
		{Name: "OpenString", Pattern: reOpenString},
		{Name: "Regex", Pattern: reRegex},
		{Name: "OpenRegex", Pattern: reOpenRegex},
		{Name: "SQString", Pattern: `'[^']*'?`},
		{Name: "JWord", Pattern: `[^\s(){}"%&|=!<>'$][^\s(){}"%&|=!<>']*`},
		{Name: "Other", Pattern: `[\s\S]`},
	},
	"Delimited": {
		{Name: "Whitespace", Pattern: `\s+`},
		{Name: "RBracket", Pattern: `\]`, Action: lexer.Pop()},
		{Name: "Ellipsis", Pattern: `\.\.\.`},
		{Name: "Comma", Pattern: `,`},
		{Name: "Logic", Pattern: reLogic},
		{Name: "Op", Pattern: reOp},
		{Name: "String", Pattern: reString},
		{Name: "OpenString", Pattern: reOpenString},
		{Name: "Regex", Pattern: reRegex},
		{Name: "OpenRegex", Pattern: reOpenRegex},
		{Name: "SQString", Pattern: `'[^']*'?`},
		{Name: "DWord", Pattern: `[^\s,\[\]()"%&|=!<>']+`},
		{Name: "Other", Pattern: `[\s\S]`},
	},
})
