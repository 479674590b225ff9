package backtest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"iter"
	"runtime"
	"runtime/metrics"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/trail"
)

// memInput is an archive in memory, files of NDJSON, given one by one as
// trail.Walk gives a tree.
type memInput struct {
	files [][]byte
	bytes int
}

// sources yields the files; atEnd is called when the last was taken, with
// every file before it read or being read.
func (in memInput) sources(atEnd func()) iter.Seq[trail.Source] {
	return func(yield func(trail.Source) bool) {
		for i, f := range in.files {
			src := trail.OpenSource(fmt.Sprintf("mem/%06d.json", i), int64(len(f)),
				func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(f)), nil })
			if !yield(src) {
				return
			}
		}
		atEnd()
	}
}

// spreadArchive is the sample's records, copied n times with eventTimes
// spread evenly over span (in order), cut into files of perFile records.
func spreadArchive(t testing.TB, n int, span time.Duration, perFile int) memInput {
	recs := sampleRecords(t)
	begin := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	total := n * len(recs)
	var in memInput
	var b bytes.Buffer
	for k := range total {
		r := recs[k%len(recs)]
		i := bytes.Index(r, []byte(`"eventTime":"`)) + len(`"eventTime":"`)
		end := i + bytes.IndexByte(r[i:], '"')
		at := begin.Add(span * time.Duration(k) / time.Duration(total))
		b.Write(r[:i])
		b.WriteString(at.Format(time.RFC3339))
		b.Write(r[end:])
		b.WriteByte('\n')
		if (k+1)%perFile == 0 || k == total-1 {
			in.files = append(in.files, slices.Clone(b.Bytes()))
			in.bytes += b.Len()
			b.Reset()
		}
	}
	return in
}

// liveHeap collects twice (so sync.Pool's victims go too) and returns
// the heap that is live.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// Memory does not grow with the number of files or with the time span the
// records cover, beyond the report itself (a datapoint per period with
// samples, every state change of the alarm): the same records in 8 times
// more files, and over 8 times the time span, with and without the alarm
// (MatchesOnly, as match --count runs), on the sample records twice. The bound is loose (the peak is
// sampled); what it catches is memory kept per file or per minute, as the
// per-minute tally and the per-source state did.
func TestRunMemoryIsFlatInFilesAndTimeSpan(t *testing.T) {
	rs := builtinRules(t, "cis")
	// run returns the heap live when the run took its last file, above
	// what was live before it (what it holds per file and per minute so
	// far, and the buffers in flight), and what the report keeps.
	run := func(in memInput, opt Options) (atEnd, kept uint64) {
		base := liveHeap()
		rep, err := RunSeq(context.Background(), rs, in.sources(func() { atEnd = liveHeap() - min(base, liveHeap()) }), opt)
		require.NoError(t, err)
		require.Equal(t, int64(in.bytes), rep.Stats.Bytes)
		kept = liveHeap() - min(base, liveHeap())
		runtime.KeepAlive(rep)
		return atEnd, kept
	}
	const mb = 1 << 20
	cases := []struct {
		name     string
		one, eig memInput
	}{
		{"files", spreadArchive(t, 2, 24*time.Hour, 8), spreadArchive(t, 2, 24*time.Hour, 1)},
		{"time span", spreadArchive(t, 2, 24*time.Hour, 128), spreadArchive(t, 2, 8*24*time.Hour, 128)},
	}
	for _, c := range cases {
		for _, only := range []bool{false, true} {
			opt := Options{Workers: 2, Readers: 2, MatchesOnly: only}
			p1, k1 := run(c.one, opt)
			p8, k8 := run(c.eig, opt)
			t.Logf("%s 1x vs 8x (%d vs %d files, MatchesOnly %v): heap at the last file %.2f vs %.2f MB, report %.2f vs %.2f MB",
				c.name, len(c.one.files), len(c.eig.files), only, float64(p1)/mb, float64(p8)/mb, float64(k1)/mb, float64(k8)/mb)
			// What the report keeps is output; the rest must stay put.
			assert.LessOrEqual(t, p8, p1+p1/2+4*mb+2*(k8-min(k1, k8)), "%s, MatchesOnly %v", c.name, only)
		}
	}
}
