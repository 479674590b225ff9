package query

import (
	"strconv"
	"strings"
)

// globSQL tests text t against a '*' glob the way CloudWatch Logs matches
// one, without backtracking: each literal piece is found at its first
// occurrence after the previous piece, the last piece must end the value,
// and the first must start it unless the glob starts with '*'. Plain LIKE
// would backtrack ('111*111' LIKE-matches '111.111.111.111'; CloudWatch
// says no).
//
// The middle pieces are found with a lazy regex anchored at the start:
// finding the chain of first occurrences is monotone (if the rest of the
// chain follows some occurrence of a piece it follows the first), so the
// leftmost-first engine settles on exactly the first occurrences. Only the
// last piece, which must end the value, needs the first-occurrence test done
// by hand, on the text after the chain.
func globSQL(d *Dialect, t, glob string) string {
	pieces := strings.Split(glob, "*")
	first, last := pieces[0], pieces[len(pieces)-1]
	var middle []string
	for _, p := range pieces[1 : len(pieces)-1] {
		if p != "" {
			middle = append(middle, p)
		}
	}
	var conds []string
	rest := t // the text after the chain, as SQL
	switch {
	case len(middle) == 0 && first == "":
		conds = append(conds, t+" IS NOT NULL")
	case len(middle) == 0:
		conds = append(conds, "starts_with("+t+", "+sqlString(first)+")")
		rest = "substr(" + t + ", " + strconv.Itoa(runeLen(first)+1) + ")"
	default:
		var re strings.Builder
		re.WriteString(`^`)
		re.WriteString(regexQuote(first))
		for _, p := range middle {
			re.WriteString(`[\s\S]*?`)
			re.WriteString(regexQuote(p))
		}
		chain := sqlString(re.String())
		conds = append(conds, d.RegexLike+"("+t+", "+chain+")")
		rest = "substr(" + t + ", length(regexp_extract(" + t + ", " + chain + ")) + 1)"
	}
	if last != "" {
		pos := "strpos(" + rest + ", " + sqlString(last) + ")"
		conds = append(conds, pos+" > 0",
			pos+" = length("+rest+") - "+strconv.Itoa(runeLen(last)-1))
	}
	return strings.Join(conds, " AND ")
}

// regexQuote escapes the ASCII punctuation of s for a regex both RE2 and
// Java read as literal text.
func regexQuote(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && !isAlnum(byte(r)) && r != ' ' {
			if r == '\n' {
				b.WriteString(`\n`)
				continue
			}
			if r < 0x20 || r == 0x7f {
				b.WriteString(`\x` + strconv.FormatInt(int64(r)+0x100, 16)[1:])
				continue
			}
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
