package backtest

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cwpat/cwpat/sim"
)

// TextOptions control WriteText.
type TextOptions struct {
	// MaxTransitions caps the state changes listed per rule (0: 20); the
	// JSON report always has them all.
	MaxTransitions int
}

// WriteText renders the report as a table followed by each alarm's state
// changes.
func WriteText(w io.Writer, rep *Report, opt TextOptions) error {
	if opt.MaxTransitions <= 0 {
		opt.MaxTransitions = 20
	}
	ew := &errWriter{w: w}
	records := thousands(rep.Stats.Records) + " records"
	if rep.Stats.Records == 1 {
		records = "1 record"
	}
	ew.printf("%s over %s from %s (%s)", plural(len(rep.Rules), "rule"), records,
		plural(rep.Stats.Files, "file"), bytesText(rep.Stats.Bytes))
	if !rep.From.IsZero() {
		ew.printf(", %s to %s", rep.From.Format(time.RFC3339), rep.To.Format(time.RFC3339))
	}
	ew.printf("\n")
	if rep.Stats.Skipped > 0 {
		ew.printf("%s records skipped (see the problems reported on stderr)\n", thousands(rep.Stats.Skipped))
	}
	if rep.OutsideWindow > 0 {
		ew.printf("%s records outside the time window left out\n", thousands(rep.OutsideWindow))
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
		for _, m := range r.Examples {
			ew.printf("  match  %s  %s  %s\n", m.Time.Format(time.RFC3339), orDash(m.EventName), m.Origin)
		}
		for k, t := range r.Transitions {
			if k == opt.MaxTransitions {
				ew.printf("  ... %d more state changes (-o json lists them all)\n", len(r.Transitions)-k)
				break
			}
			ew.printf("  %s  %s -> %s  %s\n", t.Time.Format(time.RFC3339), t.From, t.To, t.Reason)
		}
	}
	return ew.err
}

// alarmWhen renders the alarm condition: "Sum >= 1 /5m x1".
func alarmWhen(a AlarmSettings) string {
	op := map[sim.ComparisonOperator]string{
		sim.GreaterThanOrEqualToThreshold: ">=", sim.GreaterThanThreshold: ">",
		sim.LessThanThreshold: "<", sim.LessThanOrEqualToThreshold: "<=",
	}[a.ComparisonOperator]
	if op == "" {
		op = string(a.ComparisonOperator)
	}
	s := fmt.Sprintf("%s %s %s per %s", a.Statistic, op, num(a.Threshold), duration(a.PeriodDuration()))
	if a.EvaluationPeriods > 1 {
		s += fmt.Sprintf(", %d of %d", a.DatapointsToAlarm, a.EvaluationPeriods)
	}
	return s
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// duration renders 300s as "5m", 5400s as "1h30m", 0 as "-".
func duration(d time.Duration) string {
	if d <= 0 {
		return "-"
	}
	var b strings.Builder
	for _, u := range []struct {
		d    time.Duration
		unit string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}} {
		if n := d / u.d; n > 0 {
			fmt.Fprintf(&b, "%d%s", n, u.unit)
			d -= n * u.d
		}
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return thousands(int64(n)) + " " + word + "s"
}

// thousands renders 1234567 as "1,234,567".
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func bytesText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// errWriter keeps the first write error so rendering code stays linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return len(p), nil
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }

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
