package localaws

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// athenaHandlers answers Athena's query-execution calls (AWS JSON 1.1,
// target prefix AmazonAthena).
func athenaHandlers() map[string]handler {
	return map[string]handler{
		"StartQueryExecution": op(athenaStart),
		"GetQueryExecution":   op(athenaGet),
		"GetQueryResults":     op(athenaResults),
		"StopQueryExecution":  op(athenaStop),
	}
}

func athenaInvalid(msg string) *awsError {
	return &awsError{Code: "InvalidRequestException", Message: msg, Status: http.StatusBadRequest}
}

func athenaStart(c *call, in *athenaStartInput) (any, error) {
	if strings.TrimSpace(in.QueryString) == "" {
		return nil, athenaInvalid(validationMessage("", "queryString", "Member must have length greater than or equal to 1"))
	}
	if len(in.QueryString) > 262144 {
		return nil, athenaInvalid(validationMessage("...", "queryString", "Member must have length less than or equal to 262144"))
	}
	st := c.srv.athenaState()
	if id, ok := st.tokens[in.ClientRequestToken]; ok && in.ClientRequestToken != "" {
		return map[string]string{"QueryExecutionId": id}, nil // idempotent retry
	}
	wg := in.WorkGroup
	if wg == "" {
		wg = "primary"
	}
	e := &athenaExec{started: c.now}
	e.out = athenaExecution{QueryExecutionId: newRequestID(), Query: in.QueryString, StatementType: "DML", WorkGroup: wg}
	e.out.Status = athenaStatus{State: "QUEUED", SubmissionDateTime: epochPtr(c.now)}
	if in.QueryExecutionContext != nil {
		e.out.QueryExecutionContext.Database = in.QueryExecutionContext.Database
		e.out.QueryExecutionContext.Catalog = in.QueryExecutionContext.Catalog
	}
	if in.ResultConfiguration != nil {
		e.out.ResultConfiguration.OutputLocation = strings.TrimSuffix(in.ResultConfiguration.OutputLocation, "/") + "/" + e.out.QueryExecutionId + ".csv"
	}
	if in.ResultConfiguration == nil || in.ResultConfiguration.OutputLocation == "" {
		// Without a workgroup's output location, Athena refuses the call.
		return nil, athenaInvalid("No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.")
	}
	id := e.out.QueryExecutionId
	st.execs[id] = e
	if in.ClientRequestToken != "" {
		st.tokens[in.ClientRequestToken] = id
	}
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	go c.srv.runAthena(ctx, id, st.engine, e.out.QueryExecutionContext.Database, in.QueryString)
	return map[string]string{"QueryExecutionId": id}, nil
}

// runAthena executes one query outside the server's lock and records the
// outcome.
func (s *Server) runAthena(ctx context.Context, id string, engine AthenaEngine, db, sql string) {
	s.mu.Lock()
	if e := s.athena.execs[id]; e != nil && e.out.Status.State == "QUEUED" {
		e.out.Status.State = "RUNNING"
	}
	s.mu.Unlock()
	var res *AthenaResult
	err := errors.New("cwpat's local Athena has no SQL engine (tests attach one with SetAthenaEngine)")
	if engine != nil {
		res, err = engine.Query(ctx, db, sql)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.athena.execs[id]
	if e == nil || e.out.Status.State == "CANCELLED" {
		return
	}
	now := s.opts.Now().UTC()
	e.out.Status.CompletionDateTime = epochPtr(now)
	ms := now.Sub(e.started).Milliseconds()
	e.out.Statistics.EngineExecutionTimeInMillis, e.out.Statistics.TotalExecutionTimeInMillis = ms, ms
	if err != nil {
		e.out.Status.State = "FAILED"
		e.out.Status.StateChangeReason = err.Error()
		// ErrorCategory 2 is a user error (a query that does not plan).
		e.out.Status.AthenaError = &athenaErrorShape{ErrorCategory: 2, ErrorType: 1006, ErrorMessage: err.Error()}
		return
	}
	e.result = res
	e.out.Statistics.DataScannedInBytes = res.ScannedBytes
	e.out.Status.State = "SUCCEEDED"
}

func (st *athenaState) find(id string) (*athenaExec, error) {
	e := st.execs[id]
	if e == nil {
		return nil, athenaInvalid(fmt.Sprintf("QueryExecution %s was not found", id))
	}
	return e, nil
}

func athenaGet(c *call, in *athenaIDInput) (any, error) {
	e, err := c.srv.athenaState().find(in.QueryExecutionId)
	if err != nil {
		return nil, err
	}
	return map[string]any{"QueryExecution": e.out}, nil
}

func athenaStop(c *call, in *athenaIDInput) (any, error) {
	e, err := c.srv.athenaState().find(in.QueryExecutionId)
	if err != nil {
		return nil, err
	}
	switch e.out.Status.State {
	case "QUEUED", "RUNNING":
		e.out.Status.State = "CANCELLED"
		e.out.Status.CompletionDateTime = epochPtr(c.now)
		e.cancel()
	}
	return nil, nil
}

// maxAthenaPage is GetQueryResults' largest MaxResults.
const maxAthenaPage = 1000

func athenaResults(c *call, in *athenaResultsInput) (any, error) {
	e, err := c.srv.athenaState().find(in.QueryExecutionId)
	if err != nil {
		return nil, err
	}
	switch e.out.Status.State {
	case "SUCCEEDED":
	case "FAILED", "CANCELLED":
		return nil, athenaInvalid("Query did not finish successfully. Final query state: " + e.out.Status.State)
	default:
		return nil, athenaInvalid("Query has not yet finished. Current state: " + e.out.Status.State)
	}
	size := maxAthenaPage
	if in.MaxResults != nil {
		if *in.MaxResults < 1 || *in.MaxResults > maxAthenaPage {
			return nil, athenaInvalid(validationMessage(*in.MaxResults, "maxResults", "Member must have value less than or equal to 1000"))
		}
		size = *in.MaxResults
	}
	// The first page starts with a header row holding the column names,
	// as Athena's does for a SELECT.
	rows := make([][]*string, 0, len(e.result.Rows)+1)
	header := make([]*string, len(e.result.Columns))
	for i := range e.result.Columns {
		header[i] = &e.result.Columns[i]
	}
	rows = append(append(rows, header), e.result.Rows...)
	start := 0
	if in.NextToken != "" {
		n, err := strconv.Atoi(in.NextToken)
		if err != nil || n <= 0 || n > len(rows) {
			return nil, athenaInvalid("The token provided is not valid")
		}
		start = n
	}
	end := min(start+size, len(rows))
	out := &athenaResultsOutput{}
	for _, r := range rows[start:end] {
		var row athenaRow
		for _, v := range r {
			row.Data = append(row.Data, athenaDatum{VarCharValue: v})
		}
		out.ResultSet.Rows = append(out.ResultSet.Rows, row)
	}
	for i, name := range e.result.Columns {
		typ := "varchar"
		if i < len(e.result.Types) {
			typ = e.result.Types[i]
		}
		out.ResultSet.ResultSetMetadata.ColumnInfo = append(out.ResultSet.ResultSetMetadata.ColumnInfo,
			athenaColumnInfo{CatalogName: "hive", Name: name, Label: name, Type: typ, Nullable: "UNKNOWN", CaseSensitive: typ == "varchar"})
	}
	if end < len(rows) {
		out.NextToken = strconv.Itoa(end)
	}
	return out, nil
}
