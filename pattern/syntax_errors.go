package pattern

import (
	"errors"
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/cwpat/cwpat/diag"
)

// Syntax errors: participle reports where it stopped and what its grammar
// wanted there; these functions say it in the words of someone writing a
// filter pattern.

// syntaxDiag turns participle's error into a diagnostic in the user's words.
func syntaxDiag(src string, kind Kind, toks []lexer.Token, err error) diag.Diagnostic {
	var perr participle.Error
	if !errors.As(err, &perr) {
		return problem(src, "syntax-error", 0, 0, err.Error(), "", "")
	}
	off := perr.Position().Offset
	i := tokenAt(toks, off)
	tok := toks[i]
	// participle backtracks out of `( "&&" @@ )*` and complains about the
	// operator; the real problem is what follows it.
	if (tok.Value == "&&" || tok.Value == "||") && i+1 < len(toks) {
		next := toks[i+1]
		return problem(src, "syntax-error", next.Pos.Offset, len(next.Value),
			fmt.Sprintf("'%s' must be followed by a condition, not %s", tok.Value, describeToken(next)), "",
			"remove the trailing operator or add the missing condition")
	}
	if kind == Terms && (tok.Value == "-" || tok.Value == "?" || i > 0 && (toks[i-1].Value == "-" || toks[i-1].Value == "?")) {
		prev := tok
		if tok.Value != "-" && tok.Value != "?" {
			prev = toks[i-1]
		}
		return problem(src, "syntax-error", prev.Pos.Offset, 1,
			fmt.Sprintf("'%s' must be followed by a term", prev.Value), "", `write the term right after it: -DEBUG, ?ERROR, -"two words"`)
	}
	if i > 0 && kind != Terms {
		if d, ok := afterOperand(src, kind, toks[i-1], tok); ok {
			return d
		}
	}
	found := describeToken(tok)
	want := expectedWords(perr.Message(), kind)
	msg := "unexpected " + found
	if want != "" {
		msg += "; expected " + want
	}
	return problem(src, "syntax-error", off, len(tok.Value), msg, "", syntaxHint(kind, tok))
}

// afterOperand explains an unexpected token that follows a selector, field
// name or value, where participle can only say which closer it wanted.
func afterOperand(src string, kind Kind, prev, tok lexer.Token) (diag.Diagnostic, bool) {
	switch {
	case tok.EOF() || tok.Value == "}" || tok.Value == "]" || tok.Value == ")" || tok.Value == "," || tok.Value == "&&" || tok.Value == "||":
		return diag.Diagnostic{}, false
	case prev.Type == symbols["Selector"]:
		hint := ""
		if u := strings.ToUpper(tok.Value); u != tok.Value && (u == "IS" || u == "NOT" || u == "EXISTS") {
			hint = "keywords are upper case: IS NULL, IS TRUE, IS FALSE, NOT EXISTS"
		}
		return problem(src, "syntax-error", tok.Pos.Offset, len(tok.Value),
			fmt.Sprintf("unexpected %s after %s; expected an operator (=, !=, <, <=, >, >=), IS NULL, IS TRUE, IS FALSE or NOT EXISTS",
				describeToken(tok), prev.Value), "", hint), true
	case prev.Value == "NOT" || tok.Value == "!" || tok.Value == "NOT":
		at := tok
		if prev.Value == "NOT" {
			at = prev
		}
		return problem(src, "syntax-error", at.Pos.Offset, len(at.Value),
			"filter patterns have no negation operator", "",
			"compare with != instead (and mind that != is false on a missing field), or test absence with $.x NOT EXISTS"), true
	case prev.Type == symbols["Op"] && tok.Type == symbols["Op"]:
		return problem(src, "syntax-error", prev.Pos.Offset, len(prev.Value)+len(tok.Value),
			fmt.Sprintf("%q is not an operator", prev.Value+tok.Value), "",
			"the operators are =, !=, <, <=, >, >="), true
	case prev.Value == "[" && prev.Type == symbols["JWord"]:
		return problem(src, "syntax-error", prev.Pos.Offset, 1, "a value cannot be a list", "",
			"compare one value at a time, joined with ||; select array elements with $.a[0] or $.a[*]"), true
	case prev.Value == "{" || prev.Value == "(" || prev.Value == "[" || prev.Value == "&&" || prev.Value == "||":
		return diag.Diagnostic{}, false
	case prev.Type == symbols["Op"]:
		return diag.Diagnostic{}, false
	}
	hint := "write { ($.a = 1) && ($.b = 2) }; quote a value that holds spaces"
	if kind == SpaceDelimited {
		hint = "separate fields with commas, join conditions on one field with && or ||: [a = 1 || a = 2, b]"
	}
	return problem(src, "syntax-error", tok.Pos.Offset, len(tok.Value),
		fmt.Sprintf("unexpected %s after %s; join conditions with && or ||", describeToken(tok), describeToken(prev)), "", hint), true
}

// tokenAt returns the index of the token at off, or of the final EOF token.
func tokenAt(toks []lexer.Token, off int) int {
	for i, t := range toks {
		if t.Pos.Offset == off {
			return i
		}
	}
	return len(toks) - 1
}

func describeToken(t lexer.Token) string {
	if t.EOF() {
		return "end of pattern"
	}
	return fmt.Sprintf("%q", t.Value)
}

// expectedWords translates participle's "(expected ...)" into words: it
// names grammar symbols like <selector> and literals like "}", and drops the
// error-recovery tokens (unterminated strings and regexes) nobody expects.
func expectedWords(msg string, kind Kind) string {
	i := strings.Index(msg, "(expected ")
	if i < 0 {
		return ""
	}
	raw := strings.TrimSuffix(msg[i+len("(expected "):], ")")
	raw = strings.Trim(raw, "()")
	names := map[string]string{
		"<selector>": "a $.selector", "<word>": wordName(kind), "<jword>": wordName(kind), "<dword>": wordName(kind),
		"<op>": "an operator (=, !=, <, <=, >, >=)", "<string>": `a "quoted string"`, "<regex>": "a %regex%",
		"<comma>": "','", "<ellipsis>": "'...'", "<minus>": "'-'", "<question>": "'?'", "<sqstring>": "",
		"<openstring>": "", "<openregex>": "", "Condition": "a condition", "Value": "a value", "Field": "a field",
		"Term": "a term", "Factor": "a condition", "OrExpr": "a condition", "AndExpr": "a condition",
		"DelimitedPart": "a field",
	}
	var words []string
	seen := map[string]bool{}
	for _, alt := range strings.Split(raw, " | ") {
		alt = strings.TrimSpace(alt)
		w, known := names[alt]
		if !known {
			w = alt
		}
		if w != "" && !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

func wordName(kind Kind) string {
	switch kind {
	case SpaceDelimited:
		return "a field name or value"
	case JSON:
		return "a value"
	}
	return "a term"
}

func syntaxHint(kind Kind, t lexer.Token) string {
	v := t.Value
	switch {
	case kind == JSON && (strings.EqualFold(v, "is") || strings.EqualFold(v, "not") || strings.EqualFold(v, "exists") ||
		strings.EqualFold(v, "null")) && v != strings.ToUpper(v):
		return "keywords are upper case: IS NULL, IS TRUE, IS FALSE, NOT EXISTS"
	case kind == JSON && (v == "&" || v == "|"):
		return "AND is written &&, OR is written ||"
	case kind == JSON && v == "{":
		return "a JSON pattern is one { ... }; group conditions with ( ) instead"
	case kind == JSON && t.EOF():
		return "a JSON pattern is { $.selector op value }, for example { $.eventName = \"ConsoleLogin\" }"
	case kind == SpaceDelimited:
		return "a space-delimited pattern is [field, field = value, ...], fields separated by commas"
	case kind == Terms && (v == "{" || v == "["):
		return "'{' and '[' start a JSON or space-delimited pattern only as the first character; quote the term otherwise"
	}
	return ""
}
