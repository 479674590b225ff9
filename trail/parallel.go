package trail

import (
	"context"
	"iter"
	"runtime"
	"slices"
	"sync"
)

// Batch is a run of consecutive records of one source, handed to the work
// function of Parallel.
type Batch struct {
	// Records are in input order. Their Message bytes are valid only during
	// the call that receives the batch.
	Records []Record
	// Source is the index of the records' source in the slice given to Parallel.
	Source int
	// Seq numbers the batches of one source from 0, in input order, without gaps.
	Seq int
}

// ParallelOptions tune Parallel. The zero value uses every core.
type ParallelOptions struct {
	// Workers is the number of goroutines that check records and call work;
	// 0 means GOMAXPROCS.
	Workers int
	// Readers is the number of sources read at once; 0 means GOMAXPROCS.
	Readers int
	// OnSourceDone, when set, is called once per source after its last batch
	// was handed out, with the number of batches it had (work may still be
	// running on them). Calls may come from several goroutines.
	OnSourceDone func(source, batches int)
}

// Parallel reads srcs on every core: one goroutine per source being read
// decompresses it and cuts it at line ends, and the workers check the
// records (JSON, eventTime, size) and call work with them, from Workers
// goroutines at once (worker is in [0, Workers)). A single NDJSON file,
// gzip stream or stdin is thus spread over every core. Input that is not
// one record per line (S3 {"Records":[...]} files, pretty-printed records,
// exports, any line with a problem) is read from that point on as Read
// reads it, in the source's goroutine, so records, problems and their
// positions are exactly Read's. Batches of one source may be processed out
// of order; Seq restores it.
//
// Parallel returns the sum of the sources' Stats. It stops early when ctx
// is cancelled or work returns an error, and returns that error.
func (rd *Reader) Parallel(ctx context.Context, srcs []Source, opt ParallelOptions, work func(worker int, b *Batch) error) (Stats, error) {
	return rd.parallel(ctx, slices.Values(srcs), len(srcs), opt, func(worker int, b *Batch, _ func()) (bool, error) {
		return false, work(worker, b)
	})
}

// ParallelSeq is Parallel over a sequence of sources (Walk's), taken one by
// one as readers free up, so memory does not grow with the number of
// sources. Batch.Source is the source's position in the sequence. srcs is
// iterated on a goroutine of its own, so whatever it reports (Walk's
// problems) must be safe for concurrent use with OnProblem.
func (rd *Reader) ParallelSeq(ctx context.Context, srcs iter.Seq[Source], opt ParallelOptions, work func(worker int, b *Batch) error) (Stats, error) {
	return rd.parallel(ctx, srcs, -1, opt, func(worker int, b *Batch, _ func()) (bool, error) {
		return false, work(worker, b)
	})
}

// unit is one piece of work: a chunk of raw lines to check, or records the
// source's goroutine already checked.
type unit struct {
	src   *sourceRun
	seq   int
	chunk *chunk
	batch *recBatch
}

// keepFunc is work that may keep its batch's slot in the source's window of
// units in flight past its return (keep true): it then calls release
// itself. Ordered output uses it to bound what waits to be written.
type keepFunc func(worker int, b *Batch, release func()) (keep bool, err error)

// indexedSource is a source and its position in the input.
type indexedSource struct {
	i   int
	src Source
}

// parallel reads srcs; n is their number, or -1 when unknown.
func (rd *Reader) parallel(ctx context.Context, srcs iter.Seq[Source], n int, opt ParallelOptions, work keepFunc) (Stats, error) {
	workers, readers := opt.Workers, opt.Readers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if readers <= 0 {
		readers = runtime.GOMAXPROCS(0)
	}
	if n >= 0 {
		readers = min(readers, n)
	}
	readers = max(1, readers)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var errOnce sync.Once
	var firstErr error
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err; cancel() })
	}

	units := make(chan unit, 2*workers)
	srcCh := make(chan indexedSource)
	var statsMu sync.Mutex
	var total Stats // summed as sources end: nothing is kept per source
	var readWG sync.WaitGroup
	for range readers {
		readWG.Go(func() {
			for is := range srcCh {
				s := newSourceRun(rd, is.i, is.src, units, workers)
				st := s.read(ctx)
				statsMu.Lock()
				total.Add(st)
				statsMu.Unlock()
				if opt.OnSourceDone != nil {
					opt.OnSourceDone(is.i, s.seq)
				}
			}
		})
	}
	go func() {
		defer close(srcCh)
		i := 0
		for src := range srcs {
			select {
			case srcCh <- indexedSource{i, src}:
			case <-ctx.Done():
				return
			}
			i++
		}
	}()
	go func() { readWG.Wait(); close(units) }()

	var workWG sync.WaitGroup
	for w := range workers {
		workWG.Go(func() { runWorker(ctx, w, units, work, fail) })
	}
	workWG.Wait()

	if firstErr != nil {
		return total, firstErr
	}
	return total, context.Cause(ctx)
}

// runWorker checks and hands over units until the channel closes. After a
// failure it keeps draining, so every source's goroutine can finish.
func runWorker(ctx context.Context, w int, units <-chan unit, work keepFunc, fail func(error)) {
	var lc lineChecker
	b := &Batch{}
	for u := range units {
		var recs []Record
		if u.chunk != nil {
			seq, deliver := u.src.checkChunk(&lc, u.chunk)
			if !deliver {
				u.src.release(u)
				continue
			}
			u.seq, recs = seq, u.chunk.recs
		} else {
			recs = u.batch.recs
		}
		if ctx.Err() != nil {
			u.src.release(u)
			continue
		}
		b.Records, b.Source, b.Seq = recs, u.src.index, u.seq
		release := func() { u.src.release(u) }
		keep, err := work(w, b, release)
		if err != nil {
			fail(err)
		}
		if !keep {
			release()
		}
	}
}
