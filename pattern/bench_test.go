package pattern

import (
	"runtime"
	"testing"

	"github.com/cwpat/cwpat/internal/testenv"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

// The benchmarks read every real CloudTrail record of testdata/cloudtrail
// (3,214 records, 4.1 MB) from memory; one op is one pass over all of them.
// MB/s is event bytes per second of wall time, cpu-MB/s per second of this
// process's CPU time (see processCPU); ns/record and allocs/record are per
// event.
// Run them on one core, as the targets are stated:
//
//	go test -run '^$' -bench . -benchtime 2s -count 5 -cpu 1 ./pattern/

// benchRecords loads the records and their total size once per benchmark.
func benchRecords(b *testing.B) ([][]byte, int64) {
	records := loadCloudTrail(b)
	var size int64
	for _, r := range records {
		size += int64(len(r))
	}
	return records, size
}

// runRecords times fn over every record and reports the per-record metrics.
func runRecords(b *testing.B, records [][]byte, size int64, fn func([]byte)) {
	b.SetBytes(size)
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0 := testenv.ProcessCPU()
	b.ResetTimer()
	for b.Loop() {
		for _, rec := range records {
			fn(rec)
		}
	}
	b.StopTimer()
	cpu := testenv.ProcessCPU() - cpu0
	runtime.ReadMemStats(&after)
	n := float64(b.N) * float64(len(records))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/record")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/record")
	if cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}

// benchSetPatterns are the 15 rules of the v4/v5 set with their names.
func benchSetPatterns() []cisPattern {
	var out []cisPattern
	for _, c := range cisPatterns {
		if c.set {
			out = append(out, c)
		}
	}
	return out
}

// BenchmarkMatcher is each CIS pattern as one Matcher (fast path, with the
// prefilter).
func BenchmarkMatcher(b *testing.B) {
	records, size := benchRecords(b)
	for _, c := range benchSetPatterns() {
		m := MustCompile(c.src)
		b.Run(c.name, func(b *testing.B) {
			runRecords(b, records, size, func(ev []byte) { m.Match(ev) })
		})
	}
}

// BenchmarkMatcherNoPrefilter is BenchmarkMatcher with the prefilter off:
// every record is read in full.
func BenchmarkMatcherNoPrefilter(b *testing.B) {
	records, size := benchRecords(b)
	for _, c := range benchSetPatterns() {
		prog, err := newFastProgram([]*Pattern{mustParse(b, c.src)})
		require.NoError(b, err)
		prog.pre = nil
		m := &fastMatcher{prog: prog}
		b.Run(c.name, func(b *testing.B) {
			runRecords(b, records, size, func(ev []byte) { m.match(ev) })
		})
	}
}

// BenchmarkSet is the whole 15-rule set through Set.Match, one pass per
// record.
func BenchmarkSet(b *testing.B) {
	records, size := benchRecords(b)
	set, err := CompileSet(cisSet())
	require.NoError(b, err)
	matched := make([]bool, set.Len())
	b.Run("cis-v5", func(b *testing.B) {
		runRecords(b, records, size, func(ev []byte) { set.Match(ev, matched) })
	})
	noPre, err := CompileSet(cisSet())
	require.NoError(b, err)
	noPre.prog.pre = nil
	b.Run("cis-v5-no-prefilter", func(b *testing.B) {
		runRecords(b, records, size, func(ev []byte) { noPre.Match(ev, matched) })
	})
}

// BenchmarkReference is the gjson reference evaluator, for comparison: each
// pattern alone, and the set as 15 evaluations per record.
func BenchmarkReference(b *testing.B) {
	records, size := benchRecords(b)
	var refs []evaluator
	for _, c := range benchSetPatterns() {
		ref := compileReference(mustParse(b, c.src))
		refs = append(refs, ref)
		b.Run(c.name, func(b *testing.B) {
			runRecords(b, records, size, func(ev []byte) { ref.match(ev) })
		})
	}
	b.Run("set", func(b *testing.B) {
		runRecords(b, records, size, func(ev []byte) {
			for _, r := range refs {
				r.match(ev)
			}
		})
	})
}

// BenchmarkGJSONGetPath is one gjson.GetBytes per record, the scale the
// reference works at.
func BenchmarkGJSONGetPath(b *testing.B) {
	records, size := benchRecords(b)
	runRecords(b, records, size, func(ev []byte) { gjson.GetBytes(ev, "eventName") })
}

func mustParse(tb testing.TB, src string) *Pattern {
	p, err := Parse(src)
	require.NoError(tb, err, src)
	return p
}

// BenchmarkPrefilter is the literal prefilter of the 15-rule set alone.
func BenchmarkPrefilter(b *testing.B) {
	records, size := benchRecords(b)
	set, err := CompileSet(cisSet())
	require.NoError(b, err)
	pre := set.prog.pre
	found := make([]uint64, pre.words)
	runRecords(b, records, size, func(ev []byte) { pre.mayMatch(ev, found) })
}
