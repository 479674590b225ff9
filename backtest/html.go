package backtest

import (
	_ "embed"
	"html/template"
	"io"
	"time"
)

//go:embed report.html.tmpl
var htmlTemplate string

var htmlPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"time": func(t time.Time) string { return t.Format(time.RFC3339) },
	"num":  num,
	"thousands": func(n any) string {
		switch v := n.(type) {
		case int:
			return thousands(int64(v))
		case int64:
			return thousands(v)
		}
		return ""
	},
	"bytes":    bytesText,
	"duration": func(s int64) string { return duration(time.Duration(s) * time.Second) },
	"when":     alarmWhen,
}).Parse(htmlTemplate))

// HTMLOptions control WriteHTML.
type HTMLOptions struct {
	// Title heads the page.
	Title string
}

// WriteHTML renders the report as one self-contained HTML page: inline CSS,
// an inline SVG chart per rule, no scripts and no external assets, so it can
// be attached to a ticket or opened offline.
func WriteHTML(w io.Writer, rep *Report, opt HTMLOptions) error {
	if opt.Title == "" {
		opt.Title = "cwpat backtest"
	}
	type ruleView struct {
		*RuleResult
		Chart      template.HTML
		AlarmCount int
	}
	views := make([]ruleView, len(rep.Rules))
	for i := range rep.Rules {
		r := &rep.Rules[i]
		// chart escapes every text it draws; the rest is numbers.
		views[i] = ruleView{RuleResult: r, Chart: template.HTML(chart(r, rep.From, rep.To)), AlarmCount: r.Alarms()} //nolint:gosec
	}
	return htmlPage.Execute(w, map[string]any{"Title": opt.Title, "Report": rep, "Rules": views})
}
