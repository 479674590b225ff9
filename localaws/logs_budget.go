package localaws

// The endpoint keeps log events in memory, so a long `cwpat serve` session
// fed by a busy trail would grow without end (about 820 bytes an event).
// eventBudget bounds the events kept over all log groups: past the bound
// the oldest are dropped first, as if their retention had passed. Dropping
// is safe for everything but searching: metric filters ran on each event
// when it arrived, and metrics and alarms keep their own datapoints.

// DefaultMaxEvents is how many log events a Server keeps when
// Options.MaxEvents is 0: a few hundred MB at most, and days of a busy
// account's CloudTrail.
const DefaultMaxEvents = 250_000

// eventBudget remembers in which order the batches of events arrived.
type eventBudget struct {
	limit   int // < 0: no bound
	kept    int
	dropped int64
	batches []keptBatch
}

type keptBatch struct {
	stream *logStream
	n      int
}

func newEventBudget(max int) eventBudget {
	if max == 0 {
		max = DefaultMaxEvents
	}
	return eventBudget{limit: max}
}

// added records n events just appended to stream and drops the oldest
// events of the whole server while more than the limit are kept.
// The caller holds the server's lock.
func (b *eventBudget) added(stream *logStream, n int) {
	if b.limit < 0 || n == 0 {
		return
	}
	b.batches = append(b.batches, keptBatch{stream, n})
	b.kept += n
	for b.kept > b.limit && len(b.batches) > 0 {
		old := &b.batches[0]
		drop := min(old.n, b.kept-b.limit)
		old.stream.dropOldest(drop)
		old.n -= drop
		b.kept -= drop
		b.dropped += int64(drop)
		if old.n == 0 {
			b.batches[0] = keptBatch{}
			b.batches = b.batches[1:]
		}
	}
	if cap(b.batches) > 1024 && len(b.batches) < cap(b.batches)/4 {
		b.batches = append([]keptBatch(nil), b.batches...)
	}
}

// dropOldest forgets the n oldest events of a stream (the first n it
// received), releasing their memory.
func (s *logStream) dropOldest(n int) {
	n = min(n, len(s.events))
	clear(s.events[:n]) // the messages become garbage even while the array lives on
	s.events = s.events[n:]
	if cap(s.events) > 1024 && len(s.events) < cap(s.events)/4 {
		s.events = append([]logEvent(nil), s.events...)
	}
}

// EventsKept reports how many log events the server holds and how many it
// has dropped to stay within Options.MaxEvents.
func (s *Server) EventsKept() (kept int, dropped int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.budget.kept, s.budget.dropped
}
