package trail

import (
	"context"
	"io"
	"iter"
	"runtime"
	"slices"
	"sync"
)

// RenderFunc appends what to write for one record to dst (nothing, to
// leave the record out) and returns it.
type RenderFunc func(dst []byte, r *Record) []byte

// Render writes to w, in input order (source by source, record by
// record, exactly as Read would visit them), what render appends for each
// record of srcs, while reading and rendering on every core as Parallel
// does. newRender is called once per worker goroutine, so each render
// function may keep scratch space of its own. What waits to be written is
// bounded by the units each source may have in flight.
//
// Render stops early when ctx is cancelled or a write fails, and returns
// that error.
func (rd *Reader) Render(ctx context.Context, srcs []Source, opt ParallelOptions, newRender func() RenderFunc, w io.Writer) (Stats, error) {
	return rd.render(ctx, slices.Values(srcs), len(srcs), opt, newRender, w)
}

// RenderSeq is Render over a sequence of sources (Walk's), taken one by one
// as ParallelSeq takes them: memory does not grow with their number.
func (rd *Reader) RenderSeq(ctx context.Context, srcs iter.Seq[Source], opt ParallelOptions, newRender func() RenderFunc, w io.Writer) (Stats, error) {
	return rd.render(ctx, srcs, -1, opt, newRender, w)
}

func (rd *Reader) render(ctx context.Context, srcs iter.Seq[Source], n int, opt ParallelOptions, newRender func() RenderFunc, w io.Writer) (Stats, error) {
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	renders := make([]RenderFunc, opt.Workers)
	for i := range renders {
		renders[i] = newRender()
	}
	ow := &orderedWriter{w: w, total: map[int]int{}, pending: map[[2]int]pendingOut{}}
	done := opt.OnSourceDone
	opt.OnSourceDone = func(src, n int) {
		ow.sourceDone(src, n)
		if done != nil {
			done(src, n)
		}
	}
	return rd.parallel(ctx, srcs, n, opt, func(worker int, b *Batch, release func()) (bool, error) {
		out := outBufs.Get().(*[]byte)
		buf := (*out)[:0]
		for i := range b.Records {
			buf = renders[worker](buf, &b.Records[i])
		}
		*out = buf
		return true, ow.put(b.Source, b.Seq, out, release)
	})
}

var outBufs = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

type pendingOut struct {
	out     *[]byte
	release func()
}

// orderedWriter writes rendered batches in source and batch order; the
// worker that completes the next batch in order writes it and whatever
// completed batches follow.
type orderedWriter struct {
	mu      sync.Mutex
	w       io.Writer
	cur     int         // source being written
	next    int         // its next batch
	total   map[int]int // batches per source read to its end and not yet written
	pending map[[2]int]pendingOut
	err     error
}

func (o *orderedWriter) put(src, seq int, out *[]byte, release func()) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.err != nil {
		outBufs.Put(out)
		release()
		return o.err
	}
	o.pending[[2]int{src, seq}] = pendingOut{out, release}
	o.flush()
	return o.err
}

func (o *orderedWriter) sourceDone(src, n int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.total[src] = n
	o.flush()
}

// flush writes the batches that are next in order.
func (o *orderedWriter) flush() {
	for {
		if n, ok := o.total[o.cur]; ok && o.next == n {
			delete(o.total, o.cur)
			o.cur, o.next = o.cur+1, 0
			continue
		}
		p, ok := o.pending[[2]int{o.cur, o.next}]
		if !ok {
			return
		}
		delete(o.pending, [2]int{o.cur, o.next})
		if o.err == nil && len(*p.out) > 0 {
			_, o.err = o.w.Write(*p.out)
		}
		outBufs.Put(p.out)
		p.release()
		o.next++
	}
}
