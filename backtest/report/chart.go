package report

import (
	"fmt"
	"html"
	"math"
	"strings"
	"time"

	"github.com/cwpat/cwpat/backtest"
	"github.com/cwpat/cwpat/sim"
)

// Chart geometry, in SVG user units (the page scales it to its width).
const (
	chartW           = 900.0
	padL, padR       = 56.0, 12.0
	minLabelGap      = 12.0 // px between value-axis labels (11px type)
	padT             = 10.0
	plotH            = 120.0
	stripH, stripGap = 16.0, 6.0 // the alarms-per-bucket strip under the bars
	axisH            = 22.0
	maxChartUnits    = 160 // buckets (and gaps) a chart's axis may hold
	minChartUnits    = 48
	minTickPx        = 125.0
)

// series is one rule's metric and alarms laid onto an axis.
type series struct {
	ax     axis
	values []float64 // per slot: the alarm's statistic (per-period axis) or the sum
	alarms []int     // per slot: transitions into ALARM
	stat   sim.Statistic
	// perPeriod is true when a bucket is the alarm's period, so the values
	// are what the alarm compares with its threshold.
	perPeriod bool
}

// ruleSeries lays r's datapoints and alarms onto the axis that fits them.
func ruleSeries(r *backtest.RuleResult) series {
	period := r.Alarm.PeriodDuration()
	if period < time.Minute {
		period = time.Minute
	}
	ts := make([]time.Time, 0, len(r.Series)+len(r.Transitions))
	for _, p := range r.Series {
		ts = append(ts, p.Timestamp)
	}
	for _, t := range r.Transitions {
		if t.To == sim.StateAlarm {
			ts = append(ts, t.Time)
		}
	}
	s := series{ax: newAxis(ts, period, maxChartUnits), stat: r.Alarm.Statistic}
	s.perPeriod = s.ax.bucket == period
	s.values = make([]float64, len(s.ax.slots))
	s.alarms = make([]int, len(s.ax.slots))
	for _, p := range r.Series {
		if i := s.ax.slotOf(p.Timestamp); i >= 0 {
			if s.perPeriod {
				s.values[i] = p.Value(s.stat)
			} else {
				s.values[i] += p.Sum
			}
		}
	}
	for _, t := range r.Transitions {
		if t.To == sim.StateAlarm {
			if i := s.ax.slotOf(t.Time); i >= 0 {
				s.alarms[i]++
			}
		}
	}
	return s
}

// chart draws one rule over the axis that fits its data: a bar per bucket
// (the alarm's statistic per period, or the metric's sum per hour, day or
// week), the threshold when bars are periods, time in ALARM shaded, the
// alarms each bucket would have sent in a strip below, compressed gaps
// marked, and labelled ticks. Plain SVG, no script; every text is escaped.
func chart(r *backtest.RuleResult, end time.Time) string {
	s := ruleSeries(r)
	plotW := chartW - padL - padR
	h := padT + plotH + stripGap + stripH + axisH
	// A few buckets do not stretch into slabs: the axis is at least
	// minChartUnits wide, drawn from the left.
	unit := plotW / math.Max(s.ax.width, minChartUnits)
	x := func(t time.Time) float64 { return padL + s.ax.x(t)*unit }
	top := 0.0
	for _, v := range s.values {
		top = math.Max(top, v)
	}
	if s.perPeriod {
		top = math.Max(top, r.Alarm.Threshold)
	}
	top = niceCeil(top)
	y := func(v float64) float64 { return padT + plotH - math.Max(0, math.Min(v, top))/top*plotH }

	var b strings.Builder
	what := fmt.Sprintf("%s of the metric per %s", s.stat, s.ax.unit())
	if !s.perPeriod {
		what = "sum of the metric per " + s.ax.unit()
	}
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s">`, chartW, h, esc(r.ID+": "+what))
	fmt.Fprintf(&b, `<rect class="plot" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, padL, padT, plotW, plotH)
	for _, iv := range alarmIntervals(r.Transitions, end) {
		x0, x1 := x(iv[0]), x(iv[1])
		fmt.Fprintf(&b, `<rect class="alarm" x="%.2f" y="%.1f" width="%.2f" height="%.1f"><title>in ALARM %s to %s</title></rect>`,
			x0, padT, math.Max(1.5, x1-x0), plotH, iso(iv[0]), iso(iv[1]))
	}
	barW := math.Max(1, unit*0.85)
	stripY := padT + plotH + stripGap
	for i, sl := range s.ax.slots {
		x0 := padL + sl.x*unit
		if sl.gap {
			fmt.Fprintf(&b, `<g class="gap"><rect x="%.2f" y="%.1f" width="%.2f" height="%.1f"/><title>%s without data (%s to %s)</title></g>`,
				x0, padT, sl.w*unit, plotH+stripGap+stripH, esc(duration(sl.end.Sub(sl.start))), iso(sl.start), iso(sl.end))
			continue
		}
		if v := s.values[i]; v > 0 {
			cls := "bar"
			if s.perPeriod && r.Alarm.Alarm.Breaches(v) {
				cls = "bar breach"
			}
			name := string(s.stat)
			if !s.perPeriod {
				name = "sum"
			}
			fmt.Fprintf(&b, `<rect class="%s" x="%.2f" y="%.2f" width="%.2f" height="%.2f"><title>%s: %s %s</title></rect>`,
				cls, x0, y(v), barW, padT+plotH-y(v), iso(sl.start), esc(name), num(v))
		}
		if n := s.alarms[i]; n > 0 {
			fmt.Fprintf(&b, `<rect class="sent" x="%.2f" y="%.1f" width="%.2f" height="%.1f"><title>%s: %s</title></rect>`,
				x0, stripY, barW, stripH, iso(sl.start), plural(n, "alarm"))
		}
	}
	if s.perPeriod {
		ty := y(r.Alarm.Threshold)
		fmt.Fprintf(&b, `<line class="threshold" x1="%.1f" y1="%.2f" x2="%.1f" y2="%.2f"><title>threshold %s</title></line>`,
			padL, ty, padL+plotW, ty, num(r.Alarm.Threshold))
	}
	yLabels(&b, r, s, top, y)
	xTicks(&b, s, unit, h)
	b.WriteString(`</svg>`)
	return b.String()
}

// yLabels labels the value axis: 0, the top, and the threshold when it is
// drawn and not already the top (one label per value, never two), unless
// it would overlap one of them (a threshold of 1 on a scale of 40): the
// threshold line's title and the caption still give it.
func yLabels(b *strings.Builder, r *backtest.RuleResult, s series, top float64, y func(float64) float64) {
	labels := []float64{0, top}
	if t := r.Alarm.Threshold; s.perPeriod && t != top && t > 0 && t < top &&
		math.Abs(y(t)-y(0)) >= minLabelGap && math.Abs(y(t)-y(top)) >= minLabelGap {
		labels = append(labels, t)
	}
	for _, v := range labels {
		fmt.Fprintf(b, `<text class="label" x="%.1f" y="%.2f" text-anchor="end">%s</text>`, padL-6, y(v)+4, esc(num(v)))
	}
	fmt.Fprintf(b, `<text class="label" x="%.1f" y="%.1f" text-anchor="end">alarms</text>`, padL-6, padT+plotH+stripGap+stripH-4)
}

// xTicks labels the time axis below the alarm strip.
func xTicks(b *strings.Builder, s series, unit, h float64) {
	for _, t := range s.ax.ticks(minTickPx / unit) {
		px := padL + t.x*unit
		if px+labelWidth(t.label) > chartW {
			continue // would run off the chart
		}
		fmt.Fprintf(b, `<line class="tick" x1="%.2f" y1="%.1f" x2="%.2f" y2="%.1f"/>`, px, padT+plotH, px, padT+plotH+stripGap+stripH+3)
		fmt.Fprintf(b, `<text class="label" x="%.2f" y="%.1f">%s</text>`, px+2, h-6, esc(t.label))
	}
}

// alarmIntervals are the [from, to) spans the alarm spent in ALARM; one
// still open at the end of the data lasts until end.
func alarmIntervals(ts []sim.Transition, end time.Time) [][2]time.Time {
	var out [][2]time.Time
	var from time.Time
	for _, t := range ts {
		switch {
		case t.To == sim.StateAlarm:
			from = t.Time
		case t.From == sim.StateAlarm && !from.IsZero():
			out = append(out, [2]time.Time{from, t.Time})
			from = time.Time{}
		}
	}
	if !from.IsZero() {
		out = append(out, [2]time.Time{from, maxTime(end, from.Add(time.Minute))})
	}
	return out
}

// niceCeil rounds v up to a round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8
// times a power of ten; at least 1), close enough that bars fill the plot.
func niceCeil(v float64) float64 {
	if v <= 1 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// iso is the one timestamp format of the page.
func iso(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func esc(s string) string { return html.EscapeString(s) }

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// labelWidth estimates the width of a tick label in 11px system-ui.
func labelWidth(s string) float64 { return 2 + 6.3*float64(len(s)) }
