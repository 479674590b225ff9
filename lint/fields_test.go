package lint

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKnownFieldsCoverRecords checks the committed fields_gen.go against the
// records it was generated from: every field path of every record is known
// (run go generate ./lint after changing testdata/cloudtrail).
func TestKnownFieldsCoverRecords(t *testing.T) {
	files, err := filepath.Glob("testdata/cloudtrail/*.ndjson.gz")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	records := 0
	missing := map[string]bool{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				walk(p, e)
			}
		case []any:
			for _, e := range v {
				walk(prefix+"[]", e)
			}
		}
		if prefix != "" && knownFields[prefix] == 0 {
			missing[prefix] = true
		}
	}
	for _, name := range files {
		f, err := os.Open(name)
		require.NoError(t, err)
		zr, err := gzip.NewReader(f)
		require.NoError(t, err)
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var rec map[string]any
			require.NoError(t, json.Unmarshal(sc.Bytes(), &rec))
			walk("", rec)
			records++
		}
		require.NoError(t, sc.Err())
		f.Close()
	}
	assert.Equal(t, 3214, records)
	assert.Empty(t, missing, "fields_gen.go is stale: run go generate ./lint")
	for _, p := range []string{"eventName", "userIdentity.sessionContext.sessionIssuer.userName", "resources[].ARN", "additionalEventData.MFAUsed"} {
		assert.NotZero(t, knownFields[p], p)
	}
	assert.Equal(t, fieldObject, knownFields["userIdentity"]&^fieldScalar, "userIdentity is an object")
}
