package backtest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/cwpat/cwpat/internal/testenv"
	"github.com/cwpat/cwpat/trail"
)

// BenchmarkRun replays the bundled sample (20 copies, gzip) through the
// full CIS set and reports decompressed bytes/s end to end: reading,
// decompressing, splitting, matching, aggregating and alarm evaluation.
func BenchmarkRun(b *testing.B) {
	rs := builtinRules(b, "cis")
	var srcs []trail.Source
	for range 20 {
		srcs = append(srcs, Sample()...)
	}
	rep, err := Run(context.Background(), rs, srcs, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(rep.Stats.Bytes)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), rs, srcs, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunShapes replays about 32 MB of records (the sample's real
// records with fresh IDs, spread over a month) through the CIS set in each
// shape an archive comes in: one NDJSON file, one gzip stream, stdin (no
// size, read once) and an S3 tree of small gzipped {"Records":[...]}
// files. It reports wall MB/s, MB per CPU second of the whole process and
// allocations per record.
func BenchmarkRunShapes(b *testing.B) {
	rs := builtinRules(b, "cis")
	recs := synthRecords(b, 32<<20)
	nd := append(bytes.Join(recs, []byte("\n")), '\n')
	gzNd := gzipped(b, nd)
	var tree [][]byte
	for i := 0; i < len(recs); i += 44 {
		tree = append(tree, gzipped(b, append(append([]byte(`{"Records":[`), bytes.Join(recs[i:min(i+44, len(recs))], []byte(","))...), "]}"...)))
	}
	shapes := map[string]func() []trail.Source{
		"ndjson": func() []trail.Source { return []trail.Source{memFile("bench.ndjson", nd)} },
		"gzip":   func() []trail.Source { return []trail.Source{memFile("bench.ndjson.gz", gzNd)} },
		"stdin":  func() []trail.Source { return []trail.Source{trail.ReaderSource("-", pipeLike{bytes.NewReader(nd)})} },
		"s3-tree": func() []trail.Source {
			out := make([]trail.Source, len(tree))
			for i, f := range tree {
				out[i] = memFile(fmt.Sprintf("tree/%05d.json.gz", i), f)
			}
			return out
		},
	}
	for _, name := range []string{"ndjson", "gzip", "stdin", "s3-tree"} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(nd)))
			b.ReportAllocs()
			var records int64
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			mallocs, cpu := ms.Mallocs, testenv.ProcessCPU()
			for b.Loop() {
				rep, err := Run(context.Background(), rs, shapes[name](), Options{})
				if err != nil || rep.Stats.Problems > 0 || rep.Stats.Records != int64(len(recs)) {
					b.Fatal(err, rep.Stats)
				}
				records += rep.Stats.Records
			}
			runtime.ReadMemStats(&ms)
			if used := testenv.ProcessCPU() - cpu; used > 0 {
				b.ReportMetric(float64(len(nd))*float64(b.N)/1e6/used.Seconds(), "cpu-MB/s")
			}
			b.ReportMetric(float64(ms.Mallocs-mallocs)/float64(records), "allocs/record")
		})
	}
}

// synthRecords repeats the sample's records up to about size bytes, each
// copy with fresh IDs (so gzip sees CloudTrail's entropy, not repetition)
// and eventTimes 20 seconds apart.
func synthRecords(tb testing.TB, size int) [][]byte {
	return testenv.ReplayRecords(sampleRecords(tb), size, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), 20*time.Second)
}

func gzipped(tb testing.TB, b []byte) []byte {
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	if _, err := w.Write(b); err != nil {
		tb.Fatal(err)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// memFile is an in-memory file that opens again for every run.
func memFile(name string, b []byte) trail.Source {
	return trail.OpenSource(name, int64(len(b)), func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil })
}

// pipeLike hides bytes.Reader's WriterTo, as a pipe has none.
type pipeLike struct{ r io.Reader }

func (p pipeLike) Read(b []byte) (int, error) { return p.r.Read(b) }
