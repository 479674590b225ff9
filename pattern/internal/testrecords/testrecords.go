// Package testrecords loads the real CloudTrail records the pattern tests
// and benchmarks run on (pattern/testdata/cloudtrail; see NOTICE.md there).
package testrecords

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// Load returns every record of the *.ndjson.gz files in dir, one event each.
// It is internal/testenv.GzipNDJSON again on purpose: pattern and its
// packages import nothing of cwpat but diag and awslimits (internal/archtest).
func Load(tb testing.TB, dir string) [][]byte {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.ndjson.gz"))
	require.NoError(tb, err)
	require.NotEmpty(tb, files, "no records in %s", dir)
	var out [][]byte
	for _, f := range files {
		fh, err := os.Open(f)
		require.NoError(tb, err)
		zr, err := gzip.NewReader(fh)
		require.NoError(tb, err)
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
				out = append(out, bytes.Clone(line))
			}
		}
		require.NoError(tb, sc.Err())
		require.NoError(tb, fh.Close())
	}
	return out
}
