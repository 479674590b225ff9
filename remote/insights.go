package remote

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"

	"github.com/cwpat/cwpat/query"
)

// InsightsClient is the part of *cloudwatchlogs.Client the runner calls.
type InsightsClient interface {
	StartQuery(context.Context, *cloudwatchlogs.StartQueryInput, ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.StartQueryOutput, error)
	GetQueryResults(context.Context, *cloudwatchlogs.GetQueryResultsInput, ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.GetQueryResultsOutput, error)
	StopQuery(context.Context, *cloudwatchlogs.StopQueryInput, ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.StopQueryOutput, error)
}

// Insights says where and how to run the counting queries.
type Insights struct {
	Client       InsightsClient
	LogGroupName string
	// Poll is the wait between GetQueryResults calls (default 1s).
	Poll time.Duration
	// Timeout stops a query (StopQuery) that runs longer; zero means no
	// limit beyond Insights' own 60 minutes.
	Timeout time.Duration
	// Chunk is the longest time range one query covers (default
	// DefaultInsightsChunk). A chunk whose per-minute counts reach MaxRows
	// rows is split in two and queried again, until each part fits.
	Chunk time.Duration
	// MaxRows is the most rows one query may return (default and most:
	// Insights' 10,000).
	MaxRows int
}

// DefaultInsightsChunk keeps each query's scan, and its run time against
// Insights' 60-minute limit, modest.
const DefaultInsightsChunk = 30 * 24 * time.Hour

// maxInsightsRows is the most rows GetQueryResults returns for one query.
const maxInsightsRows = 10000

// errTooManyRows says a chunk must be split.
var errTooManyRows = errors.New("too many rows")

func (in *Insights) maxRows() int {
	if in.MaxRows <= 0 || in.MaxRows > maxInsightsRows {
		return maxInsightsRows
	}
	return in.MaxRows
}

// RunInsights counts, per rule and UTC minute, the events each rule matches
// in the log group between start and end, one query per rule and chunk.
func (in *Insights) RunInsights(ctx context.Context, rules []query.Rule, start, end time.Time) (*Result, error) {
	if start.IsZero() || end.IsZero() || !end.After(start) {
		return nil, errors.New("logs-insights needs a time window: --start before --end")
	}
	filters := make([]string, len(rules))
	for i, r := range rules {
		f, _, err := query.Insights(r.FilterPattern)
		if err != nil {
			return nil, query.WithRule(err, r.ID)
		}
		filters[i] = f
	}
	chunk := in.Chunk.Truncate(time.Minute)
	if chunk <= 0 {
		chunk = DefaultInsightsChunk
	}
	// Whole minutes, so that no minute is split between two chunks.
	start, end = start.UTC().Truncate(time.Minute), end.UTC().Add(time.Minute-1).Truncate(time.Minute)
	res := &Result{Counts: make([][]MinuteCount, len(rules))}
	for a := start; a.Before(end); a = a.Add(chunk) {
		b := a.Add(chunk)
		if b.After(end) {
			b = end
		}
		if err := in.span(ctx, a, b, res); err != nil {
			return nil, err
		}
		for i, f := range filters {
			if err := in.count(ctx, rules[i].ID, f, a, b, i, res); err != nil {
				return nil, err
			}
		}
	}
	sortCounts(res.Counts)
	return res, nil
}

// spanQuery finds the records and the eventTime span of a chunk: the
// window the alarm simulation runs over, matched or not.
const spanQuery = "stats count(*) as records, min(eventTime) as first, max(eventTime) as last"

func (in *Insights) start(ctx context.Context, q string, a, b time.Time, res *Result) (*cloudwatchlogs.GetQueryResultsOutput, error) {
	out, err := in.Client.StartQuery(ctx, &cloudwatchlogs.StartQueryInput{
		LogGroupName: aws.String(in.LogGroupName), QueryString: aws.String(q),
		StartTime: aws.Int64(a.Unix()), EndTime: aws.Int64(b.Unix() - 1), Limit: aws.Int32(int32(in.maxRows())),
	})
	if err != nil {
		return nil, fmt.Errorf("logs StartQuery: %w", err)
	}
	id := aws.ToString(out.QueryId)
	res.Queries = append(res.Queries, id)
	got, err := in.wait(ctx, id)
	if err != nil {
		return nil, err
	}
	if got.Statistics != nil {
		res.ScannedBytes += int64(got.Statistics.BytesScanned)
	}
	if len(got.Results) >= in.maxRows() {
		return nil, errTooManyRows
	}
	return got, nil
}

func (in *Insights) span(ctx context.Context, a, b time.Time, res *Result) error {
	got, err := in.start(ctx, spanQuery, a, b, res)
	if err != nil {
		return err
	}
	for _, row := range got.Results {
		var n int64
		var first, last time.Time
		for _, f := range row {
			v := aws.ToString(f.Value)
			switch aws.ToString(f.Field) {
			case "records":
				n, err = strconv.ParseInt(v, 10, 64)
			case "first":
				if v != "" {
					first, err = time.Parse(time.RFC3339, v)
				}
			case "last":
				if v != "" {
					last, err = time.Parse(time.RFC3339, v)
				}
			}
			if err != nil {
				return fmt.Errorf("insights span query: %w", err)
			}
		}
		if n == 0 {
			continue
		}
		res.Records += n
		if res.From.IsZero() || first.Before(res.From) {
			res.From = first
		}
		if last.After(res.To) {
			res.To = last
		}
	}
	return nil
}

// count runs one rule's query over [a, b): Insights' endTime is inclusive,
// in seconds, so the query ends a second before b.
func (in *Insights) count(ctx context.Context, rule, filter string, a, b time.Time, i int, res *Result) error {
	got, err := in.start(ctx, query.InsightsCounts(filter), a, b, res)
	if errors.Is(err, errTooManyRows) {
		// More matching minutes than one query returns: halve the range.
		mid := a.Add(b.Sub(a) / 2).Truncate(time.Minute)
		if !mid.After(a) {
			return fmt.Errorf("rule %s: one minute at %s has more rows than Insights returns", rule, a.Format(time.RFC3339))
		}
		if err := in.count(ctx, rule, filter, a, mid, i, res); err != nil {
			return err
		}
		return in.count(ctx, rule, filter, mid, b, i, res)
	}
	if err != nil {
		return fmt.Errorf("rule %s: %w", rule, err)
	}
	id := res.Queries[len(res.Queries)-1]
	for _, row := range got.Results {
		var minute time.Time
		var n int64
		for _, f := range row {
			switch aws.ToString(f.Field) {
			case "bin(1m)":
				minute, err = time.Parse("2006-01-02 15:04:05.000", aws.ToString(f.Value))
			case "matched":
				n, err = strconv.ParseInt(aws.ToString(f.Value), 10, 64)
			}
			if err != nil {
				return fmt.Errorf("rule %s: insights query %s: %w", rule, id, err)
			}
		}
		if !minute.IsZero() && n > 0 {
			res.Counts[i] = append(res.Counts[i], MinuteCount{Minute: minute, Matched: n})
		}
	}
	return nil
}

// wait polls the query until it finishes, stopping it on timeout.
func (in *Insights) wait(ctx context.Context, id string) (*cloudwatchlogs.GetQueryResultsOutput, error) {
	var got *cloudwatchlogs.GetQueryResultsOutput
	stop := func(ctx context.Context) {
		_, _ = in.Client.StopQuery(ctx, &cloudwatchlogs.StopQueryInput{QueryId: aws.String(id)})
	}
	err := waitFor(ctx, "insights query "+id, in.Poll, in.Timeout, stop, func() (bool, string, error) {
		out, err := in.Client.GetQueryResults(ctx, &cloudwatchlogs.GetQueryResultsInput{QueryId: aws.String(id)})
		if err != nil {
			return false, "", fmt.Errorf("logs GetQueryResults %s: %w", id, err)
		}
		switch out.Status {
		case types.QueryStatusComplete:
			got = out
			return true, "", nil
		case types.QueryStatusFailed, types.QueryStatusCancelled, types.QueryStatusTimeout, types.QueryStatusUnknown:
			return false, "", fmt.Errorf("insights query %s %s", id, out.Status)
		}
		return false, string(out.Status), nil
	})
	return got, err
}
