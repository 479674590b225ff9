package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/cwpat/cwpat/backtest"
	"github.com/cwpat/cwpat/sim"
)

// Overview geometry: one row per rule that matched, one cell per bucket of
// an axis shared by all rules.
const (
	ovW         = 900.0
	ovLabelW    = 210.0
	ovRowH      = 18.0
	ovMaxUnits  = 120
	ovAxisH     = 22.0
	ovTickMinPx = 80.0
)

// overview draws every rule that matched on one shared time axis: a cell per
// bucket shaded by how much matched (log scale), red where the alarm would
// have notified, so one glance shows which rules are noisy and when.
func overview(rules []*backtest.RuleResult) string {
	var ts []time.Time
	for _, r := range rules {
		for _, p := range r.Series {
			ts = append(ts, p.Timestamp)
		}
	}
	if len(ts) == 0 {
		return ""
	}
	ax := newAxis(ts, 24*time.Hour, ovMaxUnits)
	plotW := ovW - ovLabelW - 8
	unit := plotW / math.Max(ax.width, 1)
	h := float64(len(rules))*ovRowH + ovAxisH + 4
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="overview" viewBox="0 0 %.0f %.0f" role="img" aria-label="matches and alarms per %s, every rule">`, ovW, h, ax.unit())
	for _, sl := range ax.slots {
		if sl.gap {
			fmt.Fprintf(&b, `<g class="gap"><rect x="%.2f" y="0" width="%.2f" height="%.1f"/><title>%s without matches (%s to %s)</title></g>`,
				ovLabelW+sl.x*unit, sl.w*unit, float64(len(rules))*ovRowH, esc(duration(sl.end.Sub(sl.start))), iso(sl.start), iso(sl.end))
		}
	}
	for row, r := range rules {
		y := float64(row) * ovRowH
		fmt.Fprintf(&b, `<a href="#%s"><text class="label rule" x="%.1f" y="%.1f" text-anchor="end">%s</text></a>`,
			esc(r.ID), ovLabelW-8, y+ovRowH-5, esc(r.ID))
		sums := make([]float64, len(ax.slots))
		alarms := make([]int, len(ax.slots))
		for _, p := range r.Series {
			if k := ax.slotOf(p.Timestamp); k >= 0 {
				sums[k] += p.Sum
			}
		}
		for _, t := range r.Transitions {
			if t.To == sim.StateAlarm {
				if k := ax.slotOf(t.Time); k >= 0 {
					alarms[k]++
				}
			}
		}
		top := 0.0
		for _, v := range sums {
			top = math.Max(top, v)
		}
		for k, sl := range ax.slots {
			if sl.gap || (sums[k] == 0 && alarms[k] == 0) {
				continue
			}
			cls, opacity := "cell", 0.25+0.75*math.Log1p(sums[k])/math.Log1p(math.Max(top, 1))
			if alarms[k] > 0 {
				cls = "cell alarmed"
			}
			fmt.Fprintf(&b, `<rect class="%s" x="%.2f" y="%.1f" width="%.2f" height="%.1f" fill-opacity="%.2f"><title>%s %s: %s matched, %s</title></rect>`,
				cls, ovLabelW+sl.x*unit, y+2, math.Max(1, unit*0.9), ovRowH-4, opacity,
				esc(r.ID), iso(sl.start), num(sums[k]), plural(alarms[k], "alarm"))
		}
	}
	axisY := float64(len(rules)) * ovRowH
	for _, t := range ax.ticks(ovTickMinPx / unit) {
		px := ovLabelW + t.x*unit
		if px+labelWidth(t.label) > ovW {
			continue
		}
		fmt.Fprintf(&b, `<line class="tick" x1="%.2f" y1="0" x2="%.2f" y2="%.1f"/>`, px, px, axisY+3)
		fmt.Fprintf(&b, `<text class="label" x="%.2f" y="%.1f">%s</text>`, px+2, axisY+16, esc(t.label))
	}
	b.WriteString(`</svg>`)
	return b.String()
}
