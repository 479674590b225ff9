//go:build cgo

package duckdbtest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTableShape(t *testing.T) {
	db := Open(t, "", "../../backtest/sample/*.ndjson.gz")
	n := Strings(t, db, "SELECT count(*) FROM cloudtrail_logs")
	require.Equal(t, []string{"3214"}, n)
	// Struct fields read by the record's spelling, named as the DDL names them.
	got := Strings(t, db, "SELECT count(*) FROM cloudtrail_logs WHERE useridentity.sessioncontext.sessionissuer.username IS NOT NULL")
	t.Log(got)
	got = Strings(t, db, "SELECT count(*) FROM cloudtrail_logs WHERE resources[1].arn IS NOT NULL")
	t.Log(got)
	got = Strings(t, db, "SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_name = 'cloudtrail_logs'")
	t.Log(got)
	got = Strings(t, db, "SELECT requestparameters FROM cloudtrail_logs WHERE requestparameters IS NOT NULL LIMIT 2")
	t.Log(got)
}
