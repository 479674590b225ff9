package remote

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/cwpat/cwpat/backtest"
)

// MinuteCount is how many records one rule matched in one UTC minute: the
// backtest's own type, so counts go straight into backtest.FromCounts.
type MinuteCount = backtest.MinuteCount

// Result is what a remote run found.
type Result struct {
	// Counts has one list per rule, in the rules' order, sorted by minute;
	// minutes without matches are left out.
	Counts [][]MinuteCount
	// ScannedBytes is what the engine read (Athena bills by it); Insights
	// reports bytes scanned too.
	ScannedBytes int64
	// Queries are the engine's ids of the queries run.
	Queries []string
	// From and To are the earliest and latest eventTime of the records in
	// the window, matched or not, and Records counts them: the span the
	// alarm simulation runs over, as a local backtest's.
	From, To time.Time
	Records  int64
}

// parseMinute reads the counting query's minute column.
func parseMinute(s string) (time.Time, error) {
	t, err := time.Parse("2006-01-02T15:04", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("minute %q: want yyyy-mm-ddThh:mm", s)
	}
	return t, nil
}

func parseCount(s *string) (int64, error) {
	if s == nil {
		return 0, nil
	}
	return strconv.ParseInt(*s, 10, 64)
}

// sortCounts orders each rule's minutes and merges duplicates (Insights
// chunks may split a minute at a chunk edge).
func sortCounts(counts [][]MinuteCount) {
	for i, list := range counts {
		sort.Slice(list, func(a, b int) bool { return list[a].Minute.Before(list[b].Minute) })
		var out []MinuteCount
		for _, m := range list {
			if n := len(out); n > 0 && out[n-1].Minute.Equal(m.Minute) {
				out[n-1].Matched += m.Matched
				continue
			}
			if m.Matched > 0 {
				out = append(out, m)
			}
		}
		counts[i] = out
	}
}

// AthenaPricePerTB is Athena's published price for SQL queries, in US
// dollars per terabyte (10^12 bytes) scanned, in most Regions.
const AthenaPricePerTB = 5.0

// athenaMinimumBytes is the smallest scan Athena bills: 10 MB per query,
// rounded up to the megabyte.
const athenaMinimumBytes = 10 << 20

// AthenaCost is what Athena charges for one query that scanned n bytes:
// rounded up to the next megabyte, at least 10 MB.
func AthenaCost(n int64) float64 {
	mb := (n + (1<<20 - 1)) >> 20 << 20
	if mb < athenaMinimumBytes {
		mb = athenaMinimumBytes
	}
	return float64(mb) / 1e12 * AthenaPricePerTB
}

// Report turns a remote run's counts into the backtest's report: the same
// alarm simulation and the same text, JSON and HTML as a local run over the
// same records. rules are the run's rules, in the same order.
func Report(rules []backtest.Rule, res *Result) (*backtest.Report, error) {
	rep, err := backtest.FromCounts(rules, res.Counts, res.From, res.To)
	if err != nil {
		return nil, err
	}
	rep.Stats.Records = res.Records
	return rep, nil
}
