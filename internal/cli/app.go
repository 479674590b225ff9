// Package cli is the cwpat program. Run executes one command line in-process
// with explicit stdin, stdout and stderr, so the CLI tests are data.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"sync"

	"github.com/spf13/cobra"
)

// Exit codes, as every cwpat command uses them.
const (
	ExitOK       = 0 // clean
	ExitFindings = 1 // findings, failed tests, a failed deploy
	ExitUsage    = 2 // usage or input errors
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
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// Findings returns the error for "ran fine, but found problems" (exit 1),
// already reported on stdout or stderr.
func Findings() error { return &ExitError{Code: ExitFindings} }

// Usage returns a usage or input error (exit 2) printed as "cwpat: <err>".
func Usage(format string, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, args...)}
}

// Failed returns an operational failure (exit 1) printed as "cwpat: <err>".
func Failed(err error) error { return &ExitError{Code: ExitFindings, Err: err} }

var (
	registryMu sync.Mutex
	registry   = map[string]func(*App) *cobra.Command{}
)

// register adds a top-level command. Each command file calls it from init.
func register(name string, newCmd func(*App) *cobra.Command) {
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[name]; dup {
		panic("cli: command registered twice: " + name)
	}
	registry[name] = newCmd
}

// NewRoot builds the cwpat command tree for app.
func NewRoot(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "cwpat",
		Short: "Test, lint, deploy and audit CloudWatch Logs metric filters and the CIS alarm baseline",
		Long: `cwpat matches CloudWatch Logs filter patterns exactly as AWS does, locally.
It ships the CIS AWS Foundations monitoring baseline as tested data, deploys it
as metric filters, alarms and an SNS topic, audits what an account really
watches, and replays CloudTrail archives through it.`,
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(app.Stdin)
	root.SetOut(app.Stdout)
	root.SetErr(app.Stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &ExitError{Code: ExitUsage, Err: fmt.Errorf("%w\nRun '%s --help' for usage.", err, c.CommandPath())}
	})
	registryMu.Lock()
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		root.AddCommand(registry[n](app))
	}
	registryMu.Unlock()
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
func RunApp(app *App, args []string) int {
	root := NewRoot(app)
	root.SetArgs(args)
	err := root.ExecuteContext(app.Ctx)
	if err == nil {
		return ExitOK
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil {
			fmt.Fprintf(app.Stderr, "cwpat: %v\n", ee.Err)
		}
		return ee.Code
	}
	// Cobra's own errors (unknown command, bad arguments) are usage errors.
	fmt.Fprintf(app.Stderr, "cwpat: %v\nRun 'cwpat --help' for usage.\n", err)
	return ExitUsage
}

// Main is the real program's entry point.
func Main() int {
	app := &App{
		Ctx: context.Background(), Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
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
