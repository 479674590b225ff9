package lint

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/diag"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden")

// golden compares got with testdata/golden/<name>, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./lint -update")
	if string(want) != string(got) {
		t.Errorf("%s differs from the golden file (run go test ./lint -update and review):\n%s", path, UnifiedDiff(path, want, got))
	}
}

// TestLintGolden lints each testdata folder and compares the text report.
func TestLintGolden(t *testing.T) {
	for _, dir := range []string{"cfn", "tf", "patterns", "rules", "bad", "sam"} {
		t.Run(dir, func(t *testing.T) {
			r := Lint([]string{filepath.Join("testdata", dir)}, Options{})
			var b bytes.Buffer
			require.NoError(t, diag.WriteText(&b, r.Diagnostics, diag.TextOptions{}))
			golden(t, dir+".txt", b.Bytes())
		})
	}
}
