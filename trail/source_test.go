package trail

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Walk gives Expand's sources and problems in Expand's order, but one by
// one: a problem is reported when the walk reaches it, after the sources
// before it were taken, and stopping stops the walk.
func TestWalkIsExpandOneByOne(t *testing.T) {
	recs := testRecords(t)
	dir := t.TempDir()
	write := func(rel string) {
		p := filepath.Join(dir, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, ndjson(recs[:2]), 0o644))
	}
	write("a/1.json")
	write("a/2.json")
	write("b/.hidden.json")
	write("c/3.json")
	require.NoError(t, os.Symlink(filepath.Join(dir, "gone"), filepath.Join(dir, "b/dangling.json")))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "empty"), 0o755))
	paths := []string{filepath.Join(dir, "missing"), filepath.Join(dir, "a"), filepath.Join(dir, "b"),
		filepath.Join(dir, "c/3.json"), filepath.Join(dir, "empty"), "-"}
	rel := func(p string) string {
		if r, err := filepath.Rel(dir, p); err == nil && p != "-" {
			return filepath.ToSlash(r)
		}
		return p
	}

	var expanded []string
	srcs := Expand(paths, bytes.NewReader(nil), func(d diagT) { expanded = append(expanded, "problem "+rel(d.Pos.File)) })
	for _, s := range srcs {
		expanded = append(expanded, "source "+rel(s.Name))
	}
	assert.Equal(t, []string{"problem missing", "problem b/dangling.json", "problem b", "problem empty",
		"source a/1.json", "source a/2.json", "source c/3.json", "source -"}, expanded)

	var walked []string
	report := func(d diagT) { walked = append(walked, "problem "+rel(d.Pos.File)) }
	for s := range Walk(paths, bytes.NewReader(nil), report) {
		walked = append(walked, "source "+rel(s.Name))
	}
	assert.Equal(t, []string{"problem missing", "source a/1.json", "source a/2.json", "problem b/dangling.json",
		"problem b", "source c/3.json", "problem empty", "source -"}, walked)

	walked = nil
	for s := range Walk(paths, nil, report) {
		walked = append(walked, "source "+rel(s.Name))
		if len(walked) == 2 {
			break
		}
	}
	assert.Equal(t, []string{"problem missing", "source a/1.json"}, walked, "stopping stops the walk")
}

// ParallelSeq and RenderSeq, over a sequence of sources, give what
// Parallel and Render give over the same sources in a slice.
func TestParallelSeqAndRenderSeqAreTheSliceForms(t *testing.T) {
	var srcs []Source
	for i := range 40 {
		recs := synthRecords(t, 16<<10+i*512)
		if i%3 == 0 {
			srcs = append(srcs, ReaderSource(fmt.Sprintf("%d.json.gz", i), bytes.NewReader(gz(t, s3File(recs)))))
		} else {
			srcs = append(srcs, ReaderSource(fmt.Sprintf("%d.ndjson", i), bytes.NewReader(ndjson(recs))))
		}
	}
	srcs = replayable(t, srcs)
	render := func() RenderFunc {
		return func(dst []byte, r *Record) []byte { return fmt.Appendf(dst, "%s %d\n", r.Origin, len(r.Message)) }
	}
	rd := &Reader{chunkSize: 4096}
	opt := ParallelOptions{Workers: 2, Readers: 2}
	var want, got bytes.Buffer
	wantSt, err := rd.Render(context.Background(), srcs, opt, render, &want)
	require.NoError(t, err)
	gotSt, err := rd.RenderSeq(context.Background(), slices.Values(srcs), opt, render, &got)
	require.NoError(t, err)
	assert.Equal(t, wantSt, gotSt)
	assert.True(t, want.String() == got.String(), "RenderSeq's output differs from Render's")
	assert.Equal(t, 40, gotSt.Files)

	count := func(seq bool) (Stats, []int) {
		perSource := make([]int, len(srcs))
		mu := make(chan struct{}, 1)
		work := func(_ int, b *Batch) error {
			mu <- struct{}{}
			perSource[b.Source] += len(b.Records)
			<-mu
			return nil
		}
		var st Stats
		var err error
		if seq {
			st, err = rd.ParallelSeq(context.Background(), slices.Values(srcs), opt, work)
		} else {
			st, err = rd.Parallel(context.Background(), srcs, opt, work)
		}
		require.NoError(t, err)
		return st, perSource
	}
	wantSt, wantPer := count(false)
	gotSt, gotPer := count(true)
	assert.Equal(t, wantSt, gotSt)
	assert.Equal(t, wantPer, gotPer, "records per source, by position in the sequence")
}
