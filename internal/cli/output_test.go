package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/diag"
)

func testApp(env map[string]string, stderrTTY bool) (*App, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &App{
		Ctx: context.Background(), Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] }, StderrIsTerminal: stderrTTY,
	}, &out, &errb
}

var oneError = diag.List{{Code: "unclosed-brace", Severity: diag.Error, Pos: diag.Position{File: "r.yaml", Line: 2, Column: 5}, Message: "missing }", SourceLine: "  p: {", Len: 1}}

func TestReportStreams(t *testing.T) {
	for _, f := range DiagnosticFormats {
		app, out, errb := testApp(nil, false)
		require.NoError(t, app.Report(f, oneError, app.FormatOptions([]string{"r.yaml"}, FailPolicy{})))
		if f.IsMachine() {
			assert.NotEmpty(t, out.String(), "%s goes to stdout", f)
			assert.Empty(t, errb.String(), "%s writes nothing to stderr", f)
		} else {
			assert.Empty(t, out.String(), "text diagnostics stay off stdout")
			assert.Equal(t, "r.yaml:2:5: error: missing } [unclosed-brace]\n      p: {\n        ^\n", errb.String())
		}
	}
}

func TestColourOnlyOnATerminal(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		tty  bool
		want bool
	}{
		{nil, true, true},
		{nil, false, false},
		{map[string]string{"NO_COLOR": "1"}, true, false},
		{map[string]string{"TERM": "dumb"}, true, false},
	} {
		app, _, errb := testApp(tc.env, tc.tty)
		require.NoError(t, app.Report(FormatText, oneError, diag.FormatOptions{}))
		assert.Equal(t, tc.want, strings.Contains(errb.String(), "\x1b["), "env %v tty %v", tc.env, tc.tty)
	}
}

func TestFailPolicy(t *testing.T) {
	warn := diag.List{{Code: "w", Severity: diag.Warning}}
	assert.NoError(t, FailPolicy{FailOn: diag.Error}.Exit(warn))
	assert.Error(t, FailPolicy{FailOn: diag.Warning}.Exit(warn))
	assert.NoError(t, FailPolicy{FailOn: diag.Info, NoFail: true}.Exit(warn))
	assert.Error(t, FailPolicy{}.Exit(oneError), "the zero policy fails on errors")
}

func TestFlagsParse(t *testing.T) {
	var f Format
	var p FailPolicy
	cmd := &cobra.Command{Use: "x", RunE: func(*cobra.Command, []string) error { return nil }}
	addOutputFlag(cmd, &f, DiagnosticFormats...)
	addFailFlags(cmd, &p)
	require.NoError(t, cmd.ParseFlags([]string{"-o", "SARIF", "--fail-on", "warning"}))
	assert.Equal(t, FormatSARIF, f)
	assert.Equal(t, diag.Warning, p.FailOn)
	assert.Error(t, cmd.ParseFlags([]string{"--fail-on", "fatal"}))
	assert.Error(t, cmd.ParseFlags([]string{"-o", "yaml"}))
}

func TestSummaryLine(t *testing.T) {
	assert.Equal(t, "no problems in 3 files", SummaryLine(diag.Summary{Files: 3}))
	assert.Equal(t, "2 errors, 1 warning, 3 info in 1 file", SummaryLine(diag.Summary{Errors: 2, Warnings: 1, Infos: 3, Files: 1}))
	assert.Equal(t, "1 error", SummaryLine(diag.Summary{Errors: 1}))
}

func init() {
	testCommands = append(testCommands, func(*App) *cobra.Command {
		return &cobra.Command{Use: "internal-test-diag", Short: "fail with diagnostics (tests only)", Hidden: true,
			RunE: func(*cobra.Command, []string) error { return oneError }}
	})
}

func TestInputErrorsAndDiagnosticsExit2(t *testing.T) {
	app, out, errb := testApp(nil, false)
	code := RunApp(app, []string{"internal-test-diag"})
	assert.Equal(t, ExitUsage, code)
	assert.Empty(t, out.String())
	assert.Equal(t, "r.yaml:2:5: error: missing } [unclosed-brace]\n      p: {\n        ^\n", errb.String(),
		"a diag.List from a command is rendered with its caret, without a usage hint")
}

func TestSARIFAnchorInGitHubActions(t *testing.T) {
	assert.Equal(t, ".github/workflows/cwpat.yml", workflowFile("octo/repo/.github/workflows/cwpat.yml@refs/pull/7/merge"))
	assert.Equal(t, "", workflowFile(""))
	assert.Equal(t, "", workflowFile("not-a-ref"))

	noFile := diag.List{{Code: "sns-subscription-missing", Severity: diag.Error, Message: "nobody is notified"}}
	app, out, _ := testApp(map[string]string{"GITHUB_WORKFLOW_REF": "octo/repo/.github/workflows/cwpat.yml@refs/heads/main"}, false)
	require.NoError(t, app.Report(FormatSARIF, noFile, app.FormatOptions(nil, FailPolicy{})))
	assert.Contains(t, out.String(), `"uri": ".github/workflows/cwpat.yml"`, "GitHub rejects SARIF results without a location")
}
