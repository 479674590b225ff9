package lint

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileTree is a directory as a hostile pull request can leave it: git
// stores symlinks, so a "template" can point at /dev/zero, at a named pipe
// or at a directory above the checkout. Next to them is one good file with
// a finding, which must survive.
func hostileTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	good := "Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: '{ $.eventname = ConsoleLogin }'\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "good.yaml"), []byte(good), 0o644))
	require.NoError(t, os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")))
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "pipe.tf"), 0o644))
	require.NoError(t, os.Symlink(filepath.Join(dir, "pipe.tf"), filepath.Join(dir, "to-pipe.json")))
	require.NoError(t, os.Symlink("/", filepath.Join(dir, "root.yaml")))
	require.NoError(t, os.Symlink(filepath.Join(dir, "missing"), filepath.Join(dir, "dangling.yaml")))
	require.NoError(t, os.Symlink(filepath.Join(dir, "good.yaml"), filepath.Join(dir, "link.yml")))
	return dir
}

// TestWalkReadsOnlyRegularFiles: before the fix, lint read /dev/zero
// without end and blocked forever on the pipe. Now each is skipped and
// said so, the symlink to a regular file is read, and the good file's
// finding is kept.
func TestWalkReadsOnlyRegularFiles(t *testing.T) {
	dir := hostileTree(t)
	r := Lint([]string{dir}, Options{})
	reasons := map[string]string{}
	for _, s := range r.Skipped {
		reasons[filepath.Base(s.Name)] = s.Reason
	}
	assert.Contains(t, reasons["zero.yaml"], "character device")
	assert.Contains(t, reasons["pipe.tf"], "named pipe")
	assert.Contains(t, reasons["to-pipe.json"], "symlink to a named pipe")
	assert.Contains(t, reasons["root.yaml"], "symlink to a directory")
	assert.Contains(t, reasons["dangling.yaml"], "target cannot be read")
	assert.Len(t, r.Skipped, 5)
	assert.Equal(t, []string{filepath.Join(dir, "good.yaml"), filepath.Join(dir, "link.yml")}, r.Inputs)
	assert.Zero(t, r.InputErrors)
	var unknown []string
	for _, d := range r.Diagnostics {
		if d.Code == CodeUnknownField {
			unknown = append(unknown, filepath.Base(d.Pos.File))
		}
	}
	assert.Equal(t, []string{"good.yaml", "link.yml"}, unknown)

	ins, skipped := Collect([]string{dir}, Options{})
	assert.Len(t, ins, 2, "fmt walks the same way")
	assert.Len(t, skipped, 5)
}

// TestExplicitSpecialFileRefused: a device or pipe named on the command
// line is an input error, not read.
func TestExplicitSpecialFileRefused(t *testing.T) {
	dir := hostileTree(t)
	for _, name := range []string{"zero.yaml", "pipe.tf", "/dev/zero"} {
		p := name
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, name)
		}
		r := Lint([]string{p}, Options{})
		require.Len(t, r.Diagnostics, 1, name)
		assert.Equal(t, CodeFileUnreadable, r.Diagnostics[0].Code)
		assert.Contains(t, r.Diagnostics[0].Message, "not a regular file")
		assert.Equal(t, 1, r.InputErrors)
	}
}

// TestFileSizeBounded: a file over the limit is refused by name without
// being read whole; the limit applies to standard input too.
func TestFileSizeBounded(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.pattern")
	require.NoError(t, os.WriteFile(big, []byte(strings.Repeat("ERROR\n", 2000)), 0o644))
	small := filepath.Join(dir, "small.pattern")
	require.NoError(t, os.WriteFile(small, []byte("{ $.a = \n"), 0o644))

	r := Lint([]string{dir}, Options{MaxFileSize: 4096})
	assert.Equal(t, 1, r.InputErrors)
	var codes []string
	for _, d := range r.Diagnostics {
		codes = append(codes, d.Code)
		if d.Code == CodeFileTooLarge {
			assert.Equal(t, big, d.Pos.File)
			assert.Contains(t, d.Message, big)
			assert.Contains(t, d.Message, "4 KiB")
		}
	}
	assert.Contains(t, codes, CodeFileTooLarge)
	assert.Contains(t, codes, "unclosed-brace", "the small file is still checked")

	r = Lint([]string{"-"}, Options{MaxFileSize: 4096, Stdin: strings.NewReader(strings.Repeat("ERROR\n", 2000))})
	require.Len(t, r.Diagnostics, 1)
	assert.Equal(t, CodeFileTooLarge, r.Diagnostics[0].Code)
	assert.Equal(t, int64(DefaultMaxFileSize), Options{}.maxFileSize())
}

// TestSymlinkedDirectoryNamedIsWalked: a directory named on the command line
// through a symlink is linted (a link found while walking is not followed).
func TestSymlinkedDirectoryNamedIsWalked(t *testing.T) {
	dir := hostileTree(t)
	link := filepath.Join(t.TempDir(), "templates")
	require.NoError(t, os.Symlink(dir, link))
	r := Lint([]string{link}, Options{})
	assert.Equal(t, []string{filepath.Join(link, "good.yaml"), filepath.Join(link, "link.yml")}, r.Inputs)
	assert.Len(t, r.Skipped, 5)
}
