package cli

import (
	"fmt"
	"regexp"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/rules/ruletest"
)

type testOptions struct {
	output  Format
	base    string
	verbose bool
	run     string
}

func newTestCmd(app *App) *cobra.Command {
	o := &testOptions{}
	cmd := &cobra.Command{
		Use:   "test [PATH...]",
		Short: "Check rules against their example CloudTrail events and alarm tests over time",
		Long: `Check that rules do what they claim: each rule's pattern against its example
CloudTrail events, and its alarm against timed tests. Each failed check is
printed with where and why, and the run ends with PASS n/N (and FAIL n/N).

With no PATH it tests everything cwpat ships: every built-in rule's example
CloudTrail records (must match, must not match, documented false positives and
negatives) and the alarm tests over time, and checks that every rule has one.

With PATHs it tests your files (directories are searched for *.yaml/*.yml):
rule files (a top-level rules:, extends: or set: key) are loaded together (on
top of --rules, if given) and their examples checked; files with a top-level
"tests:" key are alarm test files. Other YAML files found in directories
(CloudFormation templates, CI workflows, manifests) are skipped; -v says which.

  ruleFiles: [rules.yaml]          # or set: cis
  tests:
    - name: ten refused calls fire the alarm
      rules: [unauthorized-api-calls]
      events:
        - {at: 0s+30sx9, example: ec2-unauthorized-operation-invictus}
      expect:
        - {at: 5m, alarms: [unauthorized-api-calls], metrics: {unauthorized-api-calls: 10}}
        - {at: 30m, alarms: []}   # an empty list: none firing

Exit status: 0 all passed, 1 a check failed, 2 a file could not be loaded.`,
		Example: `  cwpat test
  cwpat test -v --run root-usage
  cwpat test --rules cis my-overrides.yaml alarms_test.yaml
  cwpat test -o junit rules/ > report.xml
  cwpat test -o gitlab rules/ > gl-code-quality-report.json`,
		RunE: func(cmd *cobra.Command, args []string) error { return runTest(app, o, args) },
	}
	addOutputFlag(cmd, &o.output, FormatText, FormatJSON, FormatJUnit, FormatGitHub, FormatGitLab)
	f := cmd.Flags()
	f.StringVar(&o.base, "rules", "", "built-in rule set your rule files extend when they do not say (cis, cis-1.2 ... recommended)")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "list passing checks and their notes too, and the files skipped in directories")
	f.StringVar(&o.run, "run", "", "only checks whose \"suite: name\" matches this regular expression")
	return cmd
}

func runTest(app *App, o *testOptions, paths []string) error {
	var filter *regexp.Regexp
	if o.run != "" {
		re, err := regexp.Compile(o.run)
		if err != nil {
			return Usage("--run: %v", err)
		}
		filter = re
	}
	if o.base != "" && !isBuiltinSet(o.base) {
		return Usage("--rules: no built-in rule set %q", o.base)
	}
	var results []ruletest.Result
	if len(paths) == 0 {
		results = ruletest.RunBuiltin()
	} else {
		found := ruletest.Discover(paths...)
		if o.verbose {
			for _, s := range found.Skipped {
				fmt.Fprintf(app.Stderr, "cwpat: skipped %s: %s\n", s.File, s.Reason)
			}
		}
		results = found.Run(o.base)
	}
	if filter != nil {
		kept := results[:0]
		for _, r := range results {
			if r.Kind == ruletest.KindLoad || filter.MatchString(r.Suite+": "+r.Name) {
				kept = append(kept, r)
			}
		}
		results = kept
	}
	loadFailed := false
	report := results
	if o.output == FormatText {
		report = nil
		for _, r := range results {
			if r.Kind != ruletest.KindLoad {
				report = append(report, r)
				continue
			}
			loadFailed = true
			l := r.Diagnostics
			if len(l) == 0 {
				l = diag.List{{Code: "load-failed", Severity: diag.Error, Pos: r.Pos, Message: r.Message}}
			}
			_ = diag.WriteText(app.Stderr, l, diag.TextOptions{Color: app.Color(app.StderrIsTerminal)})
		}
	} else {
		for _, r := range results {
			loadFailed = loadFailed || r.Kind == ruletest.KindLoad
		}
	}
	rep, err := ruletest.NewReporter(string(o.output), app.Stdout, ruletest.Options{
		Verbose: o.verbose, Color: app.Color(app.StdoutIsTerminal)})
	if err != nil {
		return Usage("%v", err)
	}
	if len(report) > 0 || o.output != FormatText || !loadFailed {
		if err := rep.Report(report); err != nil {
			return Failed(fmt.Errorf("writing the report: %w", err))
		}
	}
	switch {
	case loadFailed:
		return &ExitError{Code: ExitUsage}
	case ruletest.Failed(results):
		return Findings()
	case len(results) == 0 && filter != nil:
		return Usage("--run %q matched no checks", o.run)
	}
	return nil
}
