package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/diag"
	lintdocs "github.com/cwpat/cwpat/docs/lint"
	"github.com/cwpat/cwpat/lint"
	"github.com/cwpat/cwpat/pattern"
)

// lintDocsURL is where each lint code's page (Avoid / Prefer / Why) lives.
const lintDocsURL = projectURL + "/blob/main/docs/lint/"

func newLintCmd(app *App) *cobra.Command {
	var (
		out       Format
		policy    FailPolicy
		fileType  string
		disabled  []string
		exclude   []string
		stdinName string
		listCodes bool
		explain   string
		quiet     bool
		config    string
		noConfig  bool
	)
	cmd := &cobra.Command{
		Use:   "lint [PATH ...]",
		Short: "Check filter patterns in rule files, CloudFormation, Terraform and pattern files",
		Long: `Find CloudWatch Logs filter patterns wherever they are kept and check them:
  - cwpat rule files (YAML with a rules list)
  - CloudFormation templates in YAML or JSON: AWS::Logs::MetricFilter (FilterPattern
    and MetricTransformations) and AWS::Logs::SubscriptionFilter, including !Sub,
    Fn::Join and every YAML quoting style; SAM CloudWatchLogs event sources
  - Serverless Framework services (serverless.yml): cloudwatchLog event filters
  - Terraform (*.tf, *.tf.json): aws_cloudwatch_log_metric_filter and
    aws_cloudwatch_log_subscription_filter, heredocs included; locals and for_each
    written out in the same file are followed
  - plain pattern files (*.pattern, *.patterns; one pattern a line, # comments)
Directories are walked (hidden folders, node_modules and .terraform are skipped);
"-" reads standard input. With no PATH, the current directory is linted.

Reports everything AWS would refuse, pitfalls it accepts silently (a != on a field
that can be missing, ?terms it ignores, selectors CloudTrail records never contain)
and what only the whole file shows (metric values naming fields the pattern does
not select, two alarms on one metric). Every finding has a stable code documented
in docs/lint/<code>.md.

A "# cwpat:ignore [CODE ...]" comment at the end of a line, or alone on the line
before it, silences findings on that line. A .cwpat.yaml in the current folder or
a folder above it sets excludes, disabled codes and severity overrides for every run:

  lint:
    exclude: [testdata]
    disable: [metric-without-alarm]
    severity: {ne-missing-field: error}

Findings and the summary line go to stdout (as cfn-lint and tflint print them).
Only regular files are read, each up to 8 MiB; symlinks to directories, devices
and named pipes found while walking are skipped and named on stderr.

Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage errors or files
that could not be read or parsed.`,
		Example: `  cwpat lint .
  cwpat lint templates/cis.yaml infra/*.tf
  cwpat lint -o sarif . > lint.sarif
  cwpat lint -o gitlab . > gl-code-quality-report.json
  cwpat lint --explain ne-missing-field
  cwpat lint --fail-on warning --disable metric-without-alarm --exclude testdata .
  echo '{ $.eventName = ConsoleLogin' | cwpat lint -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if listCodes {
				return writeLintCodes(app, out)
			}
			if explain != "" {
				page, ok := lintdocs.Page(explain)
				if !ok {
					return Usage("no lint code %q (cwpat lint --list-codes lists lint's own codes)", explain)
				}
				fmt.Fprint(app.Stdout, page)
				return nil
			}
			typ, err := lint.ParseFileType(fileType)
			if err != nil {
				return Usage("%v", err)
			}
			if len(args) == 0 {
				args = []string{"."}
			}
			cfg, err := lintConfig(config, noConfig)
			if err != nil {
				return &ExitError{Code: ExitUsage, Err: err}
			}
			off := map[string]bool{}
			for _, d := range disabled {
				for _, c := range strings.Split(d, ",") {
					if c = strings.TrimSpace(c); c != "" {
						off[c] = true
					}
				}
			}
			if cfg != nil {
				exclude = append(cfg.Exclude, exclude...)
			}
			r := lint.Lint(args, lint.Options{Type: typ, Stdin: app.Stdin, StdinName: stdinName, Exclude: exclude})
			var l diag.List
			for _, d := range cfg.Apply(r.Diagnostics) {
				if !off[d.Code] {
					l = append(l, d)
				}
			}
			opt := app.FormatOptions(r.Inputs, policy)
			opt.Rules = lintRuleInfo
			for _, s := range r.Skipped {
				opt.Skipped = append(opt.Skipped, diag.Skipped{File: s.Name, Reason: s.Reason})
			}
			writeSkipped(app, r.Skipped)
			if out == FormatText {
				// Findings are lint's results: stdout, as cfn-lint, tflint and checkov print them.
				if err := diag.WriteText(app.Stdout, l, diag.TextOptions{Color: app.Color(app.StdoutIsTerminal)}); err != nil {
					return Failed(err)
				}
				if !quiet {
					s := diag.Summarize(l, opt)
					fmt.Fprintf(app.Stdout, "%s (%s checked)\n", SummaryLine(s), plural(r.Patterns, "pattern"))
				}
			} else if err := app.Report(out, l, opt); err != nil {
				return Failed(err)
			}
			if r.InputErrors > 0 {
				return &ExitError{Code: ExitUsage}
			}
			return policy.Exit(l)
		},
	}
	addOutputFlag(cmd, &out, DiagnosticFormats...)
	addFailFlags(cmd, &policy)
	addDeprecatedAlias(cmd, "fail-level", "fail-on", severityValue{&policy.FailOn})
	cmd.Flags().StringVar(&fileType, "type", "", "read every file as this type: cloudformation, terraform, rules or patterns (default: by extension and content)")
	cmd.Flags().StringSliceVar(&disabled, "disable", nil, "codes to leave out of the report (comma-separated or repeated)")
	cmd.Flags().StringArrayVar(&exclude, "exclude", nil, "skip files and directories matching this glob while walking (repeatable), e.g. testdata or '*.generated.yaml'")
	cmd.Flags().StringVar(&stdinName, "stdin-filename", "", "name standard input (\"-\") in findings and pick its type by this name's extension, as editors do")
	cmd.Flags().BoolVar(&listCodes, "list-codes", false, "list lint's own codes with their severity and exit")
	cmd.Flags().StringVar(&explain, "explain", "", "print the page for a code (Avoid / Prefer / Why) and exit")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no summary line after a text report")
	cmd.Flags().StringVar(&config, "config", "", "read this configuration file (default: .cwpat.yaml in the current folder or the nearest folder above)")
	cmd.Flags().BoolVar(&noConfig, "no-config", false, "read no configuration file")
	return cmd
}

// lintConfig reads the project configuration: the file named, or the
// nearest .cwpat.yaml upward from the current folder; nil when there is none.
func lintConfig(path string, none bool) (*lint.Config, error) {
	if none {
		return nil, nil
	}
	if path == "" {
		if path = lint.FindConfig("."); path == "" {
			return nil, nil
		}
	}
	return lint.LoadConfig(path)
}

// lintRuleInfo describes a code for SARIF: its one-line meaning (lint's
// own codes and the pattern package's) and its documentation page.
func lintRuleInfo(code string) (diag.RuleInfo, bool) {
	info := diag.RuleInfo{HelpURI: lintDocsURL + code + ".md"}
	for _, c := range lint.Codes() {
		if c.Name == code {
			info.ShortDescription = c.Summary
		}
	}
	for _, c := range pattern.Codes {
		if c.Code == code && info.ShortDescription == "" {
			info.ShortDescription = c.Summary
		}
	}
	return info, true
}

// writeLintCodes prints lint's own codes: a table, or JSON with -o json.
func writeLintCodes(app *App, out Format) error {
	codes := lint.Codes()
	sort.Slice(codes, func(i, j int) bool { return codes[i].Name < codes[j].Name })
	if out == FormatJSON {
		type row struct {
			Code     string `json:"code"`
			Severity string `json:"severity"`
			Summary  string `json:"summary"`
			Docs     string `json:"docs"`
		}
		rows := make([]row, 0, len(codes))
		for _, c := range codes {
			rows = append(rows, row{c.Name, c.Severity.String(), c.Summary, lintDocsURL + c.Name + ".md"})
		}
		return app.WriteJSON(rows, "  ")
	}
	if out != FormatText {
		return Usage("--list-codes prints text or json, not %s", out)
	}
	for _, c := range codes {
		fmt.Fprintf(app.Stdout, "%-30s %-8s %s\n", c.Name, c.Severity, c.Summary)
	}
	return nil
}

// writeSkipped says on stderr which files a directory walk did not read.
func writeSkipped(app *App, skipped []lint.Skipped) {
	for _, s := range skipped {
		fmt.Fprintf(app.Stderr, "cwpat: skipped %s: %s\n", s.Name, s.Reason)
	}
}
