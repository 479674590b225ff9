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

// TestTestCommandOnADirectory runs `cwpat test DIR`: rule files and test
// files are found in subdirectories, rule files are loaded together on top
// of --rules, and a failing test makes exit 1. (The YAML cases in
// testdata/cases/test.yaml cover the rest; a temporary directory is the one
// thing they cannot hold.)
func TestTestCommandOnADirectory(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o600))
	}
	write("rules/a.yaml", "rules:\n  - id: root-usage\n    alarm: {threshold: 2}\n")
	write("rules/b.yaml", "disable: [vpc-changes]\n")
	write("tests/root_test.yaml", `set: cis-1.2
tests:
  - name: one root call fires the built-in cis-1.2 alarm
    rules: [root-usage]
    events: [{at: 1m, example: root-iam-create-access-key}]
    expect: [{at: 5m, alarms: [root-usage]}]
`)
	run := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := Run(context.Background(), args, strings.NewReader(""), &out, &errOut, nil)
		return code, out.String(), errOut.String()
	}
	code, out, errOut := run("test", "--rules", "cis-1.2", dir)
	assert.Equal(t, ExitOK, code, out+errOut)
	assert.Regexp(t, `^PASS: (\d+)/(\d+)\n$`, out)
	assert.Empty(t, errOut)

	write("tests/root_test.yaml", `ruleFiles: [../rules/a.yaml]
set: cis-1.2
tests:
  - name: the override raised the threshold to 2
    rules: [root-usage]
    events: [{at: 1m, example: root-iam-create-access-key}]
    expect: [{at: 5m, alarms: [root-usage]}]
`)
	code, out, _ = run("test", "--rules", "cis-1.2", dir)
	assert.Equal(t, ExitFindings, code)
	assert.Contains(t, out, "FAIL cis-1.2+a: the override raised the threshold to 2 at 5m\n")
	assert.Contains(t, out, "alarms firing: got none, want [root-usage]")
}
