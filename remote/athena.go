package remote

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/athena"
	"github.com/aws/aws-sdk-go-v2/service/athena/types"

	"github.com/cwpat/cwpat/query"
)

// AthenaClient is the part of *athena.Client the runner calls.
type AthenaClient interface {
	StartQueryExecution(context.Context, *athena.StartQueryExecutionInput, ...func(*athena.Options)) (*athena.StartQueryExecutionOutput, error)
	GetQueryExecution(context.Context, *athena.GetQueryExecutionInput, ...func(*athena.Options)) (*athena.GetQueryExecutionOutput, error)
	GetQueryResults(context.Context, *athena.GetQueryResultsInput, ...func(*athena.Options)) (*athena.GetQueryResultsOutput, error)
	StopQueryExecution(context.Context, *athena.StopQueryExecutionInput, ...func(*athena.Options)) (*athena.StopQueryExecutionOutput, error)
}

// Athena says where and how to run the counting query.
type Athena struct {
	Client         AthenaClient
	Database       string
	WorkGroup      string
	OutputLocation string
	// Poll is the wait between GetQueryExecution calls (default 1s).
	Poll time.Duration
	// Timeout stops the query (StopQueryExecution) when it runs longer;
	// zero means no limit beyond ctx.
	Timeout time.Duration
	// MaxScannedBytes stops the query as soon as Athena reports a larger
	// scan, and refuses its result; zero means no limit.
	MaxScannedBytes int64
	// LastSQL is the statement the last RunAthena sent.
	LastSQL string
}

// ErrScanLimit is returned (wrapped) when a query scanned more than
// MaxScannedBytes.
var ErrScanLimit = errors.New("scan over --max-scanned-bytes")

// CountSQL is the query RunAthena sends for rules: every rule's predicate in
// one statement, so the data is read (and billed) once.
func CountSQL(rules []query.Rule, opt query.Options) (string, error) {
	preds := make([]string, len(rules))
	for i, r := range rules {
		where, _, err := query.Predicate(query.Athena, r.FilterPattern)
		if err != nil {
			return "", query.WithRule(err, r.ID)
		}
		preds[i] = where
	}
	return query.Counts(query.Athena, preds, opt), nil
}

// RunAthena counts, per rule and UTC minute, the records each rule matches
// in the table, with one Athena query.
func (a *Athena) RunAthena(ctx context.Context, rules []query.Rule, opt query.Options) (*Result, error) {
	sql, err := CountSQL(rules, opt)
	if err != nil {
		return nil, err
	}
	a.LastSQL = sql
	start := &athena.StartQueryExecutionInput{QueryString: aws.String(sql)}
	if a.Database != "" {
		start.QueryExecutionContext = &types.QueryExecutionContext{Database: aws.String(a.Database)}
	}
	if a.WorkGroup != "" {
		start.WorkGroup = aws.String(a.WorkGroup)
	}
	if a.OutputLocation != "" {
		start.ResultConfiguration = &types.ResultConfiguration{OutputLocation: aws.String(a.OutputLocation)}
	}
	started, err := a.Client.StartQueryExecution(ctx, start)
	if err != nil {
		return nil, fmt.Errorf("athena StartQueryExecution: %w", err)
	}
	id := aws.ToString(started.QueryExecutionId)
	scanned, err := a.wait(ctx, id)
	if err != nil {
		return nil, err
	}
	res := &Result{Counts: make([][]MinuteCount, len(rules)), ScannedBytes: scanned, Queries: []string{id}}
	if err := a.read(ctx, id, res); err != nil {
		return nil, err
	}
	sortCounts(res.Counts)
	return res, nil
}

// wait polls the query until it finishes, stopping it on timeout or when
// its scan passes the limit.
func (a *Athena) wait(ctx context.Context, id string) (int64, error) {
	var scanned int64
	err := waitFor(ctx, "athena query "+id, a.Poll, a.Timeout, a.stopper(id), func() (bool, string, error) {
		out, err := a.Client.GetQueryExecution(ctx, &athena.GetQueryExecutionInput{QueryExecutionId: aws.String(id)})
		if err != nil {
			stopQuery(a.stopper(id))
			return false, "", fmt.Errorf("athena GetQueryExecution %s: %w", id, err)
		}
		q := out.QueryExecution
		if q.Statistics != nil {
			scanned = aws.ToInt64(q.Statistics.DataScannedInBytes)
		}
		if a.MaxScannedBytes > 0 && scanned > a.MaxScannedBytes {
			stopQuery(a.stopper(id))
			return false, "", fmt.Errorf("athena query %s scanned %d bytes, more than --max-scanned-bytes %d: stopped, results not used: %w",
				id, scanned, a.MaxScannedBytes, ErrScanLimit)
		}
		switch q.Status.State {
		case types.QueryExecutionStateSucceeded:
			return true, "", nil
		case types.QueryExecutionStateFailed, types.QueryExecutionStateCancelled:
			return false, "", fmt.Errorf("athena query %s %s: %s", id, q.Status.State, aws.ToString(q.Status.StateChangeReason))
		}
		return false, string(q.Status.State), nil
	})
	return scanned, err
}

// stopper cancels query id.
func (a *Athena) stopper(id string) func(context.Context) {
	return func(ctx context.Context) {
		_, _ = a.Client.StopQueryExecution(ctx, &athena.StopQueryExecutionInput{QueryExecutionId: aws.String(id)})
	}
}

// read pages through the results: the first row of the first page holds
// the column names.
func (a *Athena) read(ctx context.Context, id string, res *Result) error {
	p := athena.NewGetQueryResultsPaginator(a.Client, &athena.GetQueryResultsInput{QueryExecutionId: aws.String(id), MaxResults: aws.Int32(1000)})
	first := true
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("athena GetQueryResults %s: %w", id, err)
		}
		for _, row := range page.ResultSet.Rows {
			if first {
				first = false
				continue
			}
			if err := res.addAthenaRow(row.Data); err != nil {
				return fmt.Errorf("athena query %s: %w", id, err)
			}
		}
	}
	return nil
}

// fixedColumns are the counting query's columns before the rules' counts.
const fixedColumns = 4

// addAthenaRow reads one row of the counting query: the window's total when
// the minute is NULL, else one minute's counts.
func (res *Result) addAthenaRow(data []types.Datum) error {
	if len(data) != len(res.Counts)+fixedColumns {
		return fmt.Errorf("a row has %d columns, want %d", len(data), len(res.Counts)+fixedColumns)
	}
	if data[0].VarCharValue == nil {
		var err error
		if res.Records, err = parseCount(data[3].VarCharValue); err != nil {
			return fmt.Errorf("records %q: %w", aws.ToString(data[3].VarCharValue), err)
		}
		if res.Records == 0 {
			return nil
		}
		if res.From, err = time.Parse(time.RFC3339, aws.ToString(data[1].VarCharValue)); err != nil {
			return fmt.Errorf("first eventtime: %w", err)
		}
		if res.To, err = time.Parse(time.RFC3339, aws.ToString(data[2].VarCharValue)); err != nil {
			return fmt.Errorf("last eventtime: %w", err)
		}
		return nil
	}
	minute, err := parseMinute(aws.ToString(data[0].VarCharValue))
	if err != nil {
		return err
	}
	for i := range res.Counts {
		n, err := parseCount(data[i+fixedColumns].VarCharValue)
		if err != nil {
			return fmt.Errorf("count %q: %w", aws.ToString(data[i+fixedColumns].VarCharValue), err)
		}
		if n > 0 {
			res.Counts[i] = append(res.Counts[i], MinuteCount{Minute: minute, Matched: n})
		}
	}
	return nil
}
