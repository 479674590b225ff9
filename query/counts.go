package query

import (
	"strconv"
	"strings"
)

// Columns of the counting query.
const (
	// MinuteColumn is the UTC minute as CloudTrail writes eventTime, cut to
	// "2006-01-02T15:04"; NULL on the one row that totals the window.
	MinuteColumn = "minute"
	// FirstColumn and LastColumn are the earliest and latest eventTime of
	// the row's records (all records in the window, matched or not).
	FirstColumn = "first_event"
	LastColumn  = "last_event"
	// RecordsColumn counts the row's records.
	RecordsColumn = "records"
)

// minuteExpr is the grouping expression, written the same way everywhere
// it appears (grouping() needs the exact expression).
const minuteExpr = "substr(eventtime, 1, 16)"

// Counts is one query that counts, per UTC minute, the records each
// predicate selects: columns MinuteColumn, FirstColumn, LastColumn,
// RecordsColumn, then c0, c1, ... in the order of preds. One query reads the
// data once for a whole rule set, which is what Athena bills. Minutes where
// no predicate holds are left out; one more row, with a NULL minute, totals
// the window (its first and last eventTime are the span the backtest's alarm
// simulation runs over).
func Counts(d *Dialect, preds []string, opt Options) string {
	var b strings.Builder
	b.WriteString("SELECT " + minuteExpr + " AS " + MinuteColumn +
		",\n  min(eventtime) AS " + FirstColumn + ",\n  max(eventtime) AS " + LastColumn +
		",\n  count(*) AS " + RecordsColumn)
	any := make([]string, len(preds))
	for i, p := range preds {
		b.WriteString(",\n  count_if(" + p + ") AS c" + strconv.Itoa(i))
		any[i] = "(" + p + ")"
	}
	b.WriteString("\nFROM " + opt.table())
	if w := windowPredicates(d, &opt); len(w) > 0 {
		b.WriteString("\nWHERE " + strings.Join(w, "\n  AND "))
	}
	b.WriteString("\nGROUP BY GROUPING SETS ((" + minuteExpr + "), ())")
	b.WriteString("\nHAVING grouping(" + minuteExpr + ") = 1\n  OR count_if(" + strings.Join(any, "\n    OR ") + ") > 0")
	b.WriteString("\nORDER BY 1")
	return b.String()
}
