package report

import (
	"bytes"
	"flag"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/backtest"
)

// htmlOut keeps the year-long page for a look in a browser (see doc.go):
// go test ./backtest/report -run TestYearLongReport -args -html-out /tmp/year.html
var htmlOut = flag.String("html-out", "", "also write the year-long report to this file")

func TestYearLongReport(t *testing.T) {
	rep := yearReport(t)
	var buf bytes.Buffer
	require.NoError(t, WriteHTML(&buf, rep, HTMLOptions{Title: "a year of an active account", MaxRows: 50}))
	page := buf.String()
	if *htmlOut != "" {
		require.NoError(t, os.WriteFile(*htmlOut, buf.Bytes(), 0o644))
	}

	var active, quiet []*backtest.RuleResult
	for i := range rep.Rules {
		if rep.Rules[i].Matched > 0 {
			active = append(active, &rep.Rules[i])
		} else {
			quiet = append(quiet, &rep.Rules[i])
		}
	}
	require.Len(t, rep.Rules, 15)
	require.GreaterOrEqual(t, len(active), 3, "the generated year matches several rules")
	require.NotEmpty(t, quiet)

	t.Run("self-contained", func(t *testing.T) {
		for _, external := range []string{"<script", "src=", `href="http`, "@import", "url(", "<link"} {
			hasNot(t, page, external)
		}
	})
	t.Run("a chart per rule that matched, one line per rule that did not", func(t *testing.T) {
		assert.Equal(t, len(active), strings.Count(page, `<svg class="chart"`))
		assert.Equal(t, 1, strings.Count(page, `<svg class="overview"`))
		for _, r := range active {
			has(t, page, `<section class="rule" id="`+r.ID+`">`)
		}
		for _, r := range quiet {
			has(t, page, `<tr><td id="`+r.ID+`" class="ts">`)
			hasNot(t, page, `<section class="rule" id="`+r.ID+`">`)
		}
	})
	t.Run("time axes fit the data", func(t *testing.T) {
		for _, r := range active {
			s := ruleSeries(r)
			assert.LessOrEqual(t, s.ax.width, float64(maxChartUnits), r.ID)
			assert.NotEmpty(t, s.ax.ticks(minTickPx/((chartW-padL-padR)/s.ax.width)), r.ID)
		}
		// The two weeks without records are one compressed gap on the
		// daily overview, not fourteen empty days.
		if !regexp.MustCompile(`<title>\d+d(\d+h)? without matches \(2025-07-`).MatchString(page) {
			t.Error("the weeks without records are not one compressed gap")
		}
	})
	t.Run("each chart labels every value once", func(t *testing.T) {
		for _, svg := range regexp.MustCompile(`(?s)<svg class="chart".*?</svg>`).FindAllString(page, -1) {
			seen := map[string]bool{}
			var ys []float64
			for _, m := range regexp.MustCompile(`<text class="label" x="50.0" y="([^"]+)" text-anchor="end">([^<]+)</text>`).FindAllStringSubmatch(svg, -1) {
				assert.False(t, seen[m[2]], "y label %q twice", m[2])
				seen[m[2]] = true
				y, err := strconv.ParseFloat(m[1], 64)
				require.NoError(t, err)
				for _, other := range ys {
					assert.GreaterOrEqual(t, math.Abs(y-other), minLabelGap, "y label %q overlaps another", m[2])
				}
				ys = append(ys, y)
			}
			assert.True(t, seen["0"], "the value axis starts at a labelled 0")
		}
	})
	t.Run("timestamps never break mid-word", func(t *testing.T) {
		for _, m := range regexp.MustCompile(`<td([^>]*)>\d{4}-\d\d-\d\dT`).FindAllStringSubmatch(page, -1) {
			assert.Contains(t, m[1], `class="ts"`)
		}
	})
	t.Run("long tables are collapsed with counts", func(t *testing.T) {
		noisy := active[0]
		for _, r := range active {
			if len(r.Transitions) > len(noisy.Transitions) {
				noisy = r
			}
		}
		require.Greater(t, len(noisy.Transitions), 50, "the generated year has a noisy rule")
		has(t, page, "<summary>State changes: "+itoa(len(noisy.Transitions))+"</summary>")
		has(t, page, "more state changes (-o json lists them all)")
		assert.LessOrEqual(t, strings.Count(page, "→"), 50*len(active))
	})
	t.Run("drivers, alarms per day, severity and controls", func(t *testing.T) {
		has(t, page, "What drives the matches")
		has(t, page, "arn:aws:iam::111122223333:role/scanner")
		has(t, page, "GetBucketPolicy")
		has(t, page, "aws-sdk-go-v2/1.30")
		has(t, page, "Alarms per day: ")
		has(t, page, `<span class="sev sev-`)
		has(t, page, "CloudWatch.1")
		has(t, page, "CIS 4.3 (v5.0.0)")
	})
	t.Run("plurals", func(t *testing.T) {
		for _, re := range []string{`\b1 (rules|records|files|alarms|days|events|state changes)\b`, `>1</b><span>(events|alarms|days)`} {
			if m := regexp.MustCompile(re).FindString(page); m != "" {
				t.Errorf("wrong plural: %q", m)
			}
		}
	})
}

func itoa(n int) string { return thousands(int64(n)) }

// has and hasNot check the page without printing it (it is long).
func has(t *testing.T, page, s string, _ ...any) {
	t.Helper()
	if !strings.Contains(page, s) {
		t.Errorf("the page lacks %q", s)
	}
}

func hasNot(t *testing.T, page, s string, _ ...any) {
	t.Helper()
	if strings.Contains(page, s) {
		t.Errorf("the page has %q", s)
	}
}

// A threshold close to 0 or to the top of the scale is drawn, not labelled
// on top of their labels.
func TestThresholdLabelNeverOverlaps(t *testing.T) {
	y := func(v float64) float64 { return 120 - 3*v } // 0 at 120, 40 at 0
	for threshold, labelled := range map[float64]bool{1: false, 20: true, 39: false} {
		var b strings.Builder
		r := &backtest.RuleResult{}
		r.Alarm.Threshold = threshold
		yLabels(&b, r, series{perPeriod: true}, 40, y)
		assert.Equal(t, labelled, strings.Contains(b.String(), ">"+num(threshold)+"<"), "threshold %v", threshold)
	}
}
