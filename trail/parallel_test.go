package trail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mixedNDJSON is about size bytes of real records, one per line, with the
// shapes that make the parallel path hand over to the sequential read
// sprinkled in: a pretty-printed record, two records on one line, a broken
// line, a record without eventTime, blank and CRLF lines.
func mixedNDJSON(t testing.TB, size int) []byte {
	recs := synthRecords(t, size)
	var b bytes.Buffer
	for i, r := range recs {
		switch i {
		case 500:
			b.Write(pretty(t, r))
		case 900:
			b.Write(r)
			b.Write(r)
		case 1300:
			b.Write(r[:len(r)/2])
		case 1700:
			b.WriteString(`{"eventName":"NoTime"}`)
		case 2100:
			b.WriteString("\r\n   \t")
			b.Write(r)
			b.WriteString("\r")
		default:
			b.Write(r)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// The parallel path gives what Read gives (records in order, origins,
// problems, counts) on a large input in one source, clean or not, plain or
// compressed, for every chunk size (readSources compares them).
func TestParallelSingleSourceEqualsSequential(t *testing.T) {
	clean := ndjson(synthRecords(t, 1<<20))
	mixed := mixedNDJSON(t, 3<<20)
	for name, in := range map[string][]byte{
		"clean.ndjson": clean, "clean.ndjson.gz": gz(t, clean), "mixed.ndjson": mixed, "mixed.ndjson.zst": zst(t, mixed),
		"s3.json": s3File(synthRecords(t, 1<<20)), "truncated.ndjson.gz": gz(t, clean)[:100<<10],
	} {
		t.Run(name, func(t *testing.T) {
			res := readBytes(t, name, in)
			assert.Greater(t, res.stats.Records, int64(500))
		})
	}
}

// Render writes in input order: files in the order given, records in file
// order, whatever the workers and chunk sizes, exactly as a sequential
// read and filter would.
func TestRenderKeepsInputOrder(t *testing.T) {
	mixed := mixedNDJSON(t, 2<<20)
	srcs := replayable(t, []Source{
		ReaderSource("a.ndjson", bytes.NewReader(mixed)),
		ReaderSource("b.ndjson.gz", bytes.NewReader(gz(t, ndjson(synthRecords(t, 1<<20))))),
		ReaderSource("empty", bytes.NewReader(nil)),
		ReaderSource("c.json", bytes.NewReader(s3File(synthRecords(t, 256<<10)))),
	})
	keep := func(r *Record) bool {
		return bytes.Contains(r.Message, []byte(`"eventName":"Describe`)) || r.Origin.Line%7 == 0
	}
	var want bytes.Buffer
	_, err := (&Reader{}).ReadAll(srcs, func(r *Record) error {
		if keep(r) {
			fmt.Fprintf(&want, "%s %s\n", r.Origin, r.Message)
		}
		return nil
	})
	require.NoError(t, err)
	require.Greater(t, want.Len(), 100<<10)
	for _, chunk := range []int{0, 4096} {
		for _, opt := range []ParallelOptions{{Workers: 1, Readers: 1}, {Workers: 2, Readers: 2}, {Workers: 4, Readers: 3}} {
			var got bytes.Buffer
			rd := &Reader{chunkSize: chunk}
			_, err := rd.Render(context.Background(), srcs, opt, func() RenderFunc {
				return func(dst []byte, r *Record) []byte {
					if !keep(r) {
						return dst
					}
					return fmt.Appendf(dst, "%s %s\n", r.Origin, r.Message)
				}
			}, &got)
			require.NoError(t, err)
			assert.True(t, want.String() == got.String(), "chunks %d, %+v: output differs from input order (%d vs %d bytes)", chunk, opt, got.Len(), want.Len())
		}
	}
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n++; w.n > 2 {
		return 0, errors.New("broken pipe")
	}
	return len(p), nil
}

// A write that fails (a pipe into head) or work that fails stops the read
// and is the error returned.
func TestParallelStopsOnError(t *testing.T) {
	in := ndjson(synthRecords(t, 4<<20))
	src := func() []Source { return []Source{ReaderSource("-", bytes.NewReader(in))} }
	rd := &Reader{chunkSize: 16 << 10}
	_, err := rd.Render(context.Background(), src(), ParallelOptions{Workers: 2}, func() RenderFunc {
		return func(dst []byte, r *Record) []byte { return append(dst, r.Message...) }
	}, &failingWriter{})
	require.EqualError(t, err, "broken pipe")

	stop := errors.New("enough")
	calls := 0
	st, err := rd.Parallel(context.Background(), src(), ParallelOptions{Workers: 1}, func(_ int, b *Batch) error {
		calls++
		return stop
	})
	require.ErrorIs(t, err, stop)
	assert.Equal(t, 1, calls, "no work after the failure")
	assert.Less(t, st.Records, int64(len(in)/1000))

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = rd.Parallel(ctx, src(), ParallelOptions{}, func(int, *Batch) error { return nil })
	require.ErrorIs(t, err, context.Canceled)
}

// recordsFiles are {"Records":[...]} files of real records, clean and with
// what makes the element cutter or its workers hand over to the sequential
// read: a record nesting an object that starts with eventVersion (a false
// cut), a broken element, a record without eventTime, members after the
// array, a second wrapper in the same file, one record per line, records
// that do not start with eventVersion, an empty array.
func recordsFiles(t testing.TB, size int) map[string][]byte {
	recs := synthRecords(t, size)
	with := func(i int, r []byte) [][]byte {
		out := slices.Clone(recs)
		out[i] = r
		return out
	}
	mid := len(recs) / 2
	nested := append([]byte(`{"eventVersion":"1.08","x":[{"a":1},{"eventVersion":"nested","y":1}],`), recs[mid][1:]...)
	reordered := make([][]byte, len(recs))
	for i, r := range recs {
		reordered[i] = append([]byte(`{"z":0,`), r[1:]...)
	}
	lined := bytes.ReplaceAll(s3File(recs), []byte(`},{"eventVersion"`), []byte("},\n {\"eventVersion\""))
	return map[string][]byte{
		"clean.json":       s3File(recs),
		"clean.json.gz":    gz(t, s3File(recs)),
		"nested.json":      s3File(with(mid, nested)),
		"broken.json":      s3File(with(mid, recs[mid][:len(recs[mid])/2])),
		"no-time.json":     s3File(with(mid, []byte(`{"eventVersion":"1.08","eventName":"NoTime"}`))),
		"members.json":     append(s3File(recs)[:len(s3File(recs))-1], `,"more":{"a":[1]}}`...),
		"two.json":         append(append(s3File(recs[:mid]), '\n'), s3File(recs[mid:])...),
		"lined.json":       append([]byte("\ufeff"), lined...),
		"lined-plain.json": lined,
		"reordered.json":   s3File(reordered),
		"empty.json":       []byte(`{"Records":[]}` + "\n"),
		"truncated.json":   s3File(recs)[:len(s3File(recs))-3000],
	}
}

func TestParallelRecordsFileEqualsSequential(t *testing.T) {
	for name, in := range recordsFiles(t, 512<<10) {
		t.Run(name, func(t *testing.T) {
			res := readBytes(t, name, in)
			if name != "empty.json" {
				assert.Greater(t, res.stats.Records, int64(100))
			}
		})
	}
}

// A clean Records file is cut into many chunks that the workers check,
// not read by the source's goroutine alone.
func TestRecordsFileIsSpreadOverWorkers(t *testing.T) {
	in := recordsFiles(t, 1<<20)["clean.json"]
	rd := &Reader{chunkSize: 16 << 10}
	var batches atomic.Int64
	st, err := rd.Parallel(context.Background(), []Source{ReaderSource("r.json", bytes.NewReader(in))}, ParallelOptions{Workers: 2},
		func(_ int, b *Batch) error { batches.Add(1); return nil })
	require.NoError(t, err)
	assert.Greater(t, st.Records, int64(500))
	assert.Greater(t, batches.Load(), int64(40), "16 KiB chunks of a 1 MiB file")
}
