package cli

import (
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/backtest"
	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/trail"
)

type backtestOptions struct {
	rulesName   string
	rulesFiles  []string
	out         Format
	html        string
	workers     int
	maxSize     int
	failOnAlarm bool
	stats       bool
	changes     int
	window      timeWindow
}

func newBacktestCmd(app *App) *cobra.Command {
	o := &backtestOptions{}
	e := &engineFlags{}
	cmd := &cobra.Command{
		Use:   "backtest [--rules SET] [PATH ...]",
		Short: "Replay CloudTrail archives through a rule set: what would have matched and alarmed",
		Long: `Replay CloudTrail records through every rule of a set as CloudWatch would
have: each rule's metric filter matches the records (CloudWatch Logs'
matching), its metric is summed per minute and into the alarm's period, and
its alarm is evaluated at every period with CloudWatch's rules (M of N
datapoints, the four ways of treating missing data), created when the
archive starts. The report lists per rule the events matched, the peak of the
metric, each alarm state change with CloudWatch's reason text and the time
spent in ALARM.

PATH may be any mix of files and directories in the shapes 'cwpat match'
reads (S3 {"Records":[...]} files, NDJSON, exports; gzip and others); '-'
reads stdin. Directories are read recursively; files are decompressed in
parallel and matched on every core. With no PATH, the bundled sample is
replayed: 3,214 real CloudTrail records from two public data sets (see
'cwpat backtest --sample-notice').

Output: a table on stdout (-o text), one JSON document (-o json) with every
datapoint and state change, and with --html FILE a self-contained HTML page
with a chart per rule against its threshold. Problems in the input go to
stderr with file and line; the rest is still read. Files a directory holds
that are not CloudTrail (a README, other JSON) and CloudTrail digest files
are skipped and counted in one line on stderr (-v names them), as 'cwpat
match' does. A progress bar is shown when stderr is a terminal.

Exit status: 0 when the archive was read cleanly, 1 with --fail-on-alarm
when an alarm would have fired, 2 when the input had errors or on a usage
error.`,
		Example: `  cwpat backtest --rules cis
  cwpat backtest --rules cis-1.2 --html report.html AWSLogs/123456789012/CloudTrail/
  cwpat backtest --rules my-rules.yaml -o json archive.json.gz > report.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if e.engine != "local" {
				return runEngineBacktest(app, cmd, o, e, args)
			}
			return runBacktest(app, cmd, o, e.aws.verbose, args)
		},
	}
	f := cmd.Flags()
	addRuleSetFlags(cmd, &o.rulesName, &o.rulesFiles, "cis")
	addOutputFlag(cmd, &o.out, FormatText, FormatJSON)
	f.StringVar(&o.html, "html", "", "also write a self-contained HTML report (inline CSS and SVG charts) to FILE")
	f.IntVar(&o.workers, "workers", 0, "matcher goroutines (default: one per CPU)")
	f.IntVar(&o.maxSize, "max-event-size", trail.DefaultMaxEventSize, "skip records larger than this many bytes (CloudTrail sends none over 256 KB to CloudWatch Logs)")
	f.BoolVar(&o.failOnAlarm, "fail-on-alarm", false, "exit 1 when any alarm would have gone to ALARM")
	f.BoolVar(&o.stats, "stats", false, "print records, bytes, time and throughput on stderr")
	f.IntVar(&o.changes, "max-changes", 20, "state changes listed per rule in the text report (-o json lists all)")
	addTimeWindowFlags(cmd, &o.window)
	addEngineFlags(cmd, e)
	f.Lookup("verbose").Usage = "name each file skipped in a directory because it is not CloudTrail; with --engine, also show the AWS SDK's own log lines"
	f.Bool("sample-notice", false, "print the origin and licenses of the bundled sample records and exit")
	return cmd
}

func runBacktest(app *App, cmd *cobra.Command, o *backtestOptions, verbose bool, args []string) error {
	if show, _ := cmd.Flags().GetBool("sample-notice"); show {
		_, err := fmt.Fprint(app.Stdout, backtest.SampleNotice())
		return err
	}
	if o.workers < 0 {
		return UsageFor(cmd, fmt.Errorf("--workers must be at least 1"))
	}
	start, end, err := o.window.parse()
	if err != nil {
		return UsageFor(cmd, err)
	}
	set, err := loadRuleSet(app, o.rulesName, o.rulesFiles)
	if err != nil {
		return err
	}
	problems := &inputProblems{app: app, verbose: verbose}
	srcs, sized := slices.Values(backtest.Sample()), slices.Values(backtest.Sample())
	if len(args) > 0 {
		// Walked as read, never listed: a tree of any number of files.
		srcs = problems.expand(args, app.Stdin)
		sized = trail.Walk(args, nil, nil) // walked once more, silently, for the progress bar's total
	}
	opt := backtest.Options{Workers: o.workers, Readers: o.workers, MaxEventSize: o.maxSize, OnProblem: problems.report,
		Start: start, End: end}
	var bar *progressbar.ProgressBar
	if app.StderrIsTerminal {
		bar = newProgressBar(app, sized)
		opt.OnProgress = func(n int64) { _ = bar.Add64(n) }
		opt.OnProblem = func(d diag.Diagnostic) { _ = bar.Clear(); problems.report(d) }
	}
	rep, err := backtest.RunSeq(app.Ctx, backtest.RulesFrom(set), srcs, opt)
	if bar != nil {
		_ = bar.Finish()
	}
	if err != nil {
		return Failed(err)
	}
	if o.stats {
		writeStats(app, rep)
	}
	warnBroken(app.Stderr, set, rep)
	if err := writeBacktestOutput(app, o, set.Name, rep); err != nil {
		return err
	}
	problems.summary(rep.Stats.DigestFiles)
	if err := problems.exit(); err != nil {
		return err
	}
	if o.failOnAlarm && rep.Fired() {
		return Findings()
	}
	return nil
}

// newProgressBar shows bytes read against the sources' total size on stderr.
func newProgressBar(app *App, srcs iter.Seq[trail.Source]) *progressbar.ProgressBar {
	total := int64(0)
	for s := range srcs {
		if s.Size < 0 {
			total = -1
			break
		}
		total += s.Size
	}
	return progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(app.Stderr),
		progressbar.OptionSetDescription("replaying"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetPredictTime(true),
	)
}

// writeStats prints what was read and how fast, on stderr.
func writeStats(app *App, rep *backtest.Report) {
	s, secs := rep.Stats, rep.Elapsed.Seconds()
	if secs <= 0 {
		secs = 1e-9
	}
	fmt.Fprintf(app.Stderr, "read %d records (%d bytes, %d compressed) from %d files in %s: %.0f records/s, %.1f MB/s decompressed, %.1f MB/s compressed\n",
		s.Records, s.Bytes, s.CompressedBytes, s.Files, rep.Elapsed.Round(time.Millisecond),
		float64(s.Records)/secs, float64(s.Bytes)/secs/1e6, float64(s.CompressedBytes)/secs/1e6)
}
