package backtest

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/trail"
)

// Options tune a run. The zero value uses every core.
type Options struct {
	// Workers is the number of matcher goroutines; 0 means GOMAXPROCS.
	Workers int
	// Readers is the number of sources decompressed at once; 0 means
	// GOMAXPROCS (a gzip stream decompresses on one core, so files, not
	// bytes, are what reading spreads over cores).
	Readers int
	// MaxEventSize is trail.Reader's; 0 means CloudTrail's 256 KB.
	MaxEventSize int
	// OnProblem receives every problem in the input. Calls are serialised.
	OnProblem func(diag.Diagnostic)
	// OnProgress receives the bytes read from sources as reading goes.
	// Calls are serialised.
	OnProgress func(n int64)
	// Start and End, when set, keep only records with Start <= eventTime <
	// End; the alarm is then created at the first record kept.
	Start, End time.Time
}

// inWindow reports whether t is inside the options' time window.
func (o *Options) inWindow(t time.Time) bool {
	return (o.Start.IsZero() || !t.Before(o.Start)) && (o.End.IsZero() || t.Before(o.End))
}

// Batching: readers hand records to matchers in batches so the channel
// costs nothing per record.
const (
	batchBytes   = 512 << 10
	batchRecords = 2048
)

// item is one record in a batch: its message is buf[off:end].
type item struct {
	off, end int
	at       time.Time
	origin   trail.Origin
}

type batch struct {
	buf   []byte
	items []item
}

var batchPool = sync.Pool{New: func() any {
	return &batch{buf: make([]byte, 0, batchBytes+64<<10), items: make([]item, 0, batchRecords)}
}}

// Run replays srcs through rules and reports what CloudWatch would have
// published and alarmed on. Input problems are reported through
// opt.OnProblem and never stop the run; Run fails only when the rules do
// not compile or ctx is cancelled.
func Run(ctx context.Context, rules []Rule, srcs []trail.Source, opt Options) (*Report, error) {
	start := time.Now()
	crules, set, err := compile(rules)
	if err != nil {
		return nil, err
	}
	workers, readers := opt.Workers, opt.Readers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if readers <= 0 {
		readers = runtime.GOMAXPROCS(0)
	}
	readers = max(1, min(readers, len(srcs)))

	var mu sync.Mutex // serialises the callbacks
	rd := &trail.Reader{MaxEventSize: opt.MaxEventSize}
	if opt.OnProblem != nil {
		rd.OnProblem = func(d diag.Diagnostic) { mu.Lock(); defer mu.Unlock(); opt.OnProblem(d) }
	}
	if opt.OnProgress != nil {
		rd.OnProgress = func(n int64) { mu.Lock(); defer mu.Unlock(); opt.OnProgress(n) }
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srcCh := make(chan trail.Source)
	batches := make(chan *batch, 2*workers)
	stats := make([]trail.Stats, readers)
	outside := make([]int64, readers)

	var readWG sync.WaitGroup
	for r := range readers {
		readWG.Go(func() { stats[r], outside[r] = readSources(ctx, rd, srcCh, batches, &opt) })
	}
	go func() {
		defer close(srcCh)
		for _, s := range srcs {
			select {
			case srcCh <- s:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { readWG.Wait(); close(batches) }()

	tallies := make([]*tally, workers)
	needEvents := false
	for _, c := range crules {
		needEvents = needEvents || c.defaultVal != nil
	}
	var workWG sync.WaitGroup
	for w := range workers {
		t := newTally(len(crules))
		tallies[w] = t
		workWG.Go(func() { match(crules, set, batches, t, needEvents) })
	}
	workWG.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	total := tallies[0]
	for _, t := range tallies[1:] {
		total.merge(t)
	}
	rep := &Report{From: total.from, To: total.to}
	for r, s := range stats {
		rep.Stats.Add(s)
		rep.OutsideWindow += outside[r]
	}
	rep.Rules = make([]RuleResult, len(crules))
	for i, c := range crules {
		rep.Rules[i] = result(c, &total.rules[i], total.events, total.from, total.to)
		if total.rules[i].matched > 0 {
			rep.Rules[i].Drivers = total.rules[i].drivers.top()
		}
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

var errStopped = errors.New("backtest: stopped")

// readSources reads sources from srcCh until it closes, batching records.
func readSources(ctx context.Context, rd *trail.Reader, srcCh <-chan trail.Source, out chan<- *batch, opt *Options) (trail.Stats, int64) {
	var total trail.Stats
	var outside int64
	b := batchPool.Get().(*batch)
	flush := func() error {
		select {
		case out <- b:
		case <-ctx.Done():
			return errStopped
		}
		b = batchPool.Get().(*batch)
		return nil
	}
	for src := range srcCh {
		st, err := rd.Read(src, func(r *trail.Record) error {
			if !opt.inWindow(r.Time) {
				outside++
				return nil
			}
			off := len(b.buf)
			b.buf = append(b.buf, r.Message...)
			b.items = append(b.items, item{off: off, end: len(b.buf), at: r.Time, origin: r.Origin})
			if len(b.buf) >= batchBytes || len(b.items) >= batchRecords {
				return flush()
			}
			return nil
		})
		total.Add(st)
		if err != nil {
			return total, outside
		}
	}
	if len(b.items) > 0 {
		_ = flush()
	}
	return total, outside
}

// match runs the rule set over every record of every batch into t.
func match(rules []*compiled, set interface {
	Match([]byte, []bool) int
}, in <-chan *batch, t *tally, needEvents bool) {
	matched := make([]bool, len(rules))
	for b := range in {
		for _, it := range b.items {
			msg := b.buf[it.off:it.end]
			minute := it.at.Unix() / 60
			if it.at.Unix()%60 < 0 {
				minute--
			}
			t.records++
			t.see(it.at)
			if needEvents {
				t.events[minute]++
			}
			if set.Match(msg, matched) == 0 {
				continue
			}
			fields := readFields(msg)
			for i, ok := range matched {
				if ok {
					publish(rules[i], &t.rules[i], msg, it, minute, &fields)
				}
			}
		}
		b.buf, b.items = b.buf[:0], b.items[:0]
		batchPool.Put(b)
	}
}

// publish records a match of rule c and what its metric filter publishes.
func publish(c *compiled, r *ruleTally, msg []byte, it item, minute int64, fields *recordFields) {
	r.seeMatch(it.at)
	r.drivers.add(fields)
	if len(r.examples) < maxExamples || !it.at.After(r.examples[len(r.examples)-1].Time) {
		r.examples = keepEarliest(r.examples, Match{Time: it.at, Origin: it.origin,
			EventName: strings.Clone(fields[drvEventName])})
	}
	value := c.constant
	if !c.isConstant {
		dp, ok := c.filter.Apply(msg)
		if !ok {
			return // AWS publishes nothing when the value or a dimension is missing
		}
		if len(dp.Dimensions) > 0 {
			r.published++
			if c.defaultVal != nil {
				r.pubPerMin[minute]++
			}
			return // an alarm without dimensions does not see this metric
		}
		value = dp.Value
	}
	r.published++
	if c.defaultVal != nil {
		r.pubPerMin[minute]++
	}
	r.publish(minute, value)
}
