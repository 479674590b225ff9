package localaws

import (
	"context"
	"time"
)

// AthenaEngine runs the SQL the local Athena receives. cwpat's own binary
// has none (Athena's Trino cannot run here): tests plug in DuckDB over the
// CloudTrail table through Server.SetAthenaEngine, and without an engine
// every query fails as Athena fails a query it cannot plan.
type AthenaEngine interface {
	// Query runs one statement against database and returns its result,
	// or an error that becomes the query's FAILED reason. ctx is cancelled
	// by StopQueryExecution.
	Query(ctx context.Context, database, sql string) (*AthenaResult, error)
}

// AthenaResult is a finished query's result set.
type AthenaResult struct {
	// Columns are the names of the result's columns, Types their Athena
	// types ("varchar", "bigint", ...).
	Columns, Types []string
	// Rows hold each value as text; nil is SQL NULL.
	Rows [][]*string
	// ScannedBytes is what Athena would bill for.
	ScannedBytes int64
}

// athenaState is the local Athena: every query execution, by id.
// It is guarded by Server.mu.
type athenaState struct {
	engine AthenaEngine
	execs  map[string]*athenaExec
	tokens map[string]string // ClientRequestToken -> execution id
}

type athenaExec struct {
	out     athenaExecution
	result  *AthenaResult
	cancel  context.CancelFunc
	started time.Time
}

// SetAthenaEngine makes the local Athena run queries with e.
func (s *Server) SetAthenaEngine(e AthenaEngine) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.athenaState().engine = e
}

// athenaState returns the Athena state, creating it on first use. The
// caller holds s.mu.
func (s *Server) athenaState() *athenaState {
	if s.athena == nil {
		s.athena = &athenaState{execs: map[string]*athenaExec{}, tokens: map[string]string{}}
	}
	return s.athena
}
