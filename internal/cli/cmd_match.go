package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/backtest"
	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
	"github.com/cwpat/cwpat/trail"
)

type matchOptions struct {
	pattern    string
	rulesName  string
	rulesFiles []string
	count      bool
	maxSize    int
	window     timeWindow
}

func newMatchCmd(app *App) *cobra.Command {
	o := &matchOptions{}
	cmd := &cobra.Command{
		Use:   "match (--filter-pattern PATTERN | --rules SET) [FILE ...]",
		Short: "Print the CloudTrail records a filter pattern or a rule set matches",
		Long: `Read CloudTrail records and print those that match, one per line, as the
compact JSON log event CloudTrail delivers to CloudWatch Logs, in input order.
Matching is CloudWatch Logs' own: a record printed here is a record a metric
filter with this pattern counts.

FILE may be NDJSON, a {"Records":[...]} file as CloudTrail delivers it to S3
(compact or pretty-printed), a JSON array, 'aws cloudtrail lookup-events'
output or a CloudWatch Logs export, each plain or gzip/zstd/bzip2-compressed
(detected by content, not name); a directory is read recursively in name
order; '-' or no FILE reads stdin.

--rules takes a built-in rule set (cis, cis-1.2 ... cis-5.0, securityhub,
recommended, ...) or a rule file or directory; a record is printed once when
any rule matches it. --rules-file applies rule files on top of the set.

--count prints only counts: the number of matching records for
--filter-pattern; for --rules a JSON object {"<rule id>": count} listing every
rule of the set, zeros included, in the set's order.

Problems in the input (a truncated archive, a line that is not JSON, a file
that is not CloudTrail) are reported on stderr with file and line, and the
rest is still read. Exit status: 0 when the input was read cleanly (matches or
not), 2 when it was not or on a usage error.`,
		Example: `  cwpat match --filter-pattern '{ $.eventName = "ConsoleLogin" && $.errorMessage = "Failed authentication" }' trail/
  zcat 123456789012_CloudTrail_us-east-1_*.json.gz | cwpat match --rules cis
  cwpat match --rules cis --count AWSLogs/`,
		RunE: func(cmd *cobra.Command, args []string) error { return runMatch(app, cmd, o, args) },
	}
	f := cmd.Flags()
	f.StringVar(&o.pattern, "filter-pattern", "", "filter pattern to match (file://path reads it from a file)")
	addRuleSetFlags(cmd, &o.rulesName, &o.rulesFiles, "")
	f.BoolVar(&o.count, "count", false, "print only the number of matching records (per rule with --rules)")
	f.IntVar(&o.maxSize, "max-event-size", trail.DefaultMaxEventSize, "skip records larger than this many bytes (CloudTrail sends none over 256 KB to CloudWatch Logs)")
	addTimeWindowFlags(cmd, &o.window)
	return cmd
}

// inputProblems prints input diagnostics on stderr as they come and
// remembers whether any was an error.
type inputProblems struct {
	app    *App
	mu     sync.Mutex
	errors int
}

func (p *inputProblems) report(d diag.Diagnostic) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if d.Severity == diag.Error {
		p.errors++
	}
	_ = diag.WriteText(p.app.Stderr, diag.List{d}, diag.TextOptions{Color: p.app.Color(p.app.StderrIsTerminal)})
}

// exit is the error a command returns after reading: exit 2 when the input
// had errors, so scripts notice that results may be incomplete.
func (p *inputProblems) exit() error {
	if p.errors == 0 {
		return nil
	}
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf("%s in the input; the results above are from the records that could be read", plural(p.errors, "error"))}
}

func runMatch(app *App, cmd *cobra.Command, o *matchOptions, args []string) error {
	hasPattern := cmd.Flags().Changed("filter-pattern")
	switch {
	case hasPattern && o.rulesName != "":
		return UsageFor(cmd, fmt.Errorf("--filter-pattern and --rules cannot be combined"))
	case !hasPattern && o.rulesName == "":
		return UsageFor(cmd, fmt.Errorf("give --filter-pattern PATTERN or --rules SET"))
	}
	if len(o.rulesFiles) > 0 && o.rulesName == "" {
		return UsageFor(cmd, fmt.Errorf("--rules-file needs --rules (the set it applies on top of)"))
	}
	start, end, err := o.window.parse()
	if err != nil {
		return UsageFor(cmd, err)
	}
	var newMatcher func() func([]byte) bool // one per goroutine: a Set needs scratch
	var ids []string
	var btRules []backtest.Rule // what --count replays on every core
	if o.rulesName == "" {
		src, file, ok, err := readParamFile("--filter-pattern", o.pattern)
		if err != nil {
			return Usage("%v", err)
		}
		if !ok {
			src = o.pattern
		}
		m, err := pattern.Compile(src)
		if err != nil {
			return awsPatternError(app, src, file, err)
		}
		newMatcher = func() func([]byte) bool { return m.Match }
		btRules = []backtest.Rule{{ID: "--filter-pattern", FilterPattern: src,
			MetricTransformation: pattern.MetricTransformation{MetricName: "matches", MetricNamespace: "cwpat", MetricValue: "1"}}}
	} else {
		set, err := loadRuleSet(app, o.rulesName, o.rulesFiles)
		if err != nil {
			return err
		}
		ps, err := pattern.CompileSet(set.Patterns())
		if err != nil {
			return Failed(fmt.Errorf("rule set %s: %w", set.Name, err))
		}
		ids = set.IDs()
		btRules = backtest.RulesFrom(set)
		newMatcher = func() func([]byte) bool {
			matched := make([]bool, ps.Len())
			return func(msg []byte) bool { return ps.Match(msg, matched) > 0 }
		}
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	problems := &inputProblems{app: app}
	srcs := trail.Expand(args, app.Stdin, problems.report)
	if o.count {
		return countMatches(app, btRules, ids, srcs, problems, backtest.Options{
			MaxEventSize: o.maxSize, OnProblem: problems.report, Start: start, End: end})
	}
	rd := &trail.Reader{OnProblem: problems.report, MaxEventSize: o.maxSize}
	keep := func(r *trail.Record) bool {
		return (start.IsZero() || !r.Time.Before(start)) && (end.IsZero() || r.Time.Before(end))
	}
	if err := printMatches(app, rd, srcs, newMatcher, keep); err != nil {
		return Failed(err)
	}
	return problems.exit()
}

// printMatches writes the matching records of srcs to stdout in input
// order while reading several sources at once: each reader goroutine takes
// the next source, decompresses and matches it, and queues its matches on
// that source's own short channel; the writer drains the channels in
// source order, so a reader ahead of the writer waits (memory stays
// bounded) and the output is the same as a sequential read.
func printMatches(app *App, rd *trail.Reader, srcs []trail.Source, newMatcher func() func([]byte) bool, keep func(*trail.Record) bool) error {
	const chunk = 256 << 10
	queues := make([]chan []byte, len(srcs))
	for i := range queues {
		queues[i] = make(chan []byte, 4)
	}
	ctx, cancel := context.WithCancel(app.Ctx)
	defer cancel()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(srcs)) {
		wg.Go(func() {
			match := newMatcher()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(srcs) {
					return
				}
				var buf []byte
				_, _ = rd.Read(srcs[i], func(r *trail.Record) error {
					if keep(r) && match(r.Message) {
						buf = append(append(buf, r.Message...), '\n')
						if len(buf) >= chunk {
							select {
							case queues[i] <- buf:
							case <-ctx.Done():
								return ctx.Err()
							}
							buf = nil
						}
					}
					return ctx.Err()
				})
				if len(buf) > 0 {
					select {
					case queues[i] <- buf:
					case <-ctx.Done():
					}
				}
				close(queues[i])
			}
		})
	}
	var werr error
	for _, q := range queues {
		for b := range q {
			if werr == nil {
				if _, werr = app.Stdout.Write(b); werr != nil {
					cancel() // stdout closed (a pipe into head): stop reading
				}
			}
		}
	}
	wg.Wait()
	if werr != nil {
		return werr
	}
	return app.Ctx.Err()
}

// countMatches counts with the backtest pipeline: order does not matter for
// counts, so every core decompresses and matches. ids is nil for a single
// --filter-pattern.
func countMatches(app *App, rs []backtest.Rule, ids []string, srcs []trail.Source, problems *inputProblems, opt backtest.Options) error {
	rep, err := backtest.Run(app.Ctx, rs, srcs, opt)
	if err != nil {
		return Failed(err)
	}
	out := bufio.NewWriter(app.Stdout)
	if ids == nil {
		fmt.Fprintln(out, rep.Rules[0].Matched)
	} else {
		counts := make([]int64, len(rep.Rules))
		for i := range rep.Rules {
			counts[i] = rep.Rules[i].Matched
		}
		writeCounts(out, ids, counts)
	}
	if err := out.Flush(); err != nil {
		return Failed(err)
	}
	return problems.exit()
}

// writeCounts writes {"id": n, ...} in the rule set's order, one rule per
// line, so it reads well and diffs well.
func writeCounts(w *bufio.Writer, ids []string, counts []int64) {
	w.WriteString("{")
	for i, id := range ids {
		if i > 0 {
			w.WriteString(",")
		}
		key, _ := json.Marshal(id)
		fmt.Fprintf(w, "\n  %s: %d", key, counts[i])
	}
	w.WriteString("\n}\n")
}
