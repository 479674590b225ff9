package trail

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
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

// readSources reads srcs with a Reader that collects everything. It also
// reads them with Parallel, cutting chunks of several sizes, and requires
// the same records, origins, problems and counts: the parallel path is held
// to the sequential one on every input the tests have.
func readSources(t testing.TB, max int, srcs ...Source) *result {
	t.Helper()
	srcs = replayable(t, srcs)
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
	for _, chunk := range []int{0, 1, 300} {
		for _, workers := range []int{1, 3} {
			par := readParallel(t, max, chunk, workers, srcs)
			where := fmt.Sprintf("parallel read, chunks of %d bytes, %d workers", chunk, workers)
			require.Equal(t, res.messages, par.messages, where)
			require.Equal(t, res.origins, par.origins, where)
			require.Equal(t, res.problems, par.problems, where)
			want := res.stats
			if want.Problems > 0 {
				// A file given up early was read as far as buffering
				// happened to go: its byte counts are not the news.
				want.Bytes, want.CompressedBytes = par.stats.Bytes, par.stats.CompressedBytes
			}
			require.Equal(t, want, par.stats, where)
		}
	}
	return res
}

// readParallel reads srcs with Parallel, one source at a time, and puts the
// records back in input order.
func readParallel(t testing.TB, max, chunk, workers int, srcs []Source) *result {
	t.Helper()
	res := &result{}
	var mu sync.Mutex
	rd := &Reader{MaxEventSize: max, chunkSize: chunk, OnProblem: func(d diag.Diagnostic) {
		mu.Lock()
		defer mu.Unlock()
		res.problems = append(res.problems, d)
	}}
	type got struct {
		src, seq int
		msgs     []string
		origins  []Origin
	}
	var batches []got
	st, err := rd.Parallel(context.Background(), srcs, ParallelOptions{Workers: workers, Readers: 1}, func(_ int, b *Batch) error {
		g := got{src: b.Source, seq: b.Seq}
		for _, r := range b.Records {
			if r.Time.IsZero() {
				return fmt.Errorf("record without time at %v", r.Origin)
			}
			g.msgs = append(g.msgs, string(r.Message))
			g.origins = append(g.origins, r.Origin)
		}
		mu.Lock()
		defer mu.Unlock()
		batches = append(batches, g)
		return nil
	})
	require.NoError(t, err)
	slices.SortFunc(batches, func(a, b got) int { return cmp.Or(cmp.Compare(a.src, b.src), cmp.Compare(a.seq, b.seq)) })
	for i, b := range batches {
		if i > 0 && b.src == batches[i-1].src {
			require.Equal(t, batches[i-1].seq+1, b.seq, "batch numbers without gaps")
		}
		res.messages = append(res.messages, b.msgs...)
		res.origins = append(res.origins, b.origins...)
	}
	res.stats = st
	return res
}

// replayable returns srcs with every in-memory source made readable again:
// its bytes (and the error that ended them) are read once and replayed.
func replayable(t testing.TB, srcs []Source) []Source {
	t.Helper()
	out := make([]Source, len(srcs))
	for i, s := range srcs {
		out[i] = s
		if s.Size >= 0 { // files open again
			continue
		}
		rc, err := s.Open()
		if err != nil {
			continue
		}
		data, rerr := io.ReadAll(rc)
		_ = rc.Close()
		out[i].open = func() (io.ReadCloser, error) {
			var r io.Reader = bytes.NewReader(data)
			if rerr != nil {
				r = io.MultiReader(r, errReader{rerr})
			}
			return io.NopCloser(r), nil
		}
	}
	return out
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
