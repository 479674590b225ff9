package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cwpat/cwpat/awslimits"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParamFilesAreBounded: file:// values are read only as far as a valid
// value can go. Before, file:///dev/zero read until memory ran out.
func TestParamFilesAreBounded(t *testing.T) {
	for _, args := range [][]string{
		{"test-metric-filter", "--filter-pattern", "file:///dev/zero", "--log-event-messages", "x"},
		{"test-metric-filter", "--cli-input-json", "file:///dev/zero"},
		{"test-metric-filter", "--filter-pattern", "x", "--log-event-messages", "file:///dev/zero"},
	} {
		r := runCwpat(t, args...)
		assert.Equal(t, ExitUsage, r.code, "%v", args)
		assert.Contains(t, r.stderr, "more than a valid value can be", "%v", args)
	}

	dir := t.TempDir()
	widest := strings.Repeat("\U0001F600", awslimits.FilterPatternMaxLength/2) + "\n" // 1,024 UTF-16 units, 2,048 bytes
	require.NoError(t, os.WriteFile(filepath.Join(dir, "ok.txt"), []byte(widest), 0o644))
	r := runCwpat(t, "test-metric-filter", "--filter-pattern", "file://"+filepath.Join(dir, "ok.txt"), "--log-event-messages", "x")
	assert.NotContains(t, r.stderr, "more than a valid value can be", "a valid pattern is read whole")

	long := strings.Repeat("a", 4*awslimits.FilterPatternMaxLength+3)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "long.txt"), []byte(long), 0o644))
	r = runCwpat(t, "test-metric-filter", "--filter-pattern", "file://"+filepath.Join(dir, "long.txt"), "--log-event-messages", "x")
	assert.Equal(t, ExitUsage, r.code)
	assert.Contains(t, r.stderr, "Error parsing parameter '--filter-pattern': Unable to load paramfile file://"+filepath.Join(dir, "long.txt")+": the file holds more than 4098 bytes")
}
