//go:build cgo

// Package duckdbtest opens DuckDB with AWS's CloudTrail table loaded from
// record files, for tests that run translated queries on a real SQL engine.
// DuckDB needs cgo, so only _test.go files import this package and every
// file carries the cgo build tag: the shipped binary and CGO_ENABLED=0
// builds stay pure Go (internal/archtest checks), and CI, which has cgo,
// runs the DuckDB tests.
package duckdbtest

import (
	"database/sql"
	"testing"

	// The DuckDB driver registers "duckdb" with database/sql.
	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/query"
)

// Open returns an in-memory DuckDB holding table (query.DefaultTable when
// empty) built by query.DuckDBCreateTable from the files matching glob.
func Open(tb testing.TB, table, glob string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("duckdb", "")
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = db.Close() })
	// One connection: an in-memory database is per connection.
	db.SetMaxOpenConns(1)
	_, err = db.Exec(query.DuckDBCreateTable(table, glob))
	require.NoError(tb, err)
	return db
}

// Strings runs q and returns its first column.
func Strings(tb testing.TB, db *sql.DB, q string, args ...any) []string {
	tb.Helper()
	rows, err := db.Query(q, args...)
	require.NoError(tb, err, q)
	defer func() { _ = rows.Close() }()
	var out []string
	for rows.Next() {
		var s sql.NullString
		require.NoError(tb, rows.Scan(&s))
		out = append(out, s.String)
	}
	require.NoError(tb, rows.Err(), q)
	return out
}
