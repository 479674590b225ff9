package pattern

import (
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/cwpat/cwpat/awslimits"
	"github.com/cwpat/cwpat/diag"
)

// prescan checks what can be checked token by token, before parsing: bad
// characters, unterminated strings and regexes, the regex whitelist and the
// regex quota. Doing it here means these problems are reported even when the
// pattern also has a syntax error that stops the parser, and that they come
// first, as AWS (which validates terms as it tokenises) reports them first.
func prescan(src string, kind Kind, toks []lexer.Token) diag.List {
	var out diag.List
	regexes := 0
	for _, t := range toks {
		off := t.Pos.Offset
		switch t.Type {
		case symbols["OpenString"]:
			out = append(out, problem(src, "unterminated-string", off, 1,
				"'\"' starts a quoted string that is never closed", "", "close the string with '\"'; write \\\" for a quote inside it"))
		case symbols["OpenRegex"]:
			out = append(out, problem(src, "unterminated-regex", off, 1,
				"'%' starts a regular expression that is never closed", "", "surround a regex with %, as in %ERROR|FATAL%; to match a literal % quote it: \"100%\""))
		case symbols["Regex"]:
			regexes++
			body := t.Value[1 : len(t.Value)-1]
			if bad, actual, at := badRegexCharsBoth(body); bad != "" {
				hint := "AWS regexes allow letters, digits, : _ # = @ / ; , - and space, and the operators ^ $ ? [ ] { } | \\ * + ."
				if strings.ContainsAny(bad, "()") {
					hint = "AWS refuses parentheses in a regex, even escaped; match them with \\x28 and \\x29, and write alternatives without groups"
				}
				out = append(out, problem(src, "regex-invalid-character", off+1+at, 1,
					fmt.Sprintf("character(s) %s not allowed in a regular expression", quoteChars(actual)),
					awslimits.InvalidCharsInTerm(bad), hint))
			} else if body == "" {
				out = append(out, problem(src, "empty-regex", off, 2, "empty regular expression %%", "", "put the expression between the % signs"))
			}
			if regexes == awslimits.RegexesPerPattern+1 {
				out = append(out, problem(src, "too-many-regexes", off, len(t.Value),
					fmt.Sprintf("a filter pattern may hold at most %d regular expressions", awslimits.RegexesPerPattern), "",
					"combine alternatives into one regex with |, or use wildcards (\"AccessDenied*\")"))
			}
		case symbols["String"]:
			// Anything goes inside double quotes.
		case symbols["Other"]:
			out = append(out, otherChar(src, kind, t))
		default:
			if d, ok := nonASCII(src, t); ok {
				out = append(out, d)
			} else if kind == Terms && t.Type == symbols["Word"] {
				if i := strings.IndexFunc(t.Value, func(r rune) bool { return !isTermRune(r) }); i >= 0 {
					out = append(out, problem(src, "unquoted-special-character", off+i, 1,
						fmt.Sprintf("%q in an unquoted term", t.Value[i:i+1]), "",
						fmt.Sprintf("terms with characters other than letters, digits and '_' must be quoted: %s", quote(t.Value))))
				}
			}
		}
	}
	return out
}

func isTermRune(r rune) bool {
	return r < 0x80 && (isNameByte(byte(r)) && r != '-')
}

// nonASCII reports a character outside ASCII in an unquoted token, which AWS
// refuses as "Invalid character(s) in term '?'" (typographic quotes pasted
// from a document are the usual cause).
func nonASCII(src string, t lexer.Token) (diag.Diagnostic, bool) {
	for i, r := range t.Value {
		if r >= 0x80 {
			hint := "only ASCII is allowed outside double quotes"
			if strings.ContainsRune("\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb", r) {
				hint = "this is a typographic quote; use a plain ASCII double quote (\")"
			}
			return problem(src, "invalid-character", t.Pos.Offset+i, 1,
				fmt.Sprintf("character %q is not allowed here", r), awslimits.InvalidCharsInTerm("?"), hint), true
		}
	}
	return diag.Diagnostic{}, false
}

func otherChar(src string, kind Kind, t lexer.Token) diag.Diagnostic {
	if d, ok := nonASCII(src, t); ok {
		return d
	}
	hint := ""
	switch t.Value {
	case "&":
		hint = "AND is written &&"
	case "|":
		hint = "OR is written ||"
	case "{", "}":
		hint = "a JSON pattern is a single { ... }; group conditions with ( )"
	case "[":
		if kind == SpaceDelimited {
			hint = "to match a field that contains '[', quote the value: \"[ERROR]\""
		}
	}
	return problem(src, "unexpected-character", t.Pos.Offset, 1,
		fmt.Sprintf("unexpected character %q", t.Value), "", hint)
}

func quoteChars(s string) string {
	parts := make([]string, 0, len(s))
	for _, r := range s {
		parts = append(parts, fmt.Sprintf("'%c'", r))
	}
	return strings.Join(parts, ", ")
}
