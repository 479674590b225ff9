package trail

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cwpat/cwpat/internal/testenv"
	"github.com/klauspost/compress/gzip"
)

// synthRecords repeats the test records up to about size bytes, giving each
// copy fresh IDs so gzip sees CloudTrail's real entropy, not repetition.
func synthRecords(tb testing.TB, size int) [][]byte {
	return testenv.ReplayRecords(testRecords(tb), size, time.Time{}, 0)
}

func benchRead(b *testing.B, in []byte, raw int) {
	b.SetBytes(int64(raw))
	b.ReportAllocs()
	rd := &Reader{}
	for b.Loop() {
		n := 0
		if _, err := rd.Read(ReaderSource("bench", bytes.NewReader(in)), func(*Record) error { n++; return nil }); err != nil || n == 0 {
			b.Fatal(err, n)
		}
	}
}

// BenchmarkRead reports decompressed bytes/s through the whole reader
// (decompress, split, validate, parse eventTime) for each shape, and gzip
// decompression alone for comparison.
func BenchmarkRead(b *testing.B) {
	recs := synthRecords(b, 32<<20)
	nd := ndjson(recs)
	s3 := s3File(recs)
	gzNd := gz(b, nd)
	b.Logf("ndjson %d bytes, gzip %d bytes (ratio %.1f)", len(nd), len(gzNd), float64(len(nd))/float64(len(gzNd)))
	b.Run("plain-ndjson", func(b *testing.B) { benchRead(b, nd, len(nd)) })
	b.Run("plain-s3", func(b *testing.B) { benchRead(b, s3, len(s3)) })
	b.Run("gzip-ndjson", func(b *testing.B) { benchRead(b, gzNd, len(nd)) })
	b.Run("gzip-s3", func(b *testing.B) { benchRead(b, gz(b, s3), len(s3)) })
	b.Run("gzip-decompress-only", func(b *testing.B) {
		b.SetBytes(int64(len(nd)))
		b.ReportAllocs()
		for b.Loop() {
			zr, err := gzip.NewReader(bytes.NewReader(gzNd))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, zr); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkScan is the validating scanner alone over real records.
func BenchmarkScan(b *testing.B) {
	recs := testRecords(b)
	n := 0
	for _, r := range recs {
		n += len(r)
	}
	b.SetBytes(int64(n))
	var s scanner
	for b.Loop() {
		for _, r := range recs {
			if _, err := s.scan(r); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// shapes are the inputs the parallel benchmarks read, each about size
// bytes of records decompressed: one NDJSON file, the same as one gzip
// stream, stdin (a reader with no size, read once), and an S3 tree of
// small gzipped {"Records":[...]} files as CloudTrail delivers them, and
// all the records in one {"Records":[...]} file, plain and gzipped.
func shapes(b *testing.B, size int) (map[string]func() []Source, int) {
	recs := synthRecords(b, size)
	nd := ndjson(recs)
	gzNd := gz(b, nd)
	s3 := s3File(recs)
	gzS3 := gz(b, s3)
	var tree [][]byte
	for i := 0; i < len(recs); i += 44 {
		tree = append(tree, gz(b, s3File(recs[i:min(i+44, len(recs))])))
	}
	return map[string]func() []Source{
		"ndjson":     func() []Source { return []Source{memFile("bench.ndjson", nd)} },
		"gzip":       func() []Source { return []Source{memFile("bench.ndjson.gz", gzNd)} },
		"stdin":      func() []Source { return []Source{ReaderSource("-", onlyReader{bytes.NewReader(nd)})} },
		"s3-file":    func() []Source { return []Source{memFile("bench.json", s3)} },
		"s3-file-gz": func() []Source { return []Source{memFile("bench.json.gz", gzS3)} },
		"s3-tree": func() []Source {
			out := make([]Source, len(tree))
			for i, f := range tree {
				out[i] = memFile(fmt.Sprintf("tree/%05d.json.gz", i), f)
			}
			return out
		},
	}, len(nd)
}

// memFile is an in-memory file: it opens again for every read.
func memFile(name string, b []byte) Source {
	return OpenSource(name, int64(len(b)), func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil })
}

// onlyReader hides bytes.Reader's WriterTo, as a pipe has none.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// BenchmarkParallel reads each shape through Parallel with every core,
// counting records: decompressing, cutting, checking and parsing eventTime.
// It reports decompressed MB/s of wall time, MB per CPU second, and
// allocations per record.
func BenchmarkParallel(b *testing.B) {
	shapes, size := shapes(b, 32<<20)
	for _, name := range []string{"ndjson", "gzip", "stdin", "s3-file", "s3-file-gz", "s3-tree"} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			rd := &Reader{}
			var records int64
			meter := startMeter()
			for b.Loop() {
				var n atomic.Int64
				st, err := rd.Parallel(context.Background(), shapes[name](), ParallelOptions{}, func(_ int, bt *Batch) error {
					n.Add(int64(len(bt.Records)))
					return nil
				})
				if err != nil || st.Problems > 0 || n.Load() != st.Records {
					b.Fatal(err, st)
				}
				records += st.Records
			}
			meter.report(b, size, records)
		})
	}
}

// benchMeter measures what the Go benchmark framework does not: MB per
// CPU second of the whole process (on a shared machine wall time measures
// the queue for a core as much as the code) and allocations per record.
type benchMeter struct {
	cpu     time.Duration
	mallocs uint64
}

func startMeter() benchMeter {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return benchMeter{cpu: testenv.ProcessCPU(), mallocs: ms.Mallocs}
}

func (m benchMeter) report(b *testing.B, bytesPerOp int, records int64) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if cpu := testenv.ProcessCPU() - m.cpu; cpu > 0 {
		b.ReportMetric(float64(bytesPerOp)*float64(b.N)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
	if records > 0 {
		b.ReportMetric(float64(ms.Mallocs-m.mallocs)/float64(records), "allocs/record")
	}
}

// BenchmarkQuickRecord is the workers' fast check of compact records, for
// comparison with BenchmarkScan on the same records.
func BenchmarkQuickRecord(b *testing.B) {
	recs := testRecords(b)
	n := 0
	for _, r := range recs {
		n += len(r)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, r := range recs {
			if _, _, ok := quickRecord(r); !ok {
				b.Fatal("refused")
			}
		}
	}
}
