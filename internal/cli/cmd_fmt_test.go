package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFmtWrite checks fmt -w rewrites files in place, keeps their
// permissions, and leaves nothing for a second fmt -l to report.
func TestFmtWrite(t *testing.T) {
	dir := t.TempDir()
	tf := filepath.Join(dir, "main.tf")
	src := "resource \"aws_cloudwatch_log_subscription_filter\" \"s\" {\n  # comment kept\n  filter_pattern = \"{$.level=\\\"ERROR\\\"}\"\n}\n"
	require.NoError(t, os.WriteFile(tf, []byte(src), 0o640))
	canonical := filepath.Join(dir, "ok.patterns")
	require.NoError(t, os.WriteFile(canonical, []byte("ERROR\n"), 0o600))
	before, err := os.Stat(canonical)
	require.NoError(t, err)

	var out, errOut bytes.Buffer
	code := Run(context.Background(), []string{"fmt", "-w", dir}, nil, &out, &errOut, nil)
	assert.Equal(t, ExitOK, code, errOut.String())
	assert.Empty(t, out.String())

	got, err := os.ReadFile(tf)
	require.NoError(t, err)
	assert.Equal(t, "resource \"aws_cloudwatch_log_subscription_filter\" \"s\" {\n  # comment kept\n  filter_pattern = \"{ $.level = \\\"ERROR\\\" }\"\n}\n", string(got))
	info, err := os.Stat(tf)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), info.Mode().Perm())
	after, err := os.Stat(canonical)
	require.NoError(t, err)
	assert.Equal(t, before.ModTime(), after.ModTime(), "a canonical file is not rewritten")

	out.Reset()
	code = Run(context.Background(), []string{"fmt", "-l", dir}, nil, &out, &errOut, nil)
	assert.Equal(t, ExitOK, code)
	assert.Empty(t, out.String(), "fmt -w output is already canonical")
}

// TestFmtHonoursProjectExcludes: the files a repository's .cwpat.yaml
// excludes from lint (test fixtures with deliberately odd patterns) are
// left alone by fmt --check too, unless --no-config.
func TestFmtHonoursProjectExcludes(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "fixtures"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "fixtures", "odd.pattern"), []byte("{$.a=1}\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "ok.pattern"), []byte("{ $.a = 1 }\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".cwpat.yaml"), []byte("lint:\n  exclude: [fixtures]\n"), 0o644))
	t.Chdir(dir)

	var out, errOut bytes.Buffer
	assert.Equal(t, ExitOK, Run(context.Background(), []string{"fmt", "--check", "."}, nil, &out, &errOut, nil), errOut.String())
	assert.Empty(t, out.String())
	out.Reset()
	assert.Equal(t, ExitFindings, Run(context.Background(), []string{"fmt", "--check", "--no-config", "."}, nil, &out, &errOut, nil))
	assert.Equal(t, filepath.Join("fixtures", "odd.pattern")+"\n", out.String())
}
