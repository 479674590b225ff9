package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The progress bar is drawn on stderr only when stderr is a terminal, and
// stdout carries the same report either way.
func TestBacktestProgressBarOnlyOnATerminal(t *testing.T) {
	run := func(terminal bool) (string, string) {
		var stdout, stderr bytes.Buffer
		app := &App{Ctx: context.Background(), Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr,
			Getenv: func(string) string { return "" }, StderrIsTerminal: terminal}
		require.Equal(t, ExitOK, RunApp(app, []string{"backtest", "--rules", "cis"}))
		return stdout.String(), stderr.String()
	}
	plainOut, plainErr := run(false)
	termOut, termErr := run(true)
	assert.Empty(t, plainErr)
	assert.Contains(t, termErr, "replaying")
	assert.Equal(t, plainOut, termOut)
}

func TestBacktestWritesASelfContainedHTMLReport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.html")
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"backtest", "--rules", "cis", "--html", path, "-o", "json"}, strings.NewReader(""), &stdout, &stderr, nil)
	require.Equal(t, ExitOK, code, stderr.String())
	page, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(page), "<title>cwpat backtest: cis-5.0</title>"), "titled by the set")
	assert.Equal(t, 12, strings.Count(string(page), `<svg class="chart"`), "one chart per CIS rule that matched the sample")
	assert.Equal(t, 1, strings.Count(string(page), `<svg class="overview"`), "all rules on one time axis")
	assert.False(t, strings.Contains(string(page), "<script"), "no scripts")
	assert.True(t, strings.HasPrefix(stdout.String(), "{"), "-o json still writes the report to stdout")
}
