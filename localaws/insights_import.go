package localaws

import (
	"fmt"
	"sort"
)

// ImportedEvent is one log event for ImportLogEvents.
type ImportedEvent struct {
	// Timestamp is milliseconds since the epoch.
	Timestamp int64
	Message   string
}

// ImportLogEvents stores events in a log stream as they are, creating the
// group and stream as needed, without PutLogEvents' checks (events older
// than 14 days, batches over 24 hours) and without running metric filters:
// a way to give the local Insights years of archived records to query.
func (s *Server) ImportLogEvents(account, region, group, stream string, events []ImportedEvent) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.region(account, region)
	g := st.logGroups[group]
	if g == nil {
		g = &logGroup{name: group, created: s.opts.Now().UTC(), class: "STANDARD",
			streams: map[string]*logStream{}, filters: map[string]*metricFilter{}}
		st.logGroups[group] = g
	}
	ls := g.streams[stream]
	if ls == nil {
		ls = &logStream{name: stream, created: s.opts.Now().UTC()}
		g.streams[stream] = ls
	}
	for _, e := range events {
		// The id is unique in the stream, as the Insights cache needs.
		ls.events = append(ls.events, logEvent{ts: e.Timestamp, ingest: e.Timestamp, msg: e.Message, id: fmt.Sprintf("imported-%d", len(ls.events))})
	}
	sort.SliceStable(ls.events, func(i, j int) bool { return ls.events[i].ts < ls.events[j].ts })
	if n := len(ls.events); n > 0 {
		ls.firstTS, ls.lastTS, ls.lastIngest = ls.events[0].ts, ls.events[n-1].ts, ls.events[n-1].ts
	}
}
