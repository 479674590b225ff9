package pattern

import (
	"regexp"
	"strconv"
	"strings"
)

// Op is the operator of a condition, as the checker understood it.
type Op int

// Operators. OpField is a bare field name in a space-delimited pattern (no
// test, only a name for extraction).
const (
	OpNone Op = iota
	OpEq
	OpNe
	OpLt
	OpLe
	OpGt
	OpGe
	OpIsNull
	OpIsTrue
	OpIsFalse
	OpNotExists
	OpField
)

var opText = [...]string{"", "=", "!=", "<", "<=", ">", ">=", "IS NULL", "IS TRUE", "IS FALSE", "NOT EXISTS", ""}

// String returns the operator as written in a pattern.
func (o Op) String() string {
	if o < 0 || int(o) >= len(opText) {
		return "op(" + strconv.Itoa(int(o)) + ")"
	}
	return opText[o]
}

// IsOrdering reports whether o is <, <=, > or >=, which compare numbers only.
func (o Op) IsOrdering() bool { return o >= OpLt && o <= OpGe }

// ValueKind says how a condition's value is compared.
type ValueKind int

// Value kinds.
const (
	NoValue     ValueKind = iota // IS NULL, NOT EXISTS, a bare field name
	StringValue                  // exact text: "quoted" or an unquoted word
	GlobValue                    // text with '*' wildcards ("*" alone: any non-null value)
	RegexValue                   // %regex%, an unanchored search
	NumberValue                  // a number, compared by value
)

var kindText = [...]string{"none", "string", "glob", "regex", "number"}

// String names the kind.
func (k ValueKind) String() string {
	if k < 0 || int(k) >= len(kindText) {
		return "kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindText[k]
}

// value is the checked meaning of a Value or Term.
type value struct {
	kind   ValueKind
	text   string         // unquoted text (string, glob), regex source, number as written
	quoted bool           // written in double quotes
	num    float64        // NumberValue
	re     *regexp.Regexp // RegexValue
}

// parseNumber reads s as a number under AWS's grammar.
func parseNumber(s string) (float64, bool) {
	if s == "" || !isNumberText(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		// Out of range: ParseFloat still returns ±Inf, which compares
		// sensibly, so accept it.
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return 0, false
	}
	return f, true
}

// isNumberText is AWS's documented number grammar: an integer or decimal
// with an optional sign, optionally followed by e and a signed integer.
func isNumberText(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// parseTextNumber reads the text of a string value (a JSON string, a
// space-delimited field) as a number for a numeric comparison. AWS: "Strings
// don't support scientific notation", so "1e3" in an event is text, while
// 1e3 in a pattern or as a JSON number is a number.
func parseTextNumber(s string) (float64, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == 'e' || s[i] == 'E' {
			return 0, false
		}
	}
	return parseNumber(s)
}

// unquote reads a double-quoted string: \" is a quote, \\ a backslash; any
// other backslash is kept as written (AWS documents no other escapes).
func unquote(raw string) string {
	s := strings.TrimPrefix(raw, `"`)
	s = strings.TrimSuffix(s, `"`)
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
			b.WriteByte(s[i+1])
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// quote is the inverse of unquote.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

// globMatch reports whether s matches glob, where '*' stands for any run of
// characters (possibly empty) and everything else is literal, the way AWS
// matches: without backtracking. Each literal piece is taken at its first
// occurrence after the previous piece; the first piece must start s unless
// glob starts with '*', and the last piece, at that first occurrence, must
// end s unless glob ends with '*'. So `111*111` does not match
// "111.111.111.111" (the second piece is first found at offset 4, which does
// not end the value) and `*111.111.111` does not match it either, while
// `*.111.111.111` does: every answer recorded from AWS (SEMANTICS.md,
// "Wildcards"). It does not allocate and runs in O(len(s)*len(glob)).
func globMatch(glob, s string) bool {
	star := strings.IndexByte(glob, '*')
	if star < 0 {
		return glob == s
	}
	if !strings.HasPrefix(s, glob[:star]) {
		return false
	}
	pos, rest := star, glob[star+1:]
	for {
		next := strings.IndexByte(rest, '*')
		if next < 0 {
			if rest == "" {
				return true
			}
			i := strings.Index(s[pos:], rest)
			return i >= 0 && pos+i+len(rest) == len(s)
		}
		piece := rest[:next]
		i := strings.Index(s[pos:], piece)
		if i < 0 {
			return false
		}
		pos += i + len(piece)
		rest = rest[next+1:]
	}
}

// matchText applies an equality-style value (string, glob, regex, number) to
// the text of a scalar. isNum says the scalar is a number whose value is num.
//
// Decisions where AWS is silent (SEMANTICS.md, "Values"): text compares with
// a string's contents and with a number's or boolean's literal text, so
// "400" matches 400; a number compares by value with numbers and with
// strings whose whole text is a decimal number, so 400 matches "400" and
// 1e3 matches "1000" (but 1000 does not match "1e3": AWS says strings don't
// support scientific notation); '*' is a wildcard anywhere in a value.
func (v *value) matchText(text string, isNum bool, num float64) bool {
	switch v.kind {
	case StringValue:
		return text == v.text
	case GlobValue:
		return globMatch(v.text, text)
	case RegexValue:
		return v.re.MatchString(text)
	case NumberValue:
		if !isNum {
			n, ok := parseTextNumber(text)
			if !ok {
				return false
			}
			num = n
		}
		return num == v.num
	}
	return false
}

// compare applies op (=, !=, <, ...) to a scalar's text.
func (v *value) compare(op Op, text string, isNum bool, num float64) bool {
	switch op {
	case OpEq:
		return v.matchText(text, isNum, num)
	case OpNe:
		return !v.matchText(text, isNum, num)
	}
	if v.kind != NumberValue {
		return false
	}
	if !isNum {
		n, ok := parseTextNumber(text)
		if !ok {
			return false
		}
		num = n
	}
	switch op {
	case OpLt:
		return num < v.num
	case OpLe:
		return num <= v.num
	case OpGt:
		return num > v.num
	case OpGe:
		return num >= v.num
	}
	return false
}
