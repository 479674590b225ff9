package cli

// cwpat compile --target athena|duckdb|logs-insights: the rule set's filter
// patterns as queries over the CloudTrail archive (package query).

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/query"
)

// queryFlags are compile's flags for the query targets.
type queryFlags struct {
	filterPattern string
	table         string
	createTable   string
	organization  bool
	accounts      []string
	regions       []string
	skipRefused   bool
	window        timeWindow
}

func addQueryFlags(cmd *cobra.Command, q *queryFlags) {
	f := cmd.Flags()
	f.StringVar(&q.filterPattern, "filter-pattern", "", "athena, duckdb, logs-insights: translate this one pattern instead of --rules")
	f.StringVar(&q.table, "table", query.DefaultTable, "athena, duckdb: the CloudTrail table (optionally database.table)")
	f.StringVar(&q.createTable, "create-table", "", "duckdb: print the statement that builds the table from the NDJSON or {\"Records\":[...]} files matching this glob")
	f.BoolVar(&q.organization, "organization", false, "athena: the organization-wide table, partitioned by account, region and timestamp")
	f.StringSliceVar(&q.accounts, "account", nil, "athena with --organization: only these account partitions (repeatable)")
	f.StringSliceVar(&q.regions, "partition-region", nil, "athena with --organization: only these region partitions (repeatable)")
	f.BoolVar(&q.skipRefused, "skip-refused", false, "athena, duckdb, logs-insights: leave out rules with no exact translation (listed on stderr) instead of failing")
	addTimeWindowFlags(cmd, &q.window)
}

// isQueryTarget reports whether compile's --target is a query language.
func isQueryTarget(target string) bool {
	return target == "athena" || target == "duckdb" || target == "logs-insights"
}

// runCompileQuery prints one query per rule, each after a "-- rule: ID"
// line ("# rule: ID" for Insights). Conditions under which a translation is
// exact go to stderr as warnings; a rule with no exact translation is an
// error (exit 2, nothing on stdout) unless --skip-refused, which names each
// rule left out and ends with a summary line on stderr.
func runCompileQuery(app *App, cmd *cobra.Command, d *deployFlags, q *queryFlags, target string) error {
	if q.createTable != "" {
		if target != "duckdb" {
			return UsageFor(cmd, fmt.Errorf("--create-table is for --target duckdb (Athena's table is created from AWS's DDL)"))
		}
		_, err := fmt.Fprint(app.Stdout, query.DuckDBCreateTable(q.table, q.createTable))
		return err
	}
	start, end, err := q.window.parse()
	if err != nil {
		return UsageFor(cmd, err)
	}
	opt := query.Options{Table: q.table, Start: start, End: end, Organization: q.organization, Accounts: q.accounts, Regions: q.regions}
	var rules []query.Rule
	if q.filterPattern != "" {
		rules = []query.Rule{{ID: "--filter-pattern", FilterPattern: q.filterPattern}}
	} else {
		set, err := d.loadRules(app)
		if err != nil {
			return err
		}
		for _, r := range set.Rules {
			rules = append(rules, query.Rule{ID: r.ID, FilterPattern: r.FilterPattern})
		}
	}
	var out strings.Builder
	var refused int
	for _, r := range rules {
		text, conds, err := compileOne(target, r, opt)
		if err != nil && q.filterPattern != "" {
			return &ExitError{Code: ExitUsage, Err: fmt.Errorf("--filter-pattern has no exact %s translation: %w", target, err)}
		}
		if err != nil {
			refused++
			if q.skipRefused {
				fmt.Fprintf(app.Stderr, "cwpat: skipped rule %s: %v\n", r.ID, ruleError(err, ""))
			} else {
				fmt.Fprintf(app.Stderr, "cwpat: error: %v\n", ruleError(err, r.ID))
			}
			continue
		}
		for _, c := range conds {
			what := "rule " + r.ID
			if q.filterPattern != "" {
				what = "--filter-pattern"
			}
			fmt.Fprintf(app.Stderr, "cwpat: warning: %s: exact only if %s\n", what, c)
		}
		comment := "-- rule: "
		if target == "logs-insights" {
			comment = "# rule: "
		}
		out.WriteString(comment + r.ID + "\n" + text + "\n\n")
	}
	if refused > 0 && !q.skipRefused {
		return &ExitError{Code: ExitUsage,
			Err:  fmt.Errorf("%s no exact %s translation; nothing printed", hasPlural(refused, len(rules)), target),
			Hint: "Run again with --skip-refused to print the other rules' queries and name the refused ones."}
	}
	if refused > 0 {
		fmt.Fprintf(app.Stderr, "cwpat: compiled %d of %s; %d refused (--skip-refused)\n", len(rules)-refused, plural(len(rules), "rule"), refused)
	}
	_, err = fmt.Fprint(app.Stdout, out.String())
	return err
}

// hasPlural says "1 of 15 rules has" or "2 of 15 rules have".
func hasPlural(n, of int) string {
	verb := "have"
	if n == 1 {
		verb = "has"
	}
	return fmt.Sprintf("%d of %s %s", n, plural(of, "rule"), verb)
}

func compileOne(target string, r query.Rule, opt query.Options) (string, []query.Condition, error) {
	if target == "logs-insights" {
		filter, conds, err := query.Insights(r.FilterPattern)
		return query.InsightsQuery(filter), conds, err
	}
	d := query.Athena
	if target == "duckdb" {
		d = query.DuckDB
	}
	q, err := query.SQL(d, r.FilterPattern, opt)
	if err != nil {
		return "", nil, err
	}
	return q.Text + ";", q.Conditions, nil
}

// ruleError names the rule in a refusal or a parse error; with id "" it
// leaves the name out (the caller says it).
func ruleError(err error, id string) error {
	var qe *query.Error
	if errors.As(err, &qe) {
		c := *qe
		c.Rule = id
		return &c
	}
	if id == "" {
		return err
	}
	return fmt.Errorf("rule %s: %w", id, err)
}
