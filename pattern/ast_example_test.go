package pattern_test

import (
	"fmt"
	"strings"

	"github.com/cwpat/cwpat/pattern"
)

// A compiler walks the read-only tree by kind, without looking at the
// source text: here, a JSON pattern becomes a SQL-like condition.
func ExamplePattern_Expr() {
	p, err := pattern.Parse(`{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes" || $.errorCode = "*Unauthorized*") }`)
	if err != nil {
		panic(err)
	}
	var sql func(e *pattern.Expr) string
	sql = func(e *pattern.Expr) string {
		switch e.Kind() {
		case pattern.GroupExpr:
			return "(" + sql(e.Operands()[0]) + ")"
		case pattern.OrExpr, pattern.AndExpr:
			var parts []string
			for _, o := range e.Operands() {
				parts = append(parts, sql(o))
			}
			return strings.Join(parts, map[pattern.ExprKind]string{pattern.OrExpr: " OR ", pattern.AndExpr: " AND "}[e.Kind()])
		}
		c := e.Condition()
		var path []string
		for _, s := range c.Selector().Segments() {
			path = append(path, s.Key)
		}
		col := strings.Join(path, ".")
		if v := c.Value(); v.Kind() == pattern.GlobValue {
			return fmt.Sprintf("%s LIKE '%s'", col, strings.Join(v.GlobPieces(), "%"))
		}
		return fmt.Sprintf("%s %s '%s'", col, map[pattern.Op]string{pattern.OpEq: "=", pattern.OpNe: "<>"}[c.Op()], c.Value().Text())
	}
	fmt.Println(sql(p.Expr()))
	// Output:
	// (eventName = 'ConsoleLogin') AND (additionalEventData.MFAUsed <> 'Yes' OR errorCode LIKE '%Unauthorized%')
}

// Terms carry their kind, prefix and whether AWS ignores them.
func ExamplePattern_Terms() {
	p, _ := pattern.Parse(`ERROR -"health check" ?%time.?out%`)
	for _, t := range p.Terms() {
		fmt.Printf("%-6s %-2q %-13q ignored=%v at column %d\n", t.Kind(), t.Prefix(), t.Text(), t.Ignored(), t.Span().Start.Column)
	}
	// Output:
	// word   "" "ERROR"       ignored=false at column 1
	// phrase "-" "health check" ignored=false at column 7
	// regex  "?" "time.?out"   ignored=true at column 23
}

// Space-delimited fields say which event field they bind to.
func ExamplePattern_Fields() {
	p, _ := pattern.Parse(`[ip, user, ..., status_code = 4*, size]`)
	for _, f := range p.Fields() {
		test := "none"
		if f.Expr() != nil {
			test = f.Expr().String()
		}
		switch {
		case f.Ellipsis():
			fmt.Printf("slot %d: any number of fields\n", f.Slot())
		case f.FromEnd() > 0:
			fmt.Printf("slot %d: $%s, field %d from the end, test %v\n", f.Slot(), f.Name(), f.FromEnd(), test)
		default:
			fmt.Printf("slot %d: $%s, field %d, test %v\n", f.Slot(), f.Name(), f.Slot(), test)
		}
	}
	// Output:
	// slot 1: $ip, field 1, test none
	// slot 2: $user, field 2, test none
	// slot 3: any number of fields
	// slot 4: $status_code, field 2 from the end, test status_code = 4*
	// slot 5: $size, field 1 from the end, test none
}
