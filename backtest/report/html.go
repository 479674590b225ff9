package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"time"

	"github.com/cwpat/cwpat/backtest"
	"github.com/cwpat/cwpat/sim"
)

//go:embed report.html.tmpl
var htmlTemplate string

var htmlPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"time":      iso,
	"num":       num,
	"thousands": func(n any) string { return thousands(toInt64(n)) },
	"plural":    func(n any, word string) string { return plural(toInt64(n), word) },
	"bytes":     bytesText,
	"duration":  func(s int64) string { return duration(time.Duration(s) * time.Second) },
	"when":      alarmWhen,
	"mul100":    func(f float64) float64 { return 100 * f },
}).Parse(htmlTemplate))

// HTMLOptions control WriteHTML.
type HTMLOptions struct {
	// Title heads the page.
	Title string
	// MaxRows caps the rows of each collapsed table (state changes, days
	// with alarms) (0: 100); the JSON report always has them all.
	MaxRows int
}

// WriteHTML renders the report as one self-contained HTML page: inline CSS
// and SVG, no scripts and no external assets, so it can be attached to a
// ticket or opened offline. It is written for deciding whether to deploy a
// rule and how to tune it: an overview of every rule on one time axis, then
// per rule the alarms a team would have received per day, what drives the
// matches, and the alarm's state changes (collapsed, with counts).
func WriteHTML(w io.Writer, rep *backtest.Report, opt HTMLOptions) error {
	if opt.Title == "" {
		opt.Title = "cwpat backtest"
	}
	if opt.MaxRows <= 0 {
		opt.MaxRows = 100
	}
	p := htmlView{Title: opt.Title, Report: rep}
	var matched []*backtest.RuleResult
	for i := range rep.Rules {
		v := newRuleView(&rep.Rules[i], rep.To, opt.MaxRows)
		p.Rules = append(p.Rules, v)
		if v.Matched > 0 {
			p.Active = append(p.Active, v)
			matched = append(matched, v.RuleResult)
		} else {
			p.Quiet = append(p.Quiet, v)
		}
		if v.AlarmCount > 0 {
			p.Firing++
		}
	}
	p.Overview = template.HTML(overview(matched)) //nolint:gosec // overview escapes every text it draws
	return htmlPage.Execute(w, p)
}

// maxValue is the longest driver value shown whole (user agents run to
// hundreds of characters); the rest is in the cell's tooltip.
const maxValue = 90

// htmlView is what the template renders.
type htmlView struct {
	Title    string
	Report   *backtest.Report
	Rules    []*ruleView // every rule, in the set's order
	Active   []*ruleView // rules that matched something
	Quiet    []*ruleView // rules that matched nothing: one line each
	Firing   int         // rules whose alarm would have fired
	Overview template.HTML
}

// ruleView is one rule with what the page says about it.
type ruleView struct {
	*backtest.RuleResult
	AlarmCount int
	// Days are the UTC days with alarms, in order; AlarmDays counts them
	// all, MaxPerDay and BusiestDay are the worst one.
	Days       []dayCount
	AlarmDays  int
	MaxPerDay  int
	BusiestDay string
	MoreDays   int
	Chart      template.HTML
	Changes    []sim.Transition
	MoreChange int
	Drivers    []driverTable
}

type dayCount struct {
	Day   string
	N     int
	Share float64 // of MaxPerDay, for the inline bar
}

type driverTable struct {
	Title string
	Rows  []driverRow
}

type driverRow struct {
	Value string // shortened to maxValue runes
	Full  string // the whole value when Value is shortened
	N     int64
	Share float64 // of the rule's matches
}

func newRuleView(r *backtest.RuleResult, end time.Time, maxRows int) *ruleView {
	v := &ruleView{RuleResult: r, AlarmCount: r.Alarms()}
	perDay := map[string]int{}
	for _, t := range r.Transitions {
		if t.To == sim.StateAlarm {
			perDay[t.Time.UTC().Format("2006-01-02")]++
		}
	}
	for d, n := range perDay {
		v.Days = append(v.Days, dayCount{Day: d, N: n})
		if n > v.MaxPerDay || (n == v.MaxPerDay && d < v.BusiestDay) {
			v.MaxPerDay, v.BusiestDay = n, d
		}
	}
	slices.SortFunc(v.Days, func(a, b dayCount) int {
		if a.Day < b.Day {
			return -1
		}
		return 1
	})
	v.AlarmDays = len(v.Days)
	for i := range v.Days {
		v.Days[i].Share = float64(v.Days[i].N) / float64(v.MaxPerDay)
	}
	if len(v.Days) > maxRows {
		v.Days, v.MoreDays = v.Days[:maxRows], len(v.Days)-maxRows
	}
	v.Changes = r.Transitions
	if len(v.Changes) > maxRows {
		v.Changes, v.MoreChange = v.Changes[:maxRows], len(v.Changes)-maxRows
	}
	if r.Matched > 0 {
		v.Chart = template.HTML(chart(r, end)) //nolint:gosec // chart escapes every text it draws
	}
	if d := r.Drivers; d != nil {
		for _, t := range []struct {
			title string
			rows  []backtest.Count
		}{{"Principals", d.Principals}, {"Event names", d.EventNames}, {"Source IPs", d.SourceIPs}, {"User agents", d.UserAgents}} {
			if len(t.rows) == 0 {
				continue
			}
			dt := driverTable{Title: t.title}
			for _, c := range t.rows {
				row := driverRow{Value: c.Value, N: c.N, Share: float64(c.N) / float64(max(r.Matched, 1))}
				if rs := []rune(c.Value); len(rs) > maxValue {
					row.Value, row.Full = string(rs[:maxValue-1])+"…", c.Value
				}
				dt.Rows = append(dt.Rows, row)
			}
			v.Drivers = append(v.Drivers, dt)
		}
	}
	return v
}

// toInt64 takes the int and int64 counts templates pass.
func toInt64(n any) int64 {
	switch v := n.(type) {
	case int:
		return int64(v)
	case int64:
		return v
	}
	panic(fmt.Sprintf("report: count of type %T", n))
}
