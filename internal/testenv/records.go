package testenv

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// GzipNDJSON returns every non-blank line, trimmed, of the gzipped NDJSON
// files glob names, in file order: the real CloudTrail records the tests of
// several packages run on. It fails the test when glob names no file.
func GzipNDJSON(tb testing.TB, glob string) [][]byte {
	tb.Helper()
	files, err := filepath.Glob(glob)
	require.NoError(tb, err)
	require.NotEmpty(tb, files, "no records in %s", glob)
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
