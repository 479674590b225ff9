//go:build cgo

package query_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/internal/duckdbtest"
	"github.com/cwpat/cwpat/query"
)

// crafted loads hand-written records (one JSON object a line) into DuckDB.
func crafted(t *testing.T, records ...string) *duckdbDB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "records.ndjson")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(records, "\n")+"\n"), 0o644))
	return &duckdbDB{t: t, db: duckdbtest.Open(t, "", path), recs: toBytes(records)}
}

// Each condition the compiler declares is real: a record that breaks it
// makes the query and CloudWatch's matcher disagree, and the compiler warns
// about exactly that condition.
func TestDeclaredConditionsAreReal(t *testing.T) {
	cases := []struct {
		code, pattern string
		// breaks is a record violating the condition (the query and the
		// matcher disagree on it); holds one that satisfies it and matches.
		breaks, holds string
	}{
		{"boolean-column", `{ $.readOnly IS TRUE }`,
			`{"eventID":"b","readOnly":"true"}`, `{"eventID":"h","readOnly":true}`},
		{"string-column", `{ $.errorCode = "*" }`,
			`{"eventID":"b","errorCode":{"code":"AccessDenied"}}`, `{"eventID":"h","errorCode":"AccessDenied"}`},
		{"string-column", `{ $.errorCode != "AccessDenied" }`,
			`{"eventID":"b","errorCode":["AccessDenied"]}`, `{"eventID":"h","errorCode":"Throttling"}`},
		{"number-column", `{ $.eventName = 1e21 }`,
			`{"eventID":"b","eventName":1e21}`, `{"eventID":"h","eventName":"1000000000000000000000"}`},
		{"number-text", `{ $.requestParameters.size = "1.50" }`,
			`{"eventID":"b","requestParameters":{"size":1.50}}`, `{"eventID":"h","requestParameters":{"size":"1.50"}}`},
		{"json-column", `{ $.requestParameters.bucketName = "logs" }`,
			`{"eventID":"b","requestParameters":"{\"bucketName\":\"logs\"}"}`, `{"eventID":"h","requestParameters":{"bucketName":"logs"}}`},
	}
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			where, conds, err := query.Predicate(query.DuckDB, c.pattern)
			require.NoError(t, err)
			var codes []string
			for _, k := range conds {
				codes = append(codes, k.Code)
			}
			require.Contains(t, codes, c.code, "the compiler must declare the condition")
			broken := crafted(t, c.breaks)
			require.NotEqual(t, matcherIDs(t, c.pattern, broken.recs), duckIDs(t, broken.db, where),
				"a record breaking %s must make the query disagree with the matcher", c.code)
			held := crafted(t, c.holds)
			require.Equal(t, []string{"h"}, matcherIDs(t, c.pattern, held.recs))
			require.Equal(t, []string{"h"}, duckIDs(t, held.db, where))
		})
	}
}

// A '*' glob is read as CloudWatch reads it, without backtracking: AWS's
// recorded TestMetricFilter answers (filter-patterns spec, 14.1), which
// cwpat's matcher also gives.
func TestGlobFirstOccurrence(t *testing.T) {
	db := crafted(t,
		`{"eventID":"dotted","eventName":"111.111.111.111"}`,
		`{"eventID":"int","eventName":123}`,
		`{"eventID":"abab","eventName":"abab"}`,
	)
	cases := []struct {
		pattern string
		want    []string
	}{
		{`{ $.eventName != 111*111 }`, []string{"abab", "dotted", "int"}},
		{`{ $.eventName = 111*111 }`, nil},
		{`{ $.eventName = "*.111.111.111" }`, []string{"dotted"}},
		{`{ $.eventName = "*111.111.111" }`, nil},
		{`{ $.eventName = 1*3 }`, []string{"int"}},
		// The first "b" after "a" is at index 1, not the end: no match, where
		// LIKE 'a%b' (backtracking) would say yes.
		{`{ $.eventName = "a*b" }`, nil},
		{`{ $.eventName = "a*b*" }`, []string{"abab"}},
		{`{ $.eventName = "*ab" }`, nil},
		{`{ $.eventName = "*bab" }`, []string{"abab"}},
		{`{ $.eventName = "a*a*b" }`, []string{"abab"}},
		{`{ $.eventName = "*" }`, []string{"abab", "dotted", "int"}},
	}
	for _, c := range cases {
		c.want = orEmpty(c.want)
		where, _, err := query.Predicate(query.DuckDB, c.pattern)
		require.NoError(t, err)
		require.Equal(t, c.want, orEmpty(matcherIDs(t, c.pattern, db.recs)), "the matcher agrees: %s", c.pattern)
		got := duckIDs(t, db.db, where)
		require.Equal(t, c.want, orEmpty(got), "%s\n%s", c.pattern, where)
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
