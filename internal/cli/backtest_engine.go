package cli

// cwpat backtest --engine athena|logs-insights: the rule set counted where
// the archive lives (package remote), then the local backtest's report.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/athena"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/backtest"
	"github.com/cwpat/cwpat/backtest/report"
	"github.com/cwpat/cwpat/query"
	"github.com/cwpat/cwpat/remote"
)

// engineFlags are backtest's flags for running remotely.
type engineFlags struct {
	engine          string
	database        string
	table           string
	workgroup       string
	outputLocation  string
	logGroup        string
	maxScannedBytes int64
	timeout         time.Duration
	poll            time.Duration
	aws             awsFlags
}

func addEngineFlags(cmd *cobra.Command, e *engineFlags) {
	f := cmd.Flags()
	f.StringVar(&e.engine, "engine", "local", "where to count matches: local (the files given), athena or logs-insights")
	f.StringVar(&e.database, "database", "", "athena: the database holding the CloudTrail table")
	f.StringVar(&e.table, "table", query.DefaultTable, "athena: the CloudTrail table (AWS's documented DDL with partition projection)")
	f.StringVar(&e.workgroup, "workgroup", "", "athena: the workgroup (default: Athena's primary)")
	f.StringVar(&e.outputLocation, "output-location", "", "athena: s3:// location for query results (default: the workgroup's)")
	f.StringVar(&e.logGroup, "log-group-name", "", "logs-insights: the log group CloudTrail delivers to")
	f.Int64Var(&e.maxScannedBytes, "max-scanned-bytes", 0, "athena: stop the query and fail once it has scanned more than this many bytes (0: no limit)")
	f.DurationVar(&e.timeout, "query-timeout", 30*time.Minute, "athena, logs-insights: stop a query that runs longer")
	f.DurationVar(&e.poll, "poll-interval", time.Second, "athena, logs-insights: wait between status checks")
	addAWSFlags(cmd, &e.aws)
}

// runEngineBacktest counts the rule set's matches with Athena or Logs
// Insights and prints the report the local backtest would.
func runEngineBacktest(app *App, cmd *cobra.Command, o *backtestOptions, e *engineFlags, args []string) error {
	if e.engine != "athena" && e.engine != "logs-insights" {
		return UsageFor(cmd, fmt.Errorf("--engine %q: want local, athena or logs-insights", e.engine))
	}
	if len(args) > 0 {
		return UsageFor(cmd, fmt.Errorf("--engine %s reads the archive where it is: give no PATH", e.engine))
	}
	if e.engine == "logs-insights" && e.logGroup == "" {
		return UsageFor(cmd, fmt.Errorf("--engine logs-insights needs --log-group-name"))
	}
	start, end, err := o.window.parse()
	if err != nil {
		return UsageFor(cmd, err)
	}
	if e.engine == "logs-insights" && (start.IsZero() || end.IsZero()) {
		return UsageFor(cmd, fmt.Errorf("--engine logs-insights needs --start-time and --end-time (Insights queries a time range)"))
	}
	set, err := loadRuleSet(app, o.rulesName, o.rulesFiles)
	if err != nil {
		return err
	}
	rules := backtest.RulesFrom(set)
	qrules := make([]query.Rule, len(rules))
	for i, r := range rules {
		qrules[i] = query.Rule{ID: r.ID, FilterPattern: r.FilterPattern}
	}
	if err := checkTranslations(app, e.engine, qrules); err != nil {
		return err
	}
	if e.aws.maxAttempts < 1 {
		return UsageFor(cmd, fmt.Errorf("--max-attempts must be at least 1"))
	}
	cfg, err := alarms.LoadConfig(app.Ctx, alarms.ClientOptions{Profile: e.aws.profile, Region: e.aws.region})
	if err != nil {
		return Usage("%v", err)
	}
	cfg.RetryMaxAttempts = e.aws.maxAttempts
	var base *string
	if e.aws.endpointURL != "" {
		base = aws.String(e.aws.endpointURL)
	}
	ctx, cancel := context.WithCancel(app.Ctx)
	defer cancel()
	var res *remote.Result
	if e.engine == "athena" {
		a := &remote.Athena{
			Client:   athena.NewFromConfig(cfg, func(op *athena.Options) { op.BaseEndpoint = base }),
			Database: e.database, WorkGroup: e.workgroup, OutputLocation: e.outputLocation,
			Poll: e.poll, Timeout: e.timeout, MaxScannedBytes: e.maxScannedBytes,
		}
		res, err = a.RunAthena(ctx, qrules, query.Options{Table: e.table, Start: start, End: end})
	} else {
		in := &remote.Insights{
			Client:       cloudwatchlogs.NewFromConfig(cfg, func(op *cloudwatchlogs.Options) { op.BaseEndpoint = base }),
			LogGroupName: e.logGroup, Poll: e.poll, Timeout: e.timeout,
		}
		res, err = in.RunInsights(ctx, qrules, start, end)
	}
	if err != nil {
		return Failed(err)
	}
	rep, err := remote.Report(rules, res)
	if err != nil {
		return Failed(err)
	}
	writeScanSummary(app, e.engine, res)
	warnBroken(app.Stderr, set, rep)
	return writeBacktestReport(app, o, set.Name, rep)
}

// checkTranslations refuses, before any query runs, a rule set with a rule
// the engine cannot translate exactly, and warns of the conditions the
// translations rest on.
func checkTranslations(app *App, engine string, rules []query.Rule) error {
	bad := 0
	for _, r := range rules {
		var conds []query.Condition
		var err error
		if engine == "athena" {
			_, conds, err = query.Predicate(query.Athena, r.FilterPattern)
		} else {
			_, conds, err = query.Insights(r.FilterPattern)
		}
		if err != nil {
			bad++
			fmt.Fprintf(app.Stderr, "error: %v\n", ruleError(err, r.ID))
			continue
		}
		for _, c := range conds {
			fmt.Fprintf(app.Stderr, "warning: rule %s: exact only if %s\n", r.ID, c)
		}
	}
	if bad > 0 {
		fmt.Fprintf(app.Stderr, "%d of %d rules have no exact %s translation; no query was run (disable them with a rule file, or backtest locally)\n", bad, len(rules), engine)
		return &ExitError{Code: ExitUsage}
	}
	return nil
}

// writeScanSummary tells, on stderr, what the engine read and what Athena
// bills for it.
func writeScanSummary(app *App, engine string, res *remote.Result) {
	if engine == "athena" {
		fmt.Fprintf(app.Stderr, "athena: scanned %d bytes in query %v: $%.6f at $%.2f per TB (10 MB minimum per query)\n",
			res.ScannedBytes, res.Queries, remote.AthenaCost(res.ScannedBytes), remote.AthenaPricePerTB)
		return
	}
	fmt.Fprintf(app.Stderr, "logs-insights: scanned %d bytes in %d queries\n", res.ScannedBytes, len(res.Queries))
}

// writeBacktestReport renders a report as the local backtest does.
func writeBacktestReport(app *App, o *backtestOptions, name string, rep *backtest.Report) error {
	if err := writeBacktestOutput(app, o, name, rep); err != nil {
		return err
	}
	if o.failOnAlarm && rep.Fired() {
		return Findings()
	}
	return nil
}

// writeBacktestOutput writes the --html page, if asked, and the report on
// stdout in the chosen format.
func writeBacktestOutput(app *App, o *backtestOptions, name string, rep *backtest.Report) error {
	if o.html != "" {
		var page bytes.Buffer
		if err := report.WriteHTML(&page, rep, report.HTMLOptions{Title: "cwpat backtest: " + name}); err != nil {
			return Failed(err)
		}
		if err := os.WriteFile(o.html, page.Bytes(), 0o644); err != nil {
			return Failed(fmt.Errorf("--html: %w", err))
		}
	}
	var err error
	switch o.out {
	case FormatJSON:
		err = app.WriteJSON(rep, "  ")
	default:
		err = report.WriteText(app.Stdout, rep, report.TextOptions{MaxTransitions: o.changes})
	}
	if err != nil {
		return Failed(err)
	}
	return nil
}
