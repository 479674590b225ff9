package cli

import (
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"
)

// timeWindow is --start-time and --end-time.
type timeWindow struct{ start, end string }

// addTimeWindowFlags defines --start-time and --end-time, named as in
// 'aws logs filter-log-events'.
func addTimeWindowFlags(cmd *cobra.Command, w *timeWindow) {
	f := cmd.Flags()
	f.StringVar(&w.start, "start-time", "", "only records with eventTime at or after this: RFC 3339 (2024-01-02T15:04:05Z), a date (2024-01-02, UTC) or epoch milliseconds as in aws logs")
	f.StringVar(&w.end, "end-time", "", "only records with eventTime before this (same forms as --start-time)")
}

// parse returns the window; zero times mean unbounded.
func (w timeWindow) parse() (start, end time.Time, err error) {
	if start, err = parseTimeFlag("--start-time", w.start); err != nil {
		return
	}
	if end, err = parseTimeFlag("--end-time", w.end); err != nil {
		return
	}
	if !start.IsZero() && !end.IsZero() && !start.Before(end) {
		err = fmt.Errorf("--start-time %s is not before --end-time %s", start.Format(time.RFC3339), end.Format(time.RFC3339))
	}
	return
}

// parseTimeFlag reads RFC 3339, a UTC date, or epoch milliseconds (the
// unit 'aws logs' uses for --start-time).
func parseTimeFlag(flag, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if ms, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.UnixMilli(ms).UTC(), nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%s %q: want RFC 3339 (2024-01-02T15:04:05Z), a date (2024-01-02) or epoch milliseconds", flag, v)
}
