package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cwpat/cwpat/backtest"
)

// TextOptions control WriteText.
type TextOptions struct {
	// MaxTransitions caps the state changes listed per rule (0: 20); the
	// JSON report always has them all.
	MaxTransitions int
}

// WriteText renders the report as a table followed by each alarm's state
// changes.
func WriteText(w io.Writer, rep *backtest.Report, opt TextOptions) error {
	if opt.MaxTransitions <= 0 {
		opt.MaxTransitions = 20
	}
	ew := &errWriter{w: w}
	records := plural(rep.Stats.Records, "record")
	ew.printf("%s over %s from %s (%s)", plural(len(rep.Rules), "rule"), records,
		plural(rep.Stats.Files, "file"), bytesText(rep.Stats.Bytes))
	if !rep.From.IsZero() {
		ew.printf(", %s to %s", rep.From.Format(time.RFC3339), rep.To.Format(time.RFC3339))
	}
	ew.printf("\n")
	if rep.Stats.Skipped > 0 {
		ew.printf("%s skipped (stderr says why)\n", plural(rep.Stats.Skipped, "record"))
	}
	if rep.OutsideWindow > 0 {
		ew.printf("%s outside the time window left out\n", plural(rep.OutsideWindow, "record"))
	}
	if n := rep.Stats.DigestFiles; n > 0 {
		ew.printf("%s skipped (CloudTrail digest files hold hashes, not records)\n", plural(n, "digest file"))
	}
	ew.printf("\n")
	rows := [][]string{{"RULE", "MATCHED", "PEAK", "ALARM WHEN", "ALARMS", "IN ALARM", "FIRST ALARM"}}
	for i := range rep.Rules {
		r := &rep.Rules[i]
		first := "-"
		if t, ok := r.FirstAlarm(); ok {
			first = t.Format(time.RFC3339)
		}
		rows = append(rows, []string{r.ID, thousands(r.Matched), num(r.Peak), alarmWhen(r.Alarm),
			strconv.Itoa(r.Alarms()), duration(time.Duration(r.AlarmSeconds) * time.Second), first})
	}
	writeTable(ew, rows, []bool{false, true, true, false, true, true, false})
	for i := range rep.Rules {
		r := &rep.Rules[i]
		if len(r.Transitions) == 0 && len(r.Notes) == 0 && len(r.Examples) == 0 {
			continue
		}
		ew.printf("\n%s", r.ID)
		if r.Title != "" {
			ew.printf(": %s", r.Title)
		}
		ew.printf("\n")
		for _, n := range r.Notes {
			ew.printf("  note: %s\n", n)
		}
		if line := topDrivers(r.Drivers); line != "" {
			ew.printf("  most matches: %s\n", line)
		}
		for _, m := range r.Examples {
			ew.printf("  match  %s  %s  %s\n", m.Time.Format(time.RFC3339), orDash(m.EventName), m.Origin)
		}
		for k, t := range r.Transitions {
			if k == opt.MaxTransitions {
				ew.printf("  ... %s (-o json lists them all)\n", plural(len(r.Transitions)-k, "more state change"))
				break
			}
			ew.printf("  %s  %s -> %s  %s\n", t.Time.Format(time.RFC3339), t.From, t.To, t.Reason)
		}
	}
	return ew.err
}

// writeTable writes rows in columns two spaces apart, numbers (right[i])
// aligned right, text left, without trailing blanks.
func writeTable(w io.Writer, rows [][]string, right []bool) {
	widths := make([]int, len(right))
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		for i, cell := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if i > 0 {
				b.WriteString("  ")
			}
			if right[i] {
				b.WriteString(pad + cell)
			} else {
				b.WriteString(cell + pad)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// topDrivers names the most frequent value of each driver field:
// "principal arn:... (854); event GetBucketPolicy (854); ...".
func topDrivers(d *backtest.Drivers) string {
	if d == nil {
		return ""
	}
	var parts []string
	for _, f := range []struct {
		name string
		top  []backtest.Count
	}{{"principal", d.Principals}, {"event", d.EventNames}, {"source IP", d.SourceIPs}, {"user agent", d.UserAgents}} {
		if len(f.top) > 0 {
			v := f.top[0].Value
			if rs := []rune(v); len(rs) > 60 {
				v = string(rs[:59]) + "…"
			}
			parts = append(parts, fmt.Sprintf("%s %s (%s)", f.name, v, thousands(f.top[0].N)))
		}
	}
	return strings.Join(parts, "; ")
}
