package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cwpat/cwpat/diag"
)

// Format is an output format chosen with -o/--output, as with `aws --output`.
type Format string

// The output formats. Text is for people; the others are machine formats
// that put exactly one document on stdout.
const (
	FormatText   Format = "text"
	FormatJSON   Format = "json"
	FormatSARIF  Format = "sarif"  // SARIF 2.1.0, for code scanning
	FormatJUnit  Format = "junit"  // JUnit XML, for CI test reports
	FormatGitHub Format = "github" // GitHub Actions annotations
	FormatGitLab Format = "gitlab" // GitLab Code Quality report
	FormatYAML   Format = "yaml"   // YAML, for CloudFormation templates
)

// DiagnosticFormats are the formats every command that reports diagnostics
// should accept.
var DiagnosticFormats = []Format{FormatText, FormatJSON, FormatSARIF, FormatJUnit, FormatGitHub, FormatGitLab}

// IsMachine reports whether f is read by programs rather than people.
func (f Format) IsMachine() bool { return f != FormatText }

// formatValue is the pflag.Value behind -o: it refuses formats the command
// does not support while the command line is parsed, so the error is a usage
// error that lists what is allowed.
type formatValue struct {
	f       *Format
	allowed []Format
}

// String, Type and Set implement pflag.Value.
func (v *formatValue) String() string { return string(*v.f) }
func (v *formatValue) Type() string   { return "format" }
func (v *formatValue) Set(s string) error {
	for _, a := range v.allowed {
		if strings.EqualFold(s, string(a)) {
			*v.f = a
			return nil
		}
	}
	return fmt.Errorf("unknown output format %q (want %s)", s, joinFormats(v.allowed))
}

func joinFormats(fs []Format) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = string(f)
	}
	return strings.Join(s, ", ")
}

// addOutputFlag defines -o/--output on cmd. It stores the choice in *f and
// accepts only the allowed formats; the first is the default.
func addOutputFlag(cmd *cobra.Command, f *Format, allowed ...Format) {
	if len(allowed) == 0 {
		panic("cli: addOutputFlag needs at least one format")
	}
	*f = allowed[0]
	cmd.Flags().VarP(&formatValue{f: f, allowed: allowed}, "output", "o",
		"output format: "+joinFormats(allowed))
	_ = cmd.RegisterFlagCompletionFunc("output", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		s := make([]string, len(allowed))
		for i, a := range allowed {
			s[i] = string(a)
		}
		return s, cobra.ShellCompDirectiveNoFileComp
	})
}

// severityValue is the pflag.Value behind --fail-on.
type severityValue struct{ s *diag.Severity }

// String, Type and Set implement pflag.Value.
func (v severityValue) String() string { return v.s.String() }
func (v severityValue) Type() string   { return "severity" }
func (v severityValue) Set(s string) error {
	sev, err := diag.ParseSeverity(s)
	if err != nil {
		return err
	}
	*v.s = sev
	return nil
}

// FailPolicy decides when findings make a command exit 1.
type FailPolicy struct {
	FailOn diag.Severity // least severe severity that fails the run
	NoFail bool          // report, but exit 0 whatever was found
}

// addFailFlags defines --fail-on and --no-fail on cmd.
func addFailFlags(cmd *cobra.Command, p *FailPolicy) {
	p.FailOn = diag.Error
	cmd.Flags().Var(severityValue{&p.FailOn}, "fail-on", "exit 1 when a finding is at least this severe: error, warning or info")
	cmd.Flags().BoolVar(&p.NoFail, "no-fail", false, "report findings but exit 0")
}

// Exit returns Findings() when l should fail the run under p, nil otherwise.
func (p FailPolicy) Exit(l diag.List) error {
	if p.NoFail {
		return nil
	}
	for _, d := range l {
		if d.Severity <= p.FailOn {
			return Findings()
		}
	}
	return nil
}

// FormatOptions returns the machine-format options for a run that checked
// files: cwpat's name and version, a base directory for relative paths
// (GITHUB_WORKSPACE in GitHub Actions, else the working directory) and, in
// GitHub Actions, the running workflow's file as the SARIF anchor for
// findings that have no file (GitHub rejects a SARIF log otherwise).
func (a *App) FormatOptions(files []string, p FailPolicy) diag.FormatOptions {
	base := a.Getenv("GITHUB_WORKSPACE")
	if base == "" {
		base, _ = os.Getwd()
	}
	return diag.FormatOptions{
		Tool:    diag.Tool{Name: "cwpat", Version: versionString(), InformationURI: projectURL},
		Files:   files,
		BaseDir: base,
		FailAt:  p.FailOn,
		Anchor:  workflowFile(a.Getenv("GITHUB_WORKFLOW_REF")),
	}
}

// workflowFile returns the repository path of the workflow in GitHub's
// GITHUB_WORKFLOW_REF ("owner/repo/.github/workflows/ci.yml@refs/heads/main"),
// or "" when ref is not in that form.
func workflowFile(ref string) string {
	ref, _, _ = strings.Cut(ref, "@")
	parts := strings.SplitN(ref, "/", 3)
	if len(parts) < 3 || parts[0] == "" || parts[1] == "" || !strings.HasPrefix(parts[2], ".github/") {
		return ""
	}
	return parts[2]
}

// Report renders diagnostics in format f. Text goes to stderr (diagnostics
// are not results), with colour only when stderr is a terminal and neither
// NO_COLOR nor TERM=dumb is set. Machine formats write exactly one document
// to stdout, and nothing else may be written to stdout in that run.
func (a *App) Report(f Format, l diag.List, opt diag.FormatOptions) error {
	switch f {
	case FormatJSON:
		return diag.WriteJSON(a.Stdout, l, opt)
	case FormatSARIF:
		return diag.WriteSARIF(a.Stdout, l, opt)
	case FormatJUnit:
		return diag.WriteJUnit(a.Stdout, l, opt)
	case FormatGitHub:
		return diag.WriteGitHub(a.Stdout, l, opt)
	case FormatGitLab:
		return diag.WriteGitLab(a.Stdout, l, opt)
	}
	return diag.WriteText(a.Stderr, l, diag.TextOptions{Color: a.Color(a.StderrIsTerminal)})
}

// SummaryLine is the one line a text report ends with:
// "2 errors, 1 warning in 3 files" or "no problems in 3 files".
func SummaryLine(s diag.Summary) string {
	var parts []string
	for _, c := range []struct {
		n    int
		name string
	}{{s.Errors, "error"}, {s.Warnings, "warning"}, {s.Infos, "info"}} {
		if c.n > 0 {
			parts = append(parts, plural(c.n, c.name))
		}
	}
	head := "no problems"
	if len(parts) > 0 {
		head = strings.Join(parts, ", ")
	}
	if s.Files > 0 {
		return head + " in " + plural(s.Files, "file")
	}
	return head
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if word == "info" {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// WriteJSON writes v to stdout as one indented JSON document, without
// HTML escaping (patterns are full of < > &).
func (a *App) WriteJSON(v any, indent string) error {
	enc := json.NewEncoder(a.Stdout)
	enc.SetIndent("", indent)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// addDeprecatedAlias defines --old as a hidden alias of --new (one flag per
// meaning): it still works, so scripts keep running, and using it says
// "cwpat: --old is deprecated; use --new" on stderr (never stdout, which may
// carry a machine format).
func addDeprecatedAlias(cmd *cobra.Command, old, new string, v pflag.Value) {
	cmd.Flags().Var(deprecatedValue{Value: v, warn: func() {
		fmt.Fprintf(cmd.ErrOrStderr(), "cwpat: --%s is deprecated; use --%s\n", old, new)
	}}, old, "deprecated alias of --"+new)
	_ = cmd.Flags().MarkHidden(old)
}

// deprecatedValue is a flag value that warns when it is set.
type deprecatedValue struct {
	pflag.Value
	warn func()
}

// Set warns, then sets the value.
func (d deprecatedValue) Set(s string) error {
	d.warn()
	return d.Value.Set(s)
}
