package backtest

import (
	"context"
	"iter"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
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
	// MatchesOnly leaves out what only the alarm needs: the rules' results
	// carry what matched (Matched, Published, FirstMatch, LastMatch,
	// Examples, Drivers) and no Series, Peak or Transitions, and no memory
	// is spent on periods (cwpat match --count).
	MatchesOnly bool
}

// inWindow reports whether t is inside the options' time window.
func (o *Options) inWindow(t time.Time) bool {
	return (o.Start.IsZero() || !t.Before(o.Start)) && (o.End.IsZero() || t.Before(o.End))
}

// Run replays srcs through rules and reports what CloudWatch would have
// published and alarmed on. Input problems are reported through
// opt.OnProblem and never stop the run; Run fails only when the rules do
// not compile or ctx is cancelled.
func Run(ctx context.Context, rules []Rule, srcs []trail.Source, opt Options) (*Report, error) {
	return run(ctx, rules, slices.Values(srcs), len(srcs), opt)
}

// RunSeq is Run over a sequence of sources (trail.Walk's), taken one by
// one as they are read: memory does not grow with the number of files.
// srcs is iterated on a goroutine of its own while records are matched, so
// what it reports must be safe for concurrent use with opt.OnProblem.
func RunSeq(ctx context.Context, rules []Rule, srcs iter.Seq[trail.Source], opt Options) (*Report, error) {
	return run(ctx, rules, srcs, -1, opt)
}

// run is Run over srcs, n of them (-1 when unknown).
func run(ctx context.Context, rules []Rule, srcs iter.Seq[trail.Source], n int, opt Options) (*Report, error) {
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
	if n >= 0 {
		readers = min(readers, n)
	}
	readers = max(1, readers)

	var mu sync.Mutex // serialises the callbacks
	rd := &trail.Reader{MaxEventSize: opt.MaxEventSize}
	if opt.OnProblem != nil {
		rd.OnProblem = func(d diag.Diagnostic) { mu.Lock(); defer mu.Unlock(); opt.OnProblem(d) }
	}
	if opt.OnProgress != nil {
		rd.OnProgress = func(n int64) { mu.Lock(); defer mu.Unlock(); opt.OnProgress(n) }
	}

	tallies := make([]*tally, workers)
	outside := make([]int64, workers)
	var withDefault []int
	for i, c := range crules {
		if c.defaultVal != nil {
			withDefault = append(withDefault, i)
		}
	}
	for w := range tallies {
		tallies[w] = newTally(crules, !opt.MatchesOnly)
	}
	matchers := make([]*matcher, workers)
	for w := range matchers {
		matchers[w] = &matcher{rules: crules, set: set, t: tallies[w], matched: make([]bool, len(crules)), withDefault: withDefault}
	}
	st, err := rd.ParallelSeq(ctx, srcs, trail.ParallelOptions{Workers: workers, Readers: readers}, func(w int, b *trail.Batch) error {
		m := matchers[w]
		for i := range b.Records {
			r := &b.Records[i]
			if !opt.inWindow(r.Time) {
				outside[w]++
				continue
			}
			m.match(r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	total := tallies[0]
	for w, t := range tallies[1:] {
		total.merge(t)
		tallies[w+1], matchers[w+1] = nil, nil // free as the report grows
	}
	rep := &Report{From: total.from, To: total.to, Stats: st}
	for _, n := range outside {
		rep.OutsideWindow += n
	}
	rep.Rules = make([]RuleResult, len(crules))
	for i, c := range crules {
		if opt.MatchesOnly {
			rep.Rules[i] = matches(c, &total.rules[i])
		} else {
			rep.Rules[i] = result(c, &total.rules[i], total.from, total.to)
		}
		if total.rules[i].matched > 0 {
			rep.Rules[i].Drivers = total.rules[i].drivers.top()
		}
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// matcher is one worker's matching state.
type matcher struct {
	rules       []*compiled
	set         *pattern.Set
	t           *tally
	matched     []bool
	withDefault []int // the rules with a default value
}

// match runs the rule set over one record into the worker's tally.
func (m *matcher) match(r *trail.Record) {
	t := m.t
	minute := minuteOf(r.Time)
	t.records++
	t.see(r.Time)
	n := m.set.Match(r.Message, m.matched)
	for _, i := range m.withDefault {
		if !m.matched[i] { // a default value publishes for every event the filter does not match
			t.rules[i].periods.add(minute, *m.rules[i].defaultVal, 1)
		}
	}
	if n == 0 {
		return
	}
	fields := readFields(r.Message)
	for i, ok := range m.matched {
		if ok {
			publish(m.rules[i], &t.rules[i], r, minute, &fields)
		}
	}
}

// publish records a match of rule c and what its metric filter publishes.
func publish(c *compiled, r *ruleTally, rec *trail.Record, minute int64, fields *recordFields) {
	msg := rec.Message
	r.seeMatch(rec.Time)
	r.drivers.add(fields)
	if len(r.examples) < maxExamples || !rec.Time.After(r.examples[len(r.examples)-1].Time) {
		r.examples = keepEarliest(r.examples, Match{Time: rec.Time, Origin: rec.Origin,
			EventName: strings.Clone(fields[drvEventName])})
	}
	value := c.constant
	if !c.isConstant {
		dp, ok := c.filter.Apply(msg)
		if !ok {
			// AWS publishes nothing for the match when the value or a
			// dimension is missing: the default value, if any, stands in.
			if c.defaultVal != nil {
				r.periods.add(minute, *c.defaultVal, 1)
			}
			return
		}
		if len(dp.Dimensions) > 0 {
			r.published++
			return // an alarm without dimensions does not see this metric
		}
		value = dp.Value
	}
	r.published++
	r.periods.add(minute, value, 1)
}
