package trail

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/diag"
)

// testRecords returns the real records of testdata/records.ndjson, one
// compact JSON record each.
func testRecords(t testing.TB) [][]byte {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "records.ndjson"))
	require.NoError(t, err)
	defer f.Close()
	var out [][]byte
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		out = append(out, append([]byte(nil), sc.Bytes()...))
	}
	require.NoError(t, sc.Err())
	require.Len(t, out, 60)
	return out
}

// result is what one read produced.
type result struct {
	messages []string
	origins  []Origin
	problems diag.List
	stats    Stats
}

func (r *result) codes() []string {
	var out []string
	for _, d := range r.problems {
		out = append(out, d.Code)
	}
	return out
}

// readSources reads srcs with a Reader that collects everything.
func readSources(t testing.TB, max int, srcs ...Source) *result {
	t.Helper()
	res := &result{}
	var mu sync.Mutex
	rd := &Reader{MaxEventSize: max, OnProblem: func(d diag.Diagnostic) {
		mu.Lock()
		defer mu.Unlock()
		res.problems = append(res.problems, d)
	}}
	st, err := rd.ReadAll(srcs, func(r *Record) error {
		require.False(t, r.Time.IsZero())
		res.messages = append(res.messages, string(r.Message))
		res.origins = append(res.origins, r.Origin)
		return nil
	})
	require.NoError(t, err)
	res.stats = st
	return res
}

// readBytes reads one in-memory input named name.
func readBytes(t testing.TB, name string, b []byte) *result {
	t.Helper()
	return readSources(t, 0, ReaderSource(name, bytes.NewReader(b)))
}

func ndjson(recs [][]byte) []byte { return append(bytes.Join(recs, []byte("\n")), '\n') }

// s3File is a {"Records":[...]} file as CloudTrail delivers it to S3.
func s3File(recs [][]byte) []byte {
	var b bytes.Buffer
	b.WriteString(`{"Records":[`)
	b.Write(bytes.Join(recs, []byte(",")))
	b.WriteString(`]}`)
	return b.Bytes()
}

// pretty re-indents JSON the way `jq .` or json.MarshalIndent do.
func pretty(t testing.TB, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, json.Indent(&out, b, "", "  "))
	return out.Bytes()
}

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	_, err := w.Write(b)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return out.Bytes()
}

func zst(t testing.TB, b []byte) []byte {
	t.Helper()
	w, err := zstd.NewWriter(nil)
	require.NoError(t, err)
	defer w.Close()
	return w.EncodeAll(b, nil)
}

func strs(recs [][]byte) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = string(r)
	}
	return out
}

type diagT = diag.Diagnostic

var errEOF = io.EOF
