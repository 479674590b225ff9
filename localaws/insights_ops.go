package localaws

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"time"
)

// insightsHandlers answers Logs Insights' query calls (part of the
// CloudWatch Logs API).
func insightsHandlers() map[string]handler {
	return map[string]handler{
		"StartQuery":      op(startQuery),
		"GetQueryResults": op(getQueryResults),
		"StopQuery":       op(stopQuery),
	}
}

// insightsState holds finished queries by id.
type insightsState struct {
	runs map[string]*iqRun
	// parsed caches each event's discovered fields (events never change),
	// by group, stream and event id.
	parsed map[string]*iqEvent
}

type iqRun struct {
	status  string
	results [][]iqField
	stats   iqStats
}

type iqField struct {
	Field string `json:"field"`
	Value string `json:"value"`
}

type iqStats struct {
	RecordsMatched float64 `json:"recordsMatched"`
	RecordsScanned float64 `json:"recordsScanned"`
	BytesScanned   float64 `json:"bytesScanned"`
}

type startQueryIn struct {
	LogGroupName        *string  `json:"logGroupName"`
	LogGroupNames       []string `json:"logGroupNames"`
	LogGroupIdentifiers []string `json:"logGroupIdentifiers"`
	StartTime           *int64   `json:"startTime"`
	EndTime             *int64   `json:"endTime"`
	QueryString         *string  `json:"queryString"`
	Limit               *int     `json:"limit"`
}

type queryIDIn struct {
	QueryID string `json:"queryId"`
}

// maxInsightsRows is the most rows a query returns.
const maxInsightsRows = 10000

func (s *Server) insightsState() *insightsState {
	if s.insights == nil {
		s.insights = &insightsState{runs: map[string]*iqRun{}, parsed: map[string]*iqEvent{}}
	}
	return s.insights
}

func startQuery(c *call, in *startQueryIn) (any, error) {
	var v violations
	v.required(in.QueryString, "queryString")
	if in.StartTime == nil {
		v.add(nil, "startTime", "Member must not be null")
	}
	if in.EndTime == nil {
		v.add(nil, "endTime", "Member must not be null")
	}
	if err := v.err("InvalidParameterException", ""); err != nil {
		return nil, err
	}
	if *in.EndTime < *in.StartTime {
		return nil, logsInvalid("End time should not be before the start time")
	}
	names := in.LogGroupNames
	if in.LogGroupName != nil {
		names = append(names, *in.LogGroupName)
	}
	names = append(names, in.LogGroupIdentifiers...)
	if len(names) == 0 {
		return nil, logsInvalid("Log group name or identifier is required")
	}
	q, err := parseInsights(*in.QueryString)
	if err != nil {
		return nil, &awsError{Code: "MalformedQueryException", Message: err.Error(), Status: http.StatusBadRequest}
	}
	if in.Limit != nil {
		q.limit = *in.Limit
	}
	run := &iqRun{status: "Complete"}
	cache := c.srv.insightsState()
	from, to := *in.StartTime*1000, *in.EndTime*1000+999 // endTime is inclusive, in seconds
	var matched []*iqEvent
	var times []int64 // @timestamp of each matched event
	for _, name := range names {
		g, err := c.group(name)
		if err != nil {
			return nil, err
		}
		for sn, st := range g.streams {
			for _, e := range st.events {
				if e.ts < from || e.ts > to {
					continue
				}
				run.stats.RecordsScanned++
				run.stats.BytesScanned += float64(len(e.msg))
				key := name + "\x00" + sn + "\x00" + e.id
				ev := cache.parsed[key]
				if ev == nil {
					ev = newIQEvent(e, sn, c.account+":"+name)
					cache.parsed[key] = ev
				}
				if q.keeps(ev) {
					matched = append(matched, ev)
					times = append(times, e.ts)
				}
			}
		}
	}
	run.stats.RecordsMatched = float64(len(matched))
	if q.hasStats {
		run.results = q.aggregate(matched, times)
	} else {
		run.results = q.rows(matched, times)
	}
	id := newRequestID()
	c.srv.insightsState().runs[id] = run
	return map[string]string{"queryId": id}, nil
}

func (q *iqQuery) keeps(ev *iqEvent) bool {
	for _, f := range q.filters {
		if !ev.truth(f) {
			return false
		}
	}
	return true
}

func iqTime(ms int64) string {
	return time.UnixMilli(ms).UTC().Format("2006-01-02 15:04:05.000")
}

// aggregate computes the stats command, one row per bin (ascending) or one
// row over all events.
func (q *iqQuery) aggregate(events []*iqEvent, times []int64) [][]iqField {
	groups := map[int64][]int{}
	for i, t := range times {
		key := int64(0)
		if q.statsBin > 0 {
			key = t - t%q.statsBin
		}
		groups[key] = append(groups[key], i)
	}
	keys := make([]int64, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	if q.statsBin == 0 && len(keys) == 0 {
		keys, groups = []int64{0}, map[int64][]int{0: nil}
	}
	var out [][]iqField
	for _, k := range keys {
		if len(out) == min(q.limit, maxInsightsRows) {
			break
		}
		var row []iqField
		if q.statsBin > 0 {
			row = append(row, iqField{q.binLabel, iqTime(k)})
		}
		for _, a := range q.stats {
			row = append(row, iqField{a.name, a.compute(events, times, groups[k])})
		}
		out = append(out, row)
	}
	return out
}

// compute is one aggregation over the events at idx. min and max of
// @timestamp are timestamps; of other fields, numbers when every value is
// one, else text.
func (a iqAgg) compute(events []*iqEvent, times []int64, idx []int) string {
	if a.fn == "count" {
		return strconv.Itoa(len(idx))
	}
	if a.field == "@timestamp" {
		var best int64
		for n, i := range idx {
			if n == 0 || a.fn == "min" && times[i] < best || a.fn == "max" && times[i] > best {
				best = times[i]
			}
		}
		if len(idx) == 0 {
			return ""
		}
		return iqTime(best)
	}
	var best *iqValue
	for _, i := range idx {
		v, ok := events[i].fields[a.field]
		if !ok {
			continue
		}
		if best == nil {
			best = &v
			continue
		}
		less := v.text < best.text
		if v.isNum && best.isNum {
			less = v.num < best.num
		}
		if less == (a.fn == "min") && v.text != best.text {
			best = &v
		}
	}
	if best == nil {
		return ""
	}
	return best.text
}

func (q *iqQuery) rows(events []*iqEvent, times []int64) [][]iqField {
	idx := make([]int, len(events))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		if q.sortDesc {
			return times[idx[a]] > times[idx[b]]
		}
		return times[idx[a]] < times[idx[b]]
	})
	var out [][]iqField
	for _, i := range idx {
		if len(out) == q.limit {
			break
		}
		out = append(out, []iqField{{"@timestamp", iqTime(times[i])}, {"@message", events[i].fields["@message"].text}})
	}
	return out
}

func getQueryResults(c *call, in *queryIDIn) (any, error) {
	run := c.srv.insightsState().runs[in.QueryID]
	if run == nil {
		return nil, &awsError{Code: "ResourceNotFoundException", Message: fmt.Sprintf("Query does not exist: %s", in.QueryID), Status: http.StatusBadRequest}
	}
	results := run.results
	if results == nil {
		results = [][]iqField{}
	}
	return map[string]any{"status": run.status, "results": results, "statistics": run.stats}, nil
}

func stopQuery(c *call, in *queryIDIn) (any, error) {
	run := c.srv.insightsState().runs[in.QueryID]
	if run == nil {
		return nil, &awsError{Code: "ResourceNotFoundException", Message: fmt.Sprintf("Query does not exist: %s", in.QueryID), Status: http.StatusBadRequest}
	}
	// Queries here finish when started, so there is nothing to stop.
	return map[string]bool{"success": false}, nil
}
