package report

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/backtest"
	"github.com/cwpat/cwpat/rules"
	"github.com/cwpat/cwpat/trail"
)

func sampleReport(t *testing.T, srcs []trail.Source) *backtest.Report {
	t.Helper()
	set, err := rules.Builtin("cis-5.0")
	require.NoError(t, err)
	rep, err := backtest.Run(context.Background(), backtest.RulesFrom(set), srcs, backtest.Options{})
	require.NoError(t, err)
	return rep
}

func TestWriteTextRendersTheSample(t *testing.T) {
	rep := sampleReport(t, backtest.Sample())
	var text bytes.Buffer
	require.NoError(t, WriteText(&text, rep, TextOptions{MaxTransitions: 1}))
	out := text.String()
	assert.Contains(t, out, "15 rules over 3,214 records from 2 files")
	assert.Regexp(t, `cloudtrail-config-changes\s+16\s+\d+\s+Sum >= 1 per 5m`, out)
	assert.Contains(t, out, "INSUFFICIENT_DATA -> ALARM")
	assert.Regexp(t, `\.\.\. \d+ more state changes? \(-o json lists them all\)`, out)
}

func TestWriteHTMLOverNothing(t *testing.T) {
	rep := sampleReport(t, []trail.Source{trail.ReaderSource("-", strings.NewReader(""))})
	var page bytes.Buffer
	require.NoError(t, WriteHTML(&page, rep, HTMLOptions{}))
	html := page.String()
	assert.Contains(t, html, "15 rules over 0 records from 1 file (0 bytes).")
	assert.Contains(t, html, "<b>0 rules of 15 would have alarmed</b>")
	assert.NotContains(t, html, "<svg", "no chart for rules that never matched")
	assert.Equal(t, 15, strings.Count(html, `<tr><td id="`), "every rule on one line")
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 matches", 1: "1 match", 1200: "1,200 matches"} {
		assert.Equal(t, want, plural(n, "match"))
	}
	assert.Equal(t, "1 state change", plural(1, "state change"))
	assert.Equal(t, "2 days", plural(int64(2), "day"))
}
