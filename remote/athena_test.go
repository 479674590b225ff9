//go:build cgo

package remote_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/athena"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/backtest"
	"github.com/cwpat/cwpat/backtest/report"
	"github.com/cwpat/cwpat/internal/duckdbtest"
	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
	"github.com/cwpat/cwpat/query"
	"github.com/cwpat/cwpat/remote"
	"github.com/cwpat/cwpat/rules"
)

const sampleGlob = "../backtest/sample/*.ndjson.gz"

// localAthena is the local endpoint with DuckDB behind its Athena.
func localAthena(t *testing.T) (*localaws.Endpoint, *athena.Client, *duckdbtest.Athena) {
	t.Helper()
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	srv := localawstest.Start(t)
	engine := duckdbtest.NewAthena(t, "security", query.DefaultTable, sampleGlob)
	srv.SetAthenaEngine(engine)
	client := athena.NewFromConfig(srv.Config(), func(o *athena.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	return srv, client, engine
}

// translatable returns the rules of a built-in set Athena's table can
// express, as the backtest and the compiler see them.
func translatable(t *testing.T, set string) ([]backtest.Rule, []query.Rule) {
	t.Helper()
	s, err := rules.Builtin(set)
	require.NoError(t, err)
	var bt []backtest.Rule
	var qr []query.Rule
	for _, r := range backtest.RulesFrom(s) {
		if _, _, err := query.Predicate(query.Athena, r.FilterPattern); err != nil {
			continue
		}
		bt = append(bt, r)
		qr = append(qr, query.Rule{ID: r.ID, FilterPattern: r.FilterPattern})
	}
	require.NotEmpty(t, bt)
	return bt, qr
}

// reportBody is the text report without what a count cannot carry: the
// first line (which names the files read: a remote run reads none) and the
// example matches and "most matches" lines under each rule (counts have no
// records).
func reportBody(t *testing.T, rep *backtest.Report) string {
	var b bytes.Buffer
	require.NoError(t, report.WriteText(&b, rep, report.TextOptions{MaxTransitions: 1000}))
	lines := strings.Split(b.String(), "\n")[1:]
	var keep []string
	for _, l := range lines {
		if !strings.HasPrefix(l, "  match  ") && !strings.HasPrefix(l, "  most matches: ") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// The Athena SQL, sent through the SDK to the local Athena (which runs it
// verbatim on DuckDB), gives the same report as the local backtest of the
// same records.
func TestAthenaBacktestEqualsLocal(t *testing.T) {
	_, client, engine := localAthena(t)
	for _, set := range []string{"cis", "cis-1.2", "securityhub"} {
		bt, qr := translatable(t, set)
		a := &remote.Athena{Client: client, Database: "security", WorkGroup: "primary",
			OutputLocation: "s3://athena-results/cwpat/", Poll: time.Millisecond}
		res, err := a.RunAthena(context.Background(), qr, query.Options{})
		require.NoError(t, err, set)
		require.Equal(t, engine.Scanned, res.ScannedBytes)
		require.Len(t, res.Queries, 1, "one query for the whole set: the data is read once")
		got, err := remote.Report(bt, res)
		require.NoError(t, err)
		want, err := backtest.Run(context.Background(), bt, backtest.Sample(), backtest.Options{})
		require.NoError(t, err)
		require.Equal(t, want.Stats.Records, got.Stats.Records)
		require.Equal(t, want.From, got.From)
		require.Equal(t, want.To, got.To)
		require.Equal(t, reportBody(t, want), reportBody(t, got), set)
	}
}

// A window becomes partition predicates and eventTime bounds; the counts
// are the local backtest's over the same window.
func TestAthenaWindow(t *testing.T) {
	_, client, _ := localAthena(t)
	bt, qr := translatable(t, "cis")
	start, end := time.Date(2023, 7, 10, 12, 0, 0, 0, time.UTC), time.Date(2023, 7, 10, 18, 0, 0, 0, time.UTC)
	a := &remote.Athena{Client: client, Database: "security", OutputLocation: "s3://r/", Poll: time.Millisecond}
	res, err := a.RunAthena(context.Background(), qr, query.Options{Start: start, End: end})
	require.NoError(t, err)
	got, err := remote.Report(bt, res)
	require.NoError(t, err)
	want, err := backtest.Run(context.Background(), bt, backtest.Sample(), backtest.Options{Start: start, End: end})
	require.NoError(t, err)
	require.Equal(t, want.Stats.Records-want.OutsideWindow, got.Stats.Records)
	require.Equal(t, reportBody(t, &backtest.Report{Rules: want.Rules, From: want.From, To: want.To}),
		reportBody(t, &backtest.Report{Rules: got.Rules, From: got.From, To: got.To}))
	require.Contains(t, a.LastSQL, `"timestamp" >= '2023/07/10'`)
}

// A query Athena fails (here: a database that does not exist) is an error
// naming the query and Athena's reason.
func TestAthenaFailedQuery(t *testing.T) {
	_, client, _ := localAthena(t)
	_, qr := translatable(t, "cis")
	a := &remote.Athena{Client: client, Database: "nosuch", OutputLocation: "s3://r/", Poll: time.Millisecond}
	_, err := a.RunAthena(context.Background(), qr, query.Options{})
	require.ErrorContains(t, err, "FAILED: SCHEMA_NOT_FOUND")
}

// A scan over MaxScannedBytes is stopped and its result refused.
func TestAthenaScanLimit(t *testing.T) {
	_, client, engine := localAthena(t)
	_, qr := translatable(t, "cis")
	a := &remote.Athena{Client: client, Database: "security", OutputLocation: "s3://r/", Poll: time.Millisecond,
		MaxScannedBytes: engine.Scanned - 1}
	_, err := a.RunAthena(context.Background(), qr, query.Options{})
	require.ErrorIs(t, err, remote.ErrScanLimit)
}

// blockingEngine never finishes a query until it is stopped.
type blockingEngine struct{ stopped chan struct{} }

func (b *blockingEngine) Query(ctx context.Context, _, _ string) (*localaws.AthenaResult, error) {
	<-ctx.Done()
	close(b.stopped)
	return nil, ctx.Err()
}

// A query still running at the timeout is stopped (StopQueryExecution) and
// reported.
func TestAthenaTimeout(t *testing.T) {
	srv, client, _ := localAthena(t)
	eng := &blockingEngine{stopped: make(chan struct{})}
	srv.SetAthenaEngine(eng)
	_, qr := translatable(t, "cis")
	a := &remote.Athena{Client: client, Database: "security", OutputLocation: "s3://r/", Poll: time.Millisecond,
		Timeout: 50 * time.Millisecond}
	_, err := a.RunAthena(context.Background(), qr, query.Options{})
	require.ErrorContains(t, err, "stopped")
	select {
	case <-eng.stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("the query was not stopped")
	}
}

// A rule with no exact translation is refused before any query starts.
func TestAthenaRefusesUntranslatableRule(t *testing.T) {
	_, client, _ := localAthena(t)
	a := &remote.Athena{Client: client, Database: "security", OutputLocation: "s3://r/"}
	_, err := a.RunAthena(context.Background(), []query.Rule{{ID: "root", FilterPattern: `{ $.userIdentity.invokedBy NOT EXISTS }`}}, query.Options{})
	var qe *query.Error
	require.True(t, errors.As(err, &qe))
	require.Equal(t, "root", qe.Rule)
	require.Equal(t, "null-or-missing", qe.Code)
}
