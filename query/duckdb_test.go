//go:build cgo

package query_test

import (
	"database/sql"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/cwpat/cwpat/internal/duckdbtest"
	"github.com/cwpat/cwpat/internal/testenv"
	"github.com/cwpat/cwpat/pattern"
	"github.com/cwpat/cwpat/query"
	"github.com/cwpat/cwpat/rules"
)

// sampleGlob is the bundled real records (see backtest/sample/NOTICE.md).
const sampleGlob = "../backtest/sample/*.ndjson.gz"

// sample loads the bundled records once per test binary.
func sample(t *testing.T) (*sql.DB, [][]byte) {
	t.Helper()
	db := duckdbtest.Open(t, "", sampleGlob)
	recs := testenv.GzipNDJSON(t, sampleGlob)
	ids := map[string]bool{}
	for _, r := range recs {
		id := gjson.GetBytes(r, "eventID").String()
		require.NotEmpty(t, id)
		require.False(t, ids[id], "eventID %s twice: the comparison is by eventID", id)
		ids[id] = true
	}
	return db, recs
}

// matcherIDs is the eventIDs of the records CloudWatch's matcher (cwpat's)
// matches.
func matcherIDs(t *testing.T, src string, recs [][]byte) []string {
	m, err := pattern.Compile(src)
	require.NoError(t, err, src)
	var out []string
	for _, r := range recs {
		if m.Match(r) {
			out = append(out, gjson.GetBytes(r, "eventID").String())
		}
	}
	sort.Strings(out)
	return out
}

func duckIDs(t *testing.T, db *sql.DB, where string) []string {
	out := duckdbtest.Strings(t, db, "SELECT eventid FROM cloudtrail_logs WHERE "+where+" ORDER BY eventid")
	sort.Strings(out)
	return out
}

// refusedBuiltins are the built-in rules Athena's table cannot express, with
// the reason code: root-usage and its kin test $.userIdentity.invokedBy NOT
// EXISTS, and the table reads a missing key and a JSON null both as NULL.
var refusedCodes = []string{"null-or-missing"}

// Every rule of every built-in set: the DuckDB query selects exactly the
// records the matcher matches, record by record.
func TestBuiltinRulesMatchRecordByRecord(t *testing.T) {
	db, recs := sample(t)
	translated, refused := 0, 0
	for _, name := range rules.BuiltinNames() {
		set, err := rules.Builtin(name)
		require.NoError(t, err)
		for _, r := range set.Rules {
			where, _, err := query.Predicate(query.DuckDB, r.FilterPattern)
			if err != nil {
				var qe *query.Error
				require.ErrorAs(t, err, &qe, "%s/%s", name, r.ID)
				require.Contains(t, refusedCodes, qe.Code, "%s/%s: %v", name, r.ID, err)
				refused++
				continue
			}
			translated++
			require.Equal(t, matcherIDs(t, r.FilterPattern, recs), duckIDs(t, db, where), "%s/%s: %s\n%s", name, r.ID, r.FilterPattern, where)
		}
	}
	t.Logf("%d built-in rules translated and equal record by record, %d refused", translated, refused)
	require.Greater(t, translated, 100)
}

type duckdbDB struct {
	t    *testing.T
	db   *sql.DB
	recs [][]byte
}

func toBytes(recs []string) [][]byte {
	out := make([][]byte, len(recs))
	for i, r := range recs {
		out[i] = []byte(r)
	}
	return out
}
