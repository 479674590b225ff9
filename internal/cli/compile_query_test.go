//go:build cgo

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/internal/duckdbtest"
	"github.com/cwpat/cwpat/localaws/localawstest"
	"github.com/cwpat/cwpat/query"
	"github.com/cwpat/cwpat/rules"
)

const sampleGlob = "../../backtest/sample/*.ndjson.gz"

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"AWS_ACCESS_KEY_ID": "AKIDLOCALTEST", "AWS_SECRET_ACCESS_KEY": "local-secret",
		"AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"}
	for k, v := range env {
		t.Setenv(k, v)
	}
	code = Run(context.Background(), args, strings.NewReader(""), &out, &errb, os.Getenv)
	return out.String(), errb.String(), code
}

// splitQueries reads compile's output: a "-- rule: ID" line before each
// statement.
func splitQueries(t *testing.T, out string) map[string]string {
	queries := map[string]string{}
	for _, part := range strings.Split(out, "-- rule: ")[1:] {
		id, text, ok := strings.Cut(part, "\n")
		require.True(t, ok)
		queries[id] = strings.TrimSuffix(strings.TrimSpace(text), ";")
	}
	return queries
}

// For every built-in set, the DuckDB queries cwpat compile prints, run in
// DuckDB over the table cwpat compile --create-table builds from the bundled
// records, count per rule what cwpat match --rules S --count counts.
func TestCompileDuckDBCountsEqualMatch(t *testing.T) {
	files, err := filepath.Glob(sampleGlob)
	require.NoError(t, err)
	create, _, code := runCLI(t, "compile", "--target", "duckdb", "--create-table", sampleGlob)
	require.Equal(t, 0, code)
	require.Equal(t, query.DuckDBCreateTable("", sampleGlob), create)
	db := duckdbtest.Open(t, "", sampleGlob)
	for _, set := range rules.BuiltinNames() {
		out, stderr, code := runCLI(t, "compile", "--target", "duckdb", "--rules", set, "--skip-refused")
		require.Equal(t, 0, code, stderr)
		counted, _, code := runCLI(t, append([]string{"match", "--rules", set, "--count"}, files...)...)
		require.Equal(t, 0, code)
		want := map[string]int64{}
		require.NoError(t, json.Unmarshal([]byte(counted), &want))
		queries := splitQueries(t, out)
		require.NotEmpty(t, queries)
		for id, q := range queries {
			n := duckdbtest.Strings(t, db, "SELECT count(*) FROM ("+q+")")
			require.Equal(t, strconv.FormatInt(want[id], 10), n[0], "%s/%s", set, id)
		}
		refused := strings.Count(stderr, "[null-or-missing]")
		require.Equal(t, len(want), len(queries)+refused, "%s: every rule is a query or a refusal", set)
	}
}

// A rule with no exact translation: exit 2, the reason on stderr, nothing
// on stdout.
func TestCompileRefusesWithoutHalfPrinting(t *testing.T) {
	out, stderr, code := runCLI(t, "compile", "--target", "athena", "--rules", "cis")
	require.Equal(t, ExitUsage, code)
	require.Empty(t, out)
	require.Contains(t, stderr, "rule root-usage: ")
	require.Contains(t, stderr, "[null-or-missing]")

	out, stderr, code = runCLI(t, "compile", "--target", "athena", "--filter-pattern", `{ $.managementEvent IS TRUE }`)
	require.Equal(t, ExitUsage, code)
	require.Empty(t, out)
	require.Contains(t, stderr, "no column for $.managementEvent [unknown-column]")

	out, stderr, code = runCLI(t, "compile", "--target", "athena", "--filter-pattern", `ERROR -DEBUG`)
	require.Equal(t, ExitUsage, code)
	require.Empty(t, out)
	require.Contains(t, stderr, "[no-raw-line]")

	out, _, code = runCLI(t, "compile", "--target", "logs-insights", "--filter-pattern", `ERROR -DEBUG`)
	require.Equal(t, 0, code)
	require.Equal(t, "# rule: --filter-pattern\nfields @timestamp, @message\n| filter (@message like \"ERROR\") and (not (@message like \"DEBUG\"))\n| sort @timestamp asc\n\n", out)
}

// cisWithoutRoot is the cis set without the rule Athena's table cannot
// express.
func cisWithoutRoot(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "rules.yaml")
	require.NoError(t, os.WriteFile(path, []byte("extends: cis\nset: cis-athena\ndisable: [root-usage]\n"), 0o644))
	return path
}

// reportWithoutFiles drops what a count cannot carry from a text report:
// the first line (files read) and the example matches.
func reportWithoutFiles(out string) string {
	var keep []string
	for _, l := range strings.Split(out, "\n")[1:] {
		if !strings.HasPrefix(l, "  match  ") && !strings.HasPrefix(l, "  most matches: ") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// backtest --engine athena against the local endpoint prints the local
// backtest's report; the scan and its price go to stderr.
func TestBacktestEngineAthenaPrintsTheLocalReport(t *testing.T) {
	srv := localawstest.Start(t)
	engine := duckdbtest.NewAthena(t, "security", query.DefaultTable, sampleGlob)
	srv.SetAthenaEngine(engine)
	rulesFile := cisWithoutRoot(t)
	remote, stderr, code := runCLI(t, "backtest", "--engine", "athena", "--endpoint-url", srv.URL, "--database", "security",
		"--output-location", "s3://athena-results/", "--poll-interval", "1ms", "--rules", rulesFile)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "athena: scanned "+strconv.FormatInt(engine.Scanned, 10)+" bytes")
	local, _, code := runCLI(t, "backtest", "--rules", rulesFile)
	require.Equal(t, 0, code)
	require.Equal(t, reportWithoutFiles(local), reportWithoutFiles(remote))

	// Over --max-scanned-bytes: exit 1, nothing on stdout.
	out, stderr, code := runCLI(t, "backtest", "--engine", "athena", "--endpoint-url", srv.URL, "--database", "security",
		"--output-location", "s3://r/", "--poll-interval", "1ms", "--rules", rulesFile, "--max-scanned-bytes", "1000")
	require.Equal(t, ExitFindings, code)
	require.Empty(t, out)
	require.Contains(t, stderr, "more than --max-scanned-bytes 1000")

	// A failing query (unknown database): exit 1, Athena's reason, nothing on stdout.
	out, stderr, code = runCLI(t, "backtest", "--engine", "athena", "--endpoint-url", srv.URL, "--database", "nosuch",
		"--output-location", "s3://r/", "--poll-interval", "1ms", "--rules", rulesFile)
	require.Equal(t, ExitFindings, code)
	require.Empty(t, out)
	require.Contains(t, stderr, "SCHEMA_NOT_FOUND")

	// A rule with no translation: exit 2 before any query.
	out, stderr, code = runCLI(t, "backtest", "--engine", "athena", "--endpoint-url", srv.URL, "--database", "security",
		"--output-location", "s3://r/", "--rules", "cis")
	require.Equal(t, ExitUsage, code)
	require.Empty(t, out)
	require.Contains(t, stderr, "no query was run")
}
