package localaws

import (
	"github.com/cwpat/cwpat/awslimits"

	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cwpat/cwpat/pattern"
	"github.com/cwpat/cwpat/sim"
)

// CloudWatch Logs: ingesting events (which drives metric filters, metrics and
// alarms) and searching them.

const (
	maxEventsPerPut = 10000
	// An event counts its message's UTF-8 bytes plus 26; one event may
	// count 256 KB and a batch 1 MB (PutLogEvents API reference: "Each log
	// event can be no larger than 256 KB", "The maximum batch size is
	// 1,048,576 bytes ... plus 26 bytes for each log event").
	eventOverhead = 26
	maxEventSize  = 256 * 1024
	maxBatchSize  = 1048576
	// AWS rejects events more than 2 hours ahead and older than 14 days.
	tooNewAfter  = 2 * time.Hour
	tooOldBefore = 14 * 24 * time.Hour
	// A batch may not span more than 24 hours.
	maxBatchSpan = 24 * time.Hour
)

type putLogEventsIn struct {
	LogGroupName  *string         `json:"logGroupName"`
	LogStreamName *string         `json:"logStreamName"`
	LogEvents     []inputLogEvent `json:"logEvents"`
	SequenceToken string          `json:"sequenceToken"`
}

type putLogEventsOut struct {
	NextSequenceToken     string                 `json:"nextSequenceToken,omitempty"`
	RejectedLogEventsInfo *rejectedLogEventsInfo `json:"rejectedLogEventsInfo,omitempty"`
}

func putLogEvents(c *call, in *putLogEventsIn) (any, error) {
	var v violations
	v.logGroupName(in.LogGroupName, "logGroupName")
	if v.required(in.LogStreamName, "logStreamName") && v.length(*in.LogStreamName, "logStreamName", 1, 512) {
		v.match(*in.LogStreamName, "logStreamName", reNoColonAsterisk, shownNoColonAsterisk)
	}
	switch n := len(in.LogEvents); {
	case in.LogEvents == nil:
		v.add(nil, "logEvents", "Member must not be null")
	case n < 1:
		v.add("[]", "logEvents", "Member must have length greater than or equal to 1")
	case n > maxEventsPerPut:
		v.add(fmt.Sprintf("[%d events]", n), "logEvents", "Member must have length less than or equal to 10000")
	}
	for i, e := range in.LogEvents {
		at := "logEvents." + itoa(i+1) + ".member"
		if e.Timestamp == nil {
			v.add(nil, at+".timestamp", "Member must not be null")
		}
		if v.required(e.Message, at+".message") {
			v.length(*e.Message, at+".message", 1, 0)
		}
	}
	if err := v.err("InvalidParameterException", ""); err != nil {
		return nil, err
	}
	if err := checkEventSizes(in.LogEvents); err != nil {
		return nil, err
	}
	for i := 1; i < len(in.LogEvents); i++ {
		if *in.LogEvents[i].Timestamp < *in.LogEvents[i-1].Timestamp {
			return nil, logsInvalid("Log events in a single PutLogEvents request must be in chronological order.")
		}
	}
	first, last := *in.LogEvents[0].Timestamp, *in.LogEvents[len(in.LogEvents)-1].Timestamp
	if time.Duration(last-first)*time.Millisecond > maxBatchSpan {
		return nil, logsInvalid("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.")
	}
	g, err := c.group(*in.LogGroupName)
	if err != nil {
		return nil, err
	}
	s := g.streams[*in.LogStreamName]
	if s == nil {
		return nil, &awsError{Code: "ResourceNotFoundException", Message: "The specified log stream does not exist.", Status: 400}
	}

	now := epochMillis(c.now)
	tooNew := epochMillis(c.now.Add(tooNewAfter))
	tooOld := epochMillis(c.now.Add(-tooOldBefore))
	expired := int64(-1 << 62)
	if g.retention != nil {
		expired = epochMillis(c.now.Add(-time.Duration(*g.retention) * 24 * time.Hour))
	}
	var rejected rejectedLogEventsInfo
	var accepted []logEvent
	for i, e := range in.LogEvents {
		ts := *e.Timestamp
		switch {
		case ts > tooNew:
			if rejected.TooNewLogEventStartIndex == nil {
				rejected.TooNewLogEventStartIndex = intPtr(i)
			}
		case ts < tooOld:
			rejected.TooOldLogEventEndIndex = intPtr(i)
		case ts < expired:
			rejected.ExpiredLogEventEndIndex = intPtr(i)
		default:
			accepted = append(accepted, logEvent{ts: ts, ingest: now, msg: *e.Message, id: c.st.eventID()})
		}
	}
	c.ingest(g, s, accepted)

	out := &putLogEventsOut{NextSequenceToken: fmt.Sprintf("%056d", s.seqToken)}
	if rejected != (rejectedLogEventsInfo{}) {
		out.RejectedLogEventsInfo = &rejected
	}
	return out, nil
}

// ingest stores accepted events in a stream and runs the group's metric
// filters over them: PutLogEvents and CloudTrail's delivery (recorder) both
// come through here.
func (c *call) ingest(g *logGroup, s *logStream, accepted []logEvent) {
	s.events = append(s.events, accepted...)
	c.srv.budget.added(s, len(accepted))
	for _, e := range accepted {
		if s.firstTS == 0 || e.ts < s.firstTS {
			s.firstTS = e.ts
		}
		if e.ts > s.lastTS {
			s.lastTS = e.ts
		}
	}
	if len(accepted) > 0 {
		s.lastIngest = epochMillis(c.now)
	}
	s.seqToken++
	c.runMetricFilters(g, accepted)
}

// runMetricFilters publishes the datapoints of every metric filter of the
// group for the accepted events, through package sim (the same publishing
// cwpat's simulator and backtests use): the metric value for each match and,
// when the filter has a default value, that value for each event that does
// not match. Alarms see the datapoints at their next evaluation.
func (c *call) runMetricFilters(g *logGroup, events []logEvent) {
	if len(events) == 0 {
		return
	}
	in := make([]sim.LogEvent, len(events))
	for i, e := range events {
		in[i] = sim.LogEvent{Time: time.UnixMilli(e.ts).UTC(), Message: []byte(e.msg)}
	}
	for _, name := range sortedFilterNames(g) {
		f := g.filters[name]
		for _, s := range sim.Publish(f.compiled, f.t.DefaultValue, in) {
			c.st.putDatum(f.t.MetricNamespace, f.t.MetricName, s.Dimensions, s.Time, s.Value, f.t.Unit)
		}
	}
}

func sortedFilterNames(g *logGroup) []string {
	names := make([]string, 0, len(g.filters))
	for n := range g.filters {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// eventID returns a new event id, a long decimal string as AWS's are.
func (r *region) eventID() string {
	return fmt.Sprintf("%056d", r.next())
}

type filterLogEventsIn struct {
	LogGroupName        *string  `json:"logGroupName"`
	LogGroupIdentifier  string   `json:"logGroupIdentifier"`
	LogStreamNames      []string `json:"logStreamNames"`
	LogStreamNamePrefix string   `json:"logStreamNamePrefix"`
	StartTime           *int64   `json:"startTime"`
	EndTime             *int64   `json:"endTime"`
	FilterPattern       *string  `json:"filterPattern"`
	NextToken           string   `json:"nextToken"`
	Limit               *int64   `json:"limit"`
}

type filterLogEventsOut struct {
	Events             []filteredLogEvent  `json:"events"`
	SearchedLogStreams []searchedLogStream `json:"searchedLogStreams"`
	NextToken          string              `json:"nextToken,omitempty"`
}

func filterLogEvents(c *call, in *filterLogEventsIn) (any, error) {
	var v violations
	limit := int64(10000)
	if in.Limit != nil {
		limit = *in.Limit
		v.rangeInt(limit, "limit", 1, 10000)
	}
	if in.FilterPattern != nil {
		v.length(*in.FilterPattern, "filterPattern", 0, awslimits.FilterPatternMaxLength)
	}
	if err := v.err("InvalidParameterException", ""); err != nil {
		return nil, err
	}
	if in.LogGroupName != nil && in.LogGroupIdentifier != "" {
		return nil, logsInvalid("LogGroup name and LogGroup ARN are mutually exclusive parameters.")
	}
	if in.LogGroupName == nil && in.LogGroupIdentifier == "" {
		return nil, logsInvalid("Should provide either name or ARN of the log group.")
	}
	if len(in.LogStreamNames) > 0 && in.LogStreamNamePrefix != "" {
		return nil, logsInvalid("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.")
	}
	var m *pattern.Matcher
	if in.FilterPattern != nil && strings.TrimSpace(*in.FilterPattern) != "" {
		var err error
		if m, err = pattern.Compile(*in.FilterPattern); err != nil {
			return nil, patternError(err, msgInvalidFilterPattern)
		}
	}
	g, err := c.group(identifierName(in.LogGroupName, in.LogGroupIdentifier))
	if err != nil {
		return nil, err
	}
	wanted := map[string]bool{}
	for _, n := range in.LogStreamNames {
		wanted[n] = true
	}
	var streams []string
	for n := range g.streams {
		if (len(wanted) == 0 || wanted[n]) && strings.HasPrefix(n, in.LogStreamNamePrefix) {
			streams = append(streams, n)
		}
	}
	sort.Strings(streams)
	var hits []filteredLogEvent
	searched := make([]searchedLogStream, 0, len(streams))
	for _, n := range streams {
		searched = append(searched, searchedLogStream{LogStreamName: n, SearchedCompletely: true})
		for _, e := range g.streams[n].events {
			if in.StartTime != nil && e.ts < *in.StartTime || in.EndTime != nil && e.ts > *in.EndTime {
				continue
			}
			if m != nil && !m.MatchString(e.msg) {
				continue
			}
			hits = append(hits, filteredLogEvent{LogStreamName: n, Timestamp: e.ts, Message: e.msg, IngestionTime: e.ingest, EventID: e.id})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Timestamp < hits[j].Timestamp })
	page, next, err := paginate(hits, in.NextToken, int(limit), logsInvalid("The specified nextToken is invalid."))
	if err != nil {
		return nil, err
	}
	if page == nil {
		page = []filteredLogEvent{}
	}
	return &filterLogEventsOut{Events: page, SearchedLogStreams: searched, NextToken: next}, nil
}

// checkEventSizes refuses a batch holding an event over 256 KB, or over
// 1 MB in all, as AWS does: the whole request fails with
// InvalidParameterException "Log event too large: N bytes exceeds limit of
// 262144" (AWS's text as clients report it), not with a
// rejectedLogEventsInfo index, which PutLogEvents keeps for timestamps.
func checkEventSizes(events []inputLogEvent) error {
	total := 0
	for _, e := range events {
		n := len(*e.Message) + eventOverhead
		if n > maxEventSize {
			return logsInvalid(fmt.Sprintf("Log event too large: %d bytes exceeds limit of %d", n, maxEventSize))
		}
		total += n
	}
	if total > maxBatchSize {
		return logsInvalid(fmt.Sprintf("Upload too large: %d bytes exceeds limit of %d", total, maxBatchSize))
	}
	return nil
}

func intPtr(i int) *int { return &i }

func itoa(i int) string { return strconv.Itoa(i) }
