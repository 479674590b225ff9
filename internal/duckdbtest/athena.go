//go:build cgo

package duckdbtest

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
)

// trinoMacros give the Trino functions cwpat's Athena SQL calls their
// Trino meaning in DuckDB, so the local Athena runs the text it receives
// verbatim. Each is the DuckDB dialect's spelling in query/dialect.go.
var trinoMacros = []string{
	`CREATE MACRO regexp_like(s, p) AS regexp_matches(s, p)`,
	`CREATE MACRO cardinality(l) AS len(l)`,
	`CREATE MACRO json_format(j) AS CAST(j AS VARCHAR)`,
	`CREATE MACRO json_extract_scalar(d, p) AS CASE WHEN json_type(d, p) IN ('VARCHAR', 'BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE', 'BOOLEAN') THEN json_extract_string(d, p) END`,
}

// Athena is a localaws.AthenaEngine: DuckDB holding the CloudTrail table
// as Athena's partition projection shows it (with its "timestamp"
// partition, yyyy/MM/dd of eventTime) in one database.
type Athena struct {
	DB       *sql.DB
	Database string
	// Scanned is what every query reports as scanned: the size of the
	// table's files, as Athena reads every file of the partitions a JSON
	// table's query touches.
	Scanned int64
}

// NewAthena loads the files matching glob into table of database.
func NewAthena(tb testing.TB, database, table, glob string) *Athena {
	tb.Helper()
	db := Open(tb, table, glob)
	for _, m := range trinoMacros {
		_, err := db.Exec(m)
		require.NoError(tb, err, m)
	}
	_, err := db.Exec(`ALTER TABLE ` + table + ` ADD COLUMN "timestamp" VARCHAR`)
	require.NoError(tb, err)
	_, err = db.Exec(`UPDATE ` + table + ` SET "timestamp" = replace(substr(eventtime, 1, 10), '-', '/')`)
	require.NoError(tb, err)
	files, err := filepath.Glob(glob)
	require.NoError(tb, err)
	var size int64
	for _, f := range files {
		st, err := os.Stat(f)
		require.NoError(tb, err)
		size += st.Size()
	}
	return &Athena{DB: db, Database: database, Scanned: size}
}

// Query runs sql as Athena would: in database, failing as Athena fails on
// an unknown database.
func (a *Athena) Query(ctx context.Context, database, q string) (*localaws.AthenaResult, error) {
	if database != "" && database != a.Database {
		return nil, fmt.Errorf("SCHEMA_NOT_FOUND: line 1:1: Schema '%s' does not exist", database)
	}
	rows, err := a.DB.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	cols, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	res := &localaws.AthenaResult{ScannedBytes: a.Scanned}
	for _, c := range cols {
		res.Columns = append(res.Columns, c.Name())
		res.Types = append(res.Types, athenaType(c.DatabaseTypeName()))
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]*string, len(cols))
		for i, v := range vals {
			if v != nil {
				s := text(v)
				row[i] = &s
			}
		}
		res.Rows = append(res.Rows, row)
	}
	return res, rows.Err()
}

func athenaType(duck string) string {
	switch strings.ToUpper(duck) {
	case "BIGINT", "HUGEINT", "UBIGINT":
		return "bigint"
	case "INTEGER":
		return "integer"
	case "DOUBLE":
		return "double"
	case "BOOLEAN":
		return "boolean"
	}
	return "varchar"
}

// text writes a value as Athena's result set does: strings as they are,
// numbers in decimal, anything else as JSON.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	case int64, int32, float64, bool:
		return fmt.Sprint(v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
