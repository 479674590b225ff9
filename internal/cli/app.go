// Package cli is the cwpat program. Run executes one command line in-process
// with explicit stdin, stdout and stderr, so the CLI tests are data.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/diag"
)

// Exit codes, as every cwpat command uses them.
const (
	ExitOK       = 0 // clean
	ExitFindings = 1 // findings, failed tests, a failed deploy
	ExitUsage    = 2 // usage or input errors
	// ExitInterrupted is the shell's code for a program stopped by SIGINT
	// (128+2), so scripts tell Ctrl-C from a failure.
	ExitInterrupted = 130
)

// Version is set at build time with -ldflags "-X github.com/cwpat/cwpat/internal/cli.Version=...".
var Version = "dev"

// App is what every command runs with: the streams and the environment.
type App struct {
	Ctx    context.Context
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment (os.Getenv in the real program; tests pass a map).
	Getenv func(string) string
	// IsTerminal reports whether Stdout / Stderr are terminals (colour, progress bars).
	StdoutIsTerminal, StderrIsTerminal bool
}

// ExitError carries an exit code out of a command. Commands return it (via
// Findings or Usage) instead of calling os.Exit.
type ExitError struct {
	Code int
	Err  error // nil when the command already reported everything
	// Hint, when set, is printed on the line after Err.
	Hint string
}

// Error returns the wrapped error's text, or "exit N" when there is none.
func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

// Unwrap returns the wrapped error, so errors.As finds diagnostics in it.
func (e *ExitError) Unwrap() error { return e.Err }

// Findings returns the error for "ran fine, but found problems" (exit 1),
// already reported on stdout or stderr.
func Findings() error { return &ExitError{Code: ExitFindings} }

// Usage returns a usage or input error (exit 2) printed as "cwpat: <err>".
func Usage(format string, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, args...)}
}

// UsageFor returns a usage error for cmd: err, then a pointer to cmd's help.
// Commands that check their own arguments use it so the message reads like
// cobra's own usage errors.
func UsageFor(cmd *cobra.Command, err error) error {
	return &ExitError{Code: ExitUsage, Err: err, Hint: fmt.Sprintf("Run '%s --help' for usage.", cmd.CommandPath())}
}

// Failed returns an operational failure (exit 1) printed as "cwpat: <err>".
func Failed(err error) error { return &ExitError{Code: ExitFindings, Err: err} }

// NewRoot builds the cwpat command tree for app.
func NewRoot(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "cwpat",
		Short: "Test, lint, deploy and audit CloudWatch Logs metric filters and the CIS alarm baseline",
		Long: `cwpat matches CloudWatch Logs filter patterns exactly as AWS does, locally.
It ships the CIS AWS Foundations monitoring baseline as tested data, deploys it
as metric filters, alarms and an SNS topic, audits what an account really
watches, and replays CloudTrail archives through it.`,
		Example: `  cwpat backtest --rules cis                 # replay bundled CloudTrail records through CIS v5.0
  cwpat lint .                               # check every pattern in templates and rule files
  cwpat test-metric-filter --filter-pattern '{ $.errorCode = "AccessDenied*" }' \
      --log-event-messages '{"errorCode":"AccessDenied"}'
  cwpat audit --region us-east-1             # what does this account really watch?`,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(app.Stdin)
	root.SetOut(app.Stdout)
	root.SetErr(app.Stderr)
	addVersionFlag(root)
	root.AddCommand(commands(app)...)
	for _, newCmd := range testCommands {
		root.AddCommand(newCmd(app))
	}
	markCommandErrors(root)
	return root
}

// Run executes one command line and returns the process exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	app := &App{Ctx: ctx, Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: getenv}
	return RunApp(app, args)
}

// RunApp is Run with a prepared App (the real program sets terminal flags).
//
// Errors map onto exit codes in one place: an *ExitError carries its own
// code; a diag.List (a command's input was bad) is rendered with carets and
// exits 2; any other error from a command's RunE is an input error (exit 2);
// errors cobra raises itself (unknown command or flag, wrong arguments, a
// missing required flag) are usage errors and get a hint. A panic anywhere
// in the command's goroutine becomes an internal-error report with exit 2
// rather than a crash: it is always a bug.
func RunApp(app *App, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			code = reportPanic(app, args, r)
		}
	}()
	root := NewRoot(app)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(app.Ctx)
	if err == nil {
		return ExitOK
	}
	if app.Ctx != nil && errors.Is(app.Ctx.Err(), context.Canceled) {
		// Ctrl-C: whatever the command was doing stopped; say so once
		// instead of the error each layer wrapped around the cancellation.
		fmt.Fprintln(app.Stderr, "cwpat: interrupted")
		return ExitInterrupted
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil {
			if l, ok := diag.As(ee.Err); ok {
				_ = diag.WriteText(app.Stderr, l, diag.TextOptions{Color: app.Color(app.StderrIsTerminal)})
			} else {
				fmt.Fprintf(app.Stderr, "cwpat: %v\n", ee.Err)
			}
		}
		if ee.Hint != "" {
			fmt.Fprintln(app.Stderr, ee.Hint)
		}
		return ee.Code
	}
	var ce *commandError
	if errors.As(err, &ce) {
		if l, ok := diag.As(ce.err); ok {
			_ = diag.WriteText(app.Stderr, l, diag.TextOptions{Color: app.Color(app.StderrIsTerminal)})
		} else {
			fmt.Fprintf(app.Stderr, "cwpat: %v\n", ce.err)
		}
		return ExitUsage
	}
	// Cobra's own errors (unknown command, bad arguments) are usage errors.
	path := "cwpat"
	if cmd != nil {
		path = cmd.CommandPath()
	}
	fmt.Fprintf(app.Stderr, "cwpat: %v\nRun '%s --help' for usage.\n", err, path)
	return ExitUsage
}

// commandError marks an error returned by a command's own RunE, as opposed
// to one cobra raised while parsing the command line.
type commandError struct{ err error }

func (e *commandError) Error() string { return e.err.Error() }
func (e *commandError) Unwrap() error { return e.err }

// markCommandErrors wraps every RunE in the tree so RunApp can tell a
// command's input error from cobra's usage errors.
func markCommandErrors(c *cobra.Command) {
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			err := run(cmd, args)
			var ee *ExitError
			if err == nil || errors.As(err, &ee) {
				return err
			}
			return &commandError{err: err}
		}
	}
	for _, sub := range c.Commands() {
		markCommandErrors(sub)
	}
}

// reportPanic prints an internal-error report: what happened, where, and
// where to report it. The stack is what a maintainer needs to fix it.
func reportPanic(app *App, args []string, r any) int {
	fmt.Fprintf(app.Stderr, "cwpat: internal error: %v\n"+
		"This is a bug in cwpat, not in your input. Please report it at\n"+
		"%s/issues/new with the command line and the trace below.\n"+
		"command: cwpat %s\nversion: %s\n\n%s",
		r, projectURL, strings.Join(args, " "), versionString(), debug.Stack())
	return ExitUsage
}

// Main is the real program's entry point.
//
// Ctrl-C (SIGINT) or SIGTERM cancels the context every command runs with:
// AWS calls, reading archives and serving stop, and the program exits 130.
// A second Ctrl-C kills the program at once (signal.NotifyContext restores
// the default handling after the first).
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	app := &App{
		Ctx: ctx, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Getenv:           os.Getenv,
		StdoutIsTerminal: isTerminal(os.Stdout), StderrIsTerminal: isTerminal(os.Stderr),
	}
	return RunApp(app, os.Args[1:])
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Color reports whether output to a terminal may be coloured: not under
// NO_COLOR or TERM=dumb.
func (a *App) Color(terminal bool) bool {
	return terminal && a.Getenv("NO_COLOR") == "" && a.Getenv("TERM") != "dumb"
}
