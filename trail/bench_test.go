package trail

import (
	"bytes"
	"io"
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/klauspost/compress/gzip"
)

var idField = regexp.MustCompile(`"(eventID|requestID|sharedEventID)":"[^"]*"`)

// synthRecords repeats the test records up to about size bytes, giving each
// copy fresh IDs so gzip sees CloudTrail's real entropy, not repetition.
func synthRecords(tb testing.TB, size int) [][]byte {
	recs := testRecords(tb)
	rng := rand.New(rand.NewPCG(1, 2))
	var out [][]byte
	total := 0
	for i := 0; total < size; i++ {
		r := idField.ReplaceAllFunc(recs[i%len(recs)], func(m []byte) []byte {
			k := bytes.IndexByte(m, ':')
			var id [16]byte
			for j := range id {
				id[j] = "0123456789abcdef"[rng.IntN(16)]
			}
			return append(append(append([]byte{}, m[:k+2]...), id[:]...), '"')
		})
		out = append(out, r)
		total += len(r) + 1
	}
	return out
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
