package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
)

// readmeSection returns the README's text from the heading that starts with
// heading up to the next heading of the same or a higher level.
func readmeSection(t *testing.T, readme, heading string) string {
	t.Helper()
	start := strings.Index(readme, "\n"+heading)
	require.GreaterOrEqual(t, start, 0, "README.md has no heading %q", heading)
	level := strings.Index(heading, " ")
	rest := readme[start+1+len(heading):]
	next := regexp.MustCompile(`(?m)^#{1,` + string(rune('0'+level)) + `} `).FindStringIndex(rest)
	if next != nil {
		rest = rest[:next[0]]
	}
	return rest
}

var backticked = regexp.MustCompile("`([^`]+)`")

// backtickedIn returns the `quoted` words of one table cell.
func backtickedIn(cell string) []string {
	var out []string
	for _, m := range backticked.FindAllStringSubmatch(cell, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestREADMEOutputTableListsEveryFormat reads the README's "Output for CI"
// table and checks it against the commands themselves: every command with
// -o/--output is in it once, with exactly the formats its flag accepts, in
// the flag's order (the first is the default); compile's row names every
// --target. A format added to a command and not to the README fails here.
func TestREADMEOutputTableListsEveryFormat(t *testing.T) {
	section := readmeSection(t, readREADME(t), "### Output for CI")
	rows := map[string][]string{} // command path after "cwpat " -> formats
	compileNotes := ""
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if !strings.HasPrefix(line, "|") || len(cells) < 3 || strings.HasPrefix(cells[0], "---") || strings.TrimSpace(cells[0]) == "command" {
			continue
		}
		formats := backtickedIn(cells[1])
		for _, name := range backtickedIn(cells[0]) {
			_, dup := rows[name]
			assert.False(t, dup, "README's format table lists `%s` twice", name)
			rows[name] = formats
			if name == "compile" {
				compileNotes = cells[2]
			}
		}
	}
	require.NotEmpty(t, rows, "no table rows under ### Output for CI")

	seen := 0
	for _, c := range allCommands(NewRoot(&App{})) {
		f := c.Flags().Lookup("output")
		if f == nil {
			continue
		}
		fv, ok := f.Value.(*formatValue)
		require.True(t, ok, "%s: -o is not a checked format flag (addOutputFlag)", c.CommandPath())
		name := strings.TrimPrefix(c.CommandPath(), "cwpat ")
		want := make([]string, len(fv.allowed))
		for i, a := range fv.allowed {
			want[i] = string(a)
		}
		got, listed := rows[name]
		if assert.True(t, listed, "README's format table has no row for `%s` (%s)", name, strings.Join(want, ", ")) {
			assert.Equal(t, want, got, "README's formats for `%s`", name)
		}
		delete(rows, name)
		seen++
	}
	assert.Empty(t, rows, "README's format table lists commands that have no -o")
	assert.Greater(t, seen, 10)
	for _, target := range compileTargets {
		assert.Contains(t, backtickedIn(compileNotes), target, "README's compile row does not name --target %s", target)
	}
}

// serviceNames are how the README and the help name each service the local
// endpoint's health answer lists (Logs Insights is part of the Logs API).
var serviceNames = map[string][]string{
	"logs":       {"CloudWatch Logs", "Logs Insights"},
	"monitoring": {"CloudWatch"},
	"sns":        {"SNS"},
	"cloudtrail": {"CloudTrail"},
	"kms":        {"KMS"},
	"iam":        {"IAM"},
	"sts":        {"STS"},
	"athena":     {"Athena"},
}

// namesService reports whether text names the service called name;
// "CloudWatch" must appear on its own, not only inside "CloudWatch Logs".
func namesService(text, name string) bool {
	if name == "CloudWatch" {
		text = strings.ReplaceAll(text, "CloudWatch Logs", "")
	}
	return regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\b`).MatchString(text)
}

// TestServeDescriptionsNameEveryService asks the endpoint which services it
// speaks (its health answer, in-process, no network) and checks that the
// README's serve section and 'cwpat serve --help' name each of them.
func TestServeDescriptionsNameEveryService(t *testing.T) {
	rec := httptest.NewRecorder()
	localaws.New(localaws.Options{}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, localaws.HealthPath, nil))
	require.Equal(t, http.StatusOK, rec.Code)
	var health struct {
		Services []string `json:"services"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &health))
	require.NotEmpty(t, health.Services)

	readme := readmeSection(t, readREADME(t), "### `cwpat serve`")
	serve, _, err := NewRoot(&App{}).Find([]string{"serve"})
	require.NoError(t, err)
	for _, svc := range health.Services {
		names, known := serviceNames[svc]
		if !assert.True(t, known, "the endpoint speaks %q: add how the docs name it to serviceNames", svc) {
			continue
		}
		for _, n := range names {
			assert.True(t, namesService(readme, n), "README's serve section does not name %s (%s)", n, svc)
			assert.True(t, namesService(serve.Long, n), "'cwpat serve --help' does not name %s (%s)", n, svc)
			assert.True(t, namesService(serve.Short, n), "'cwpat --help' does not name %s in serve's line (%s)", n, svc)
		}
	}
	assert.False(t, namesService("CloudWatch Logs only", "CloudWatch"), "CloudWatch inside CloudWatch Logs does not count")
}
