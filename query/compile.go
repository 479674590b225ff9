package query

import (
	"strings"
	"time"
)

// DefaultTable is the table name AWS's documentation uses.
const DefaultTable = "cloudtrail_logs"

// Options shape the SQL around the translated pattern.
type Options struct {
	// Table is the table to query (default DefaultTable); it may be
	// qualified with a database, as in "security.cloudtrail_logs".
	Table string
	// Start and End bound eventTime (Start inclusive, End exclusive);
	// zero means unbounded. In Athena they also become predicates on the
	// partition projection's timestamp partition, so the query reads only
	// the days it needs.
	Start, End time.Time
	// Organization selects the organization-wide table, partitioned by
	// account, region and timestamp; Accounts and Regions, when set,
	// become predicates on those partitions.
	Organization bool
	Accounts     []string
	Regions      []string
}

func (o *Options) table() string {
	if o.Table == "" {
		return DefaultTable
	}
	return o.Table
}

// Query is one translated pattern.
type Query struct {
	// Rule is the rule's id when the pattern came from a rule set.
	Rule string
	// Where is the predicate on one row of the table (SQL) or the filter
	// expression (Logs Insights).
	Where string
	// Text is the whole query returning the matching records.
	Text string
	// Conditions must hold of the data for the query to select exactly the
	// records CloudWatch Logs would match; print them as warnings.
	Conditions []Condition
}

// Predicate translates one filter pattern into a SQL predicate over the
// CloudTrail table in dialect d. The error is an *Error when the pattern has
// no exact translation, or the pattern package's diagnostics when it does
// not parse.
func Predicate(d *Dialect, src string) (string, []Condition, error) {
	tree, err := parsePattern(src)
	if err != nil {
		return "", nil, err
	}
	if tree.all {
		return "TRUE", nil, nil
	}
	if tree.terms != nil {
		return "", nil, refuse("no-raw-line", strings.TrimSpace(src), "a term pattern searches the whole log line, and Athena's CloudTrail table has no column holding a record's raw text; use a JSON pattern or --target logs-insights")
	}
	if tree.delimited {
		return "", nil, refuse("no-raw-line", strings.TrimSpace(src), "a space-delimited pattern splits the raw log line, and Athena's CloudTrail table has no column holding it; CloudTrail records are JSON, so a JSON pattern says the same")
	}
	g := &sqlGen{d: d}
	where, err := g.expr(tree.json)
	if err != nil {
		return "", nil, err
	}
	return where, g.conds, nil
}

// SQL translates one filter pattern into a query returning the matching
// records, oldest first, within the window.
func SQL(d *Dialect, src string, opt Options) (*Query, error) {
	where, conds, err := Predicate(d, src)
	if err != nil {
		return nil, err
	}
	return &Query{Where: where, Conditions: conds, Text: selectRecords(d, where, &opt)}, nil
}

func selectRecords(d *Dialect, where string, opt *Options) string {
	var b strings.Builder
	b.WriteString("SELECT eventtime, eventsource, eventname, *\nFROM " + opt.table() + "\nWHERE ")
	for _, w := range windowPredicates(d, opt) {
		b.WriteString(w + "\n  AND ")
	}
	b.WriteString("(" + where + ")\nORDER BY eventtime")
	return b.String()
}

// windowPredicates bound the rows read: eventTime always, and in Athena the
// partition projection's partitions too.
func windowPredicates(d *Dialect, opt *Options) []string {
	var w []string
	if d == Athena {
		if !opt.Start.IsZero() {
			w = append(w, `"timestamp" >= `+sqlString(opt.Start.UTC().Format("2006/01/02")))
		}
		if !opt.End.IsZero() {
			// CloudTrail files a record under the day it delivers the log
			// file, up to about 15 minutes after the event: read one more
			// day so a record from just before midnight is not lost.
			w = append(w, `"timestamp" <= `+sqlString(opt.End.UTC().Add(24*time.Hour).Format("2006/01/02")))
		}
		if opt.Organization && len(opt.Accounts) > 0 {
			w = append(w, "account IN ("+sqlList(opt.Accounts)+")")
		}
		if opt.Organization && len(opt.Regions) > 0 {
			w = append(w, "region IN ("+sqlList(opt.Regions)+")")
		}
	}
	if !opt.Start.IsZero() {
		w = append(w, "eventtime >= "+sqlString(opt.Start.UTC().Format(time.RFC3339)))
	}
	if !opt.End.IsZero() {
		w = append(w, "eventtime < "+sqlString(opt.End.UTC().Format(time.RFC3339)))
	}
	return w
}

func sqlList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = sqlString(s)
	}
	return strings.Join(q, ", ")
}

// Rule is what the compiler needs of a rule.
type Rule struct {
	ID            string
	FilterPattern string
}

// Rules translates every rule of a set; the error is the first rule's
// *Error (with Rule set) or parse error. With keepGoing, refused rules are
// returned as errors beside the queries instead.
func Rules(d *Dialect, rules []Rule, opt Options) ([]*Query, []error) {
	var out []*Query
	var errs []error
	for _, r := range rules {
		q, err := SQL(d, r.FilterPattern, opt)
		if err != nil {
			errs = append(errs, ruleRefusal(err, r.ID))
			continue
		}
		q.Rule = r.ID
		out = append(out, q)
	}
	return out, errs
}

// ruleRefusal is err from translating rule id as a *Error with Rule set: a
// parse error becomes one with code "parse".
func ruleRefusal(err error, id string) error {
	if e, ok := err.(*Error); ok {
		c := *e
		c.Rule = id
		return &c
	}
	return &Error{Code: "parse", Rule: id, Reason: err.Error()}
}
