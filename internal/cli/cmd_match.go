package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"sync/atomic"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/backtest"
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
	out        Format
	verbose    bool
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
any rule matches it, after the ids of the rules that match it, as grep puts a
file name before a line ("id,id:{...}"); with -o json each line is
{"rules":["id",...],"record":{...}} (NDJSON). --rules-file applies rule files
on top of the set.

--count prints only counts: the number of matching records for
--filter-pattern; for --rules a JSON object {"<rule id>": count} listing every
rule of the set, zeros included, in the set's order.

Problems in the input (a truncated archive, a line that is not JSON) are
reported on stderr with file and line, and the rest is still read. Files a
directory holds that are not CloudTrail (a README, other JSON) and CloudTrail
digest files are skipped and counted in one line on stderr (-v names them); a
FILE named on the command line that is not CloudTrail is an error. Files, and
each single file or stream, are read on every core. Exit status, as grep's:
0 when a record matched, 1 when none did, 2 when the input had errors (the
results printed are from the records that could be read) or on a usage
error.`,
		Example: `  cwpat match --filter-pattern '{ $.eventName = "ConsoleLogin" && $.errorMessage = "Failed authentication" }' trail/
  zcat 123456789012_CloudTrail_us-east-1_*.json.gz | cwpat match --rules cis
  cwpat match --rules cis --count AWSLogs/
  cwpat match --rules cis -o json AWSLogs/ | jq -r '.rules[]' | sort | uniq -c`,
		RunE: func(cmd *cobra.Command, args []string) error { return runMatch(app, cmd, o, args) },
	}
	f := cmd.Flags()
	f.StringVar(&o.pattern, "filter-pattern", "", "filter pattern to match (file://path reads it from a file)")
	addRuleSetFlags(cmd, &o.rulesName, &o.rulesFiles, "")
	f.BoolVar(&o.count, "count", false, "print only the number of matching records (per rule with --rules)")
	f.IntVar(&o.maxSize, "max-event-size", trail.DefaultMaxEventSize, "skip records larger than this many bytes (CloudTrail sends none over 256 KB to CloudWatch Logs)")
	addTimeWindowFlags(cmd, &o.window)
	addOutputFlag(cmd, &o.out, FormatText, FormatJSON)
	f.BoolVarP(&o.verbose, "verbose", "v", false, "name each file skipped in a directory because it is not CloudTrail")
	return cmd
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
	var render func() trail.RenderFunc // one per worker: a Set needs scratch
	var ids []string
	var btRules []backtest.Rule // what --count replays on every core
	matched := &matchCounter{}
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
		render = func() trail.RenderFunc { return matched.records(m.Match) }
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
		render = func() trail.RenderFunc { return matched.withRules(ps, ids, o.out) }
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	problems := &inputProblems{app: app, verbose: o.verbose}
	srcs := problems.expand(args, app.Stdin)
	if o.count {
		return countMatches(app, btRules, ids, srcs, problems, backtest.Options{
			MaxEventSize: o.maxSize, OnProblem: problems.report, Start: start, End: end})
	}
	inWindow := func(r *trail.Record) bool {
		return (start.IsZero() || !r.Time.Before(start)) && (end.IsZero() || r.Time.Before(end))
	}
	rd := &trail.Reader{OnProblem: problems.report, MaxEventSize: o.maxSize}
	stats, err := rd.Render(app.Ctx, srcs, trail.ParallelOptions{}, func() trail.RenderFunc {
		f := render()
		return func(dst []byte, r *trail.Record) []byte {
			if !inWindow(r) {
				return dst
			}
			return f(dst, r)
		}
	}, app.Stdout)
	if err != nil {
		return Failed(err)
	}
	problems.summary(stats.DigestFiles)
	if err := problems.exit(); err != nil {
		return err
	}
	if matched.n.Load() == 0 {
		return Findings() // like grep: nothing matched
	}
	return nil
}

// matchCounter counts the records printed, across workers.
type matchCounter struct{ n atomic.Int64 }

// records prints each record match accepts, as it is.
func (c *matchCounter) records(match func([]byte) bool) trail.RenderFunc {
	return func(dst []byte, r *trail.Record) []byte {
		if !match(r.Message) {
			return dst
		}
		c.n.Add(1)
		return append(append(dst, r.Message...), '\n')
	}
}

// withRules prints each record any rule of set matches, saying which: text
// puts the rule ids before the record as grep puts a file name
// ("id,id:{...}"), json wraps it as {"rules":[...],"record":{...}}.
func (c *matchCounter) withRules(set *pattern.Set, ids []string, out Format) trail.RenderFunc {
	matched := make([]bool, set.Len())
	quoted := make([][]byte, len(ids))
	for i, id := range ids {
		quoted[i], _ = json.Marshal(id)
	}
	return func(dst []byte, r *trail.Record) []byte {
		if set.Match(r.Message, matched) == 0 {
			return dst
		}
		c.n.Add(1)
		if out == FormatJSON {
			dst = append(dst, `{"rules":[`...)
		}
		first := true
		for i, ok := range matched {
			if !ok {
				continue
			}
			if !first {
				dst = append(dst, ',')
			}
			first = false
			if out == FormatJSON {
				dst = append(dst, quoted[i]...)
			} else {
				dst = append(dst, ids[i]...)
			}
		}
		if out == FormatJSON {
			dst = append(dst, `],"record":`...)
			return append(append(dst, r.Message...), "}\n"...)
		}
		return append(append(append(dst, ':'), r.Message...), '\n')
	}
}

// countMatches counts with the backtest pipeline: order does not matter for
// counts, so every core decompresses and matches. ids is nil for a single
// --filter-pattern. Like grep -c, it exits 1 when nothing matched.
func countMatches(app *App, rs []backtest.Rule, ids []string, srcs []trail.Source, problems *inputProblems, opt backtest.Options) error {
	rep, err := backtest.Run(app.Ctx, rs, srcs, opt)
	if err != nil {
		return Failed(err)
	}
	out := bufio.NewWriter(app.Stdout)
	total := int64(0)
	counts := make([]int64, len(rep.Rules))
	for i := range rep.Rules {
		counts[i] = rep.Rules[i].Matched
		total += counts[i]
	}
	if ids == nil {
		fmt.Fprintln(out, counts[0])
	} else {
		writeCounts(out, ids, counts)
	}
	if err := out.Flush(); err != nil {
		return Failed(err)
	}
	problems.summary(rep.Stats.DigestFiles)
	if err := problems.exit(); err != nil {
		return err
	}
	if total == 0 {
		return Findings()
	}
	return nil
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
