package backtest

import (
	"fmt"
	"html"
	"math"
	"strings"
	"time"

	"github.com/cwpat/cwpat/sim"
)

// Chart geometry, in SVG user units.
const (
	chartW, chartH = 760.0, 170.0
	padL, padR     = 48.0, 12.0
	padT, padB     = 12.0, 30.0
)

// chart draws one rule's metric against its threshold over [from, to]: a
// bar per alarm period with samples, the threshold as a dashed line, and
// the time the alarm spent in ALARM shaded. It is plain SVG, no script.
func chart(r *RuleResult, from, to time.Time) string {
	stat := r.Alarm.Statistic
	period := r.Alarm.PeriodDuration()
	if period <= 0 {
		period = 5 * time.Minute
	}
	if from.IsZero() {
		return fmt.Sprintf(`<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-label="no records"><rect class="plot" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/><text class="label" x="%.1f" y="%.1f" text-anchor="middle">no records</text></svg>`,
			chartW, chartH, padL, padT, chartW-padL-padR, chartH-padT-padB, padL+(chartW-padL-padR)/2, padT+(chartH-padT-padB)/2)
	}
	// Zoom onto the rule's own data (with a margin of a few periods), so a
	// burst in a long archive is not a one-pixel line.
	if n := len(r.Series); n > 0 {
		margin := 6 * period
		if f := r.Series[0].Timestamp.Add(-margin); f.After(from) {
			from = f
		}
		if t := r.Series[n-1].Timestamp.Add(period + margin); t.Before(to) {
			to = t
		}
	}
	start := sim.PeriodStart(from, period)
	end := sim.PeriodStart(to, period).Add(period)
	span := end.Sub(start).Seconds()
	if span <= 0 {
		span = period.Seconds()
	}
	top := math.Max(r.Peak, r.Alarm.Threshold)
	if top <= 0 {
		top = 1
	}
	top *= 1.15
	plotW, plotH := chartW-padL-padR, chartH-padT-padB
	x := func(t time.Time) float64 { return padL + t.Sub(start).Seconds()/span*plotW }
	y := func(v float64) float64 { return padT + plotH - math.Max(0, math.Min(v, top))/top*plotH }
	barW := math.Max(1.5, period.Seconds()/span*plotW)

	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s">`, chartW, chartH,
		html.EscapeString(r.ID+": "+string(stat)+" per period against the threshold"))
	fmt.Fprintf(&b, `<rect class="plot" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, padL, padT, plotW, plotH)
	// Time in ALARM.
	var alarmFrom time.Time
	for _, t := range r.Transitions {
		switch {
		case t.To == sim.StateAlarm:
			alarmFrom = t.Time
		case t.From == sim.StateAlarm && !alarmFrom.IsZero():
			shade(&b, x(alarmFrom), x(t.Time), plotH)
			alarmFrom = time.Time{}
		}
	}
	if !alarmFrom.IsZero() {
		shade(&b, x(alarmFrom), x(end), plotH)
	}
	for _, p := range r.Series {
		v := p.Value(stat)
		breach := r.Alarm.Breaches(v)
		cls := "bar"
		if breach {
			cls = "bar breach"
		}
		fmt.Fprintf(&b, `<rect class="%s" x="%.2f" y="%.2f" width="%.2f" height="%.2f"><title>%s: %s %s</title></rect>`,
			cls, x(p.Timestamp), y(v), barW, padT+plotH-y(v), p.Timestamp.Format(time.RFC3339), stat, num(v))
	}
	ty := y(r.Alarm.Threshold)
	fmt.Fprintf(&b, `<line class="threshold" x1="%.1f" y1="%.2f" x2="%.1f" y2="%.2f"/>`, padL, ty, padL+plotW, ty)
	fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.2f" text-anchor="end">%s</text>`, padL-4, ty+4, html.EscapeString(num(r.Alarm.Threshold)))
	fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.1f" text-anchor="end">%s</text>`, padL-4, padT+8, html.EscapeString(num(top/1.15)))
	fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.1f">%s</text>`, padL, chartH-10, start.Format("2006-01-02 15:04"))
	fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.1f" text-anchor="end">%s UTC</text>`, padL+plotW, chartH-10, end.Format("2006-01-02 15:04"))
	b.WriteString(`</svg>`)
	return b.String()
}

func shade(b *strings.Builder, x0, x1, h float64) {
	fmt.Fprintf(b, `<rect class="alarm" x="%.2f" y="%.1f" width="%.2f" height="%.1f"/>`, x0, padT, math.Max(1, x1-x0), h)
}
