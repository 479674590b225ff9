//go:build cgo

package query_test

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/cwpat/cwpat/pattern"
	"github.com/cwpat/cwpat/query"
)

// leaf is one scalar of a real record: the selector that reaches it and
// its value.
type leaf struct {
	sel string
	v   gjson.Result
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// leaves lists the scalars of a record a translatable selector can reach:
// the table's columns and struct fields, keys inside the JSON-text columns,
// and the resources array by index and by [*].
func leaves(rec []byte) []leaf {
	var out []leaf
	var walk func(prefix string, r gjson.Result, depth int)
	walk = func(prefix string, r gjson.Result, depth int) {
		switch {
		case r.IsObject():
			r.ForEach(func(k, v gjson.Result) bool {
				if identifier.MatchString(k.String()) && depth < 4 {
					walk(prefix+"."+k.String(), v, depth+1)
				}
				return true
			})
		case r.IsArray():
			r.ForEach(func(k, v gjson.Result) bool {
				if k.Int() < 2 {
					walk(prefix+"["+k.String()+"]", v, depth+1)
				}
				return true
			})
		default:
			out = append(out, leaf{prefix, r})
		}
	}
	walk("$", gjson.ParseBytes(rec), 0)
	return out
}

// quoted writes s as a pattern string: \" and \\ escaped.
func quoted(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// randomCondition makes one condition on a real value.
func randomCondition(r *rand.Rand, l leaf) string {
	sel := l.sel
	if strings.HasPrefix(sel, "$.resources[") && r.IntN(2) == 0 {
		sel = "$.resources[*]" + sel[len("$.resources[0]"):]
	}
	v := l.v.String()
	switch l.v.Type {
	case gjson.Number:
		n := l.v.Num
		ops := []string{"=", "!=", "<", "<=", ">", ">="}
		d := []float64{0, 1, -1, 0.5}[r.IntN(4)]
		return fmt.Sprintf("%s %s %s", sel, ops[r.IntN(len(ops))], strconv.FormatFloat(n+d, 'g', -1, 64))
	case gjson.True, gjson.False:
		switch r.IntN(3) {
		case 0:
			return sel + " IS TRUE"
		case 1:
			return sel + " IS FALSE"
		}
		return sel + " = " + quoted(v)
	case gjson.Null:
		return sel + " IS NULL"
	}
	op := "="
	if r.IntN(4) == 0 {
		op = "!="
	}
	if strings.Contains(v, "*") || strings.Contains(v, "%") || v == "" {
		return sel + " " + op + " " + quoted(v)
	}
	switch r.IntN(7) {
	case 0, 1:
		return sel + " " + op + " " + quoted(v)
	// Globs cut from the value: CloudWatch reads them without backtracking
	// (filter-patterns spec 14.1), so pieces that repeat in the value are
	// where a LIKE-style translation would go wrong.
	case 2: // one star
		a, b := r.IntN(len(v)+1), r.IntN(len(v)+1)
		a, b = min(a, b), max(a, b)
		return sel + " " + op + " " + quoted(v[:a]+"*"+v[b:])
	case 3: // two stars, whose middle piece may occur more than once
		a := r.IntN(len(v) + 1)
		b := a + r.IntN(len(v)-a+1)
		c := b + r.IntN(min(3, len(v)-b)+1)
		return sel + " " + op + " " + quoted(v[:a]+"*"+v[b:c]+"*"+v[min(len(v), c+r.IntN(3)):])
	case 4: // a star at one end and a short piece that may repeat
		k := r.IntN(min(4, len(v))) + 1
		switch r.IntN(3) {
		case 0:
			return sel + " " + op + " " + quoted("*"+v[len(v)-k:])
		case 1:
			return sel + " " + op + " " + quoted("*"+v[len(v)-k:]+"*")
		}
		return sel + " " + op + " " + quoted(v[:k]+"*")
	case 5: // a regex from a piece of the value
		a := r.IntN(len(v))
		b := a + 1 + r.IntN(min(6, len(v)-a))
		var re strings.Builder
		if a == 0 && r.IntN(2) == 0 {
			re.WriteString("^")
		}
		for _, c := range []byte(v[a:b]) {
			switch {
			case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
				re.WriteByte(c)
			case c == '.':
				re.WriteString(`\.`)
			default:
				re.WriteString(".")
			}
		}
		if b == len(v) && r.IntN(2) == 0 {
			re.WriteString("$")
		}
		return sel + " " + op + " %" + re.String() + "%"
	}
	if r.IntN(2) == 0 && strings.Contains(sel, "Parameters.") {
		return sel + " NOT EXISTS"
	}
	return sel + " = \"*\""
}

// A few hundred random patterns over real field values: the DuckDB query
// selects exactly what the matcher matches.
func TestRandomPatternsMatchRecordByRecord(t *testing.T) {
	db, recs := sample(t)
	r := rand.New(rand.NewPCG(9, 2026))
	tried, compared, refused := 0, 0, map[string]int{}
	for compared < 400 && tried < 4000 {
		tried++
		n := 1 + r.IntN(3)
		var conds []string
		for range n {
			ls := leaves(recs[r.IntN(len(recs))])
			conds = append(conds, "("+randomCondition(r, ls[r.IntN(len(ls))])+")")
		}
		src := "{ " + conds[0]
		for _, c := range conds[1:] {
			src += []string{" && ", " || "}[r.IntN(2)] + c
		}
		src += " }"
		if _, err := pattern.Parse(src); err != nil {
			continue // a quota or a value AWS refuses
		}
		where, _, err := query.Predicate(query.DuckDB, src)
		if err != nil {
			var qe *query.Error
			require.ErrorAs(t, err, &qe, src)
			refused[qe.Code]++
			continue
		}
		compared++
		require.Equal(t, matcherIDs(t, src, recs), duckIDs(t, db, where), "%s\n%s", src, where)
	}
	t.Logf("%d random patterns equal record by record (%d generated); refused by reason: %v", compared, tried, refused)
	require.Equal(t, 400, compared)
}
