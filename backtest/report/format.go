package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/cwpat/cwpat/backtest"
	"github.com/cwpat/cwpat/sim"
)

// alarmWhen renders the alarm condition: "Sum >= 1 per 5m, 2 of 3".
func alarmWhen(a backtest.AlarmSettings) string {
	op := map[sim.ComparisonOperator]string{
		sim.GreaterThanOrEqualToThreshold: ">=", sim.GreaterThanThreshold: ">",
		sim.LessThanThreshold: "<", sim.LessThanOrEqualToThreshold: "<=",
	}[a.ComparisonOperator]
	if op == "" {
		op = string(a.ComparisonOperator)
	}
	s := fmt.Sprintf("%s %s %s per %s", a.Statistic, op, num(a.Threshold), duration(a.PeriodDuration()))
	if a.EvaluationPeriods > 1 {
		s += fmt.Sprintf(", %d of %d", a.M(), a.EvaluationPeriods)
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

// plural renders "1 rule", "2 rules", "1,024 records"; words ending in s,
// x or ch take "es" ("2 matches").
func plural[N int | int64](n N, word string) string {
	if n == 1 {
		return "1 " + word
	}
	suffix := "s"
	if strings.HasSuffix(word, "s") || strings.HasSuffix(word, "x") || strings.HasSuffix(word, "ch") {
		suffix = "es"
	}
	return thousands(int64(n)) + " " + word + suffix
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
	return plural(n, "byte")
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
