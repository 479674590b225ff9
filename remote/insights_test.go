package remote_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/cwpat/cwpat/backtest"
	"github.com/cwpat/cwpat/internal/testenv"
	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
	"github.com/cwpat/cwpat/query"
	"github.com/cwpat/cwpat/remote"
	"github.com/cwpat/cwpat/rules"
)

// importSample puts the bundled records in a log group as CloudTrail
// delivers them: one record a log event, at its eventTime.
func importSample(t *testing.T, srv *localaws.Endpoint, group string) (first, last time.Time) {
	t.Helper()
	var events []localaws.ImportedEvent
	for _, rec := range testenv.GzipNDJSON(t, sampleGlob) {
		at, err := time.Parse(time.RFC3339, gjson.GetBytes(rec, "eventTime").String())
		require.NoError(t, err)
		events = append(events, localaws.ImportedEvent{Timestamp: at.UnixMilli(), Message: string(rec)})
		if first.IsZero() || at.Before(first) {
			first = at
		}
		if at.After(last) {
			last = at
		}
	}
	srv.ImportLogEvents(localaws.DefaultAccount, localaws.DefaultRegion, group, "123456789012_CloudTrail_us-east-1", events)
	return first, last
}

// The Insights queries, answered by the local Insights (an evaluator written
// from AWS's query-syntax pages, not cwpat's matcher), give the same report
// as the local backtest; the ten years of the sample take many chunks.
func TestInsightsBacktestEqualsLocal(t *testing.T) {
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	srv := localawstest.Start(t)
	first, last := importSample(t, srv, "cloudtrail")
	client := cloudwatchlogs.NewFromConfig(srv.Config(), func(o *cloudwatchlogs.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	for _, set := range []string{"cis", "cis-1.2"} {
		s, err := rules.Builtin(set)
		require.NoError(t, err)
		var bt []backtest.Rule
		var qr []query.Rule
		for _, r := range backtest.RulesFrom(s) {
			if _, _, err := query.Insights(r.FilterPattern); err != nil {
				continue
			}
			bt = append(bt, r)
			qr = append(qr, query.Rule{ID: r.ID, FilterPattern: r.FilterPattern})
		}
		require.Len(t, bt, len(s.Rules), "every %s rule translates for Insights", set)
		// MaxRows 20 forces the busiest chunks to be split and queried again.
		in := &remote.Insights{Client: client, LogGroupName: "cloudtrail", Poll: time.Millisecond, Chunk: 800 * 24 * time.Hour, MaxRows: 20}
		res, err := in.RunInsights(context.Background(), qr, first, last.Add(time.Second))
		require.NoError(t, err)
		t.Logf("%s: %d queries", set, len(res.Queries))
		require.Greater(t, len(res.Queries), 6*len(qr), "the range is queried in chunks, the busy ones split")
		got, err := remote.Report(bt, res)
		require.NoError(t, err)
		want, err := backtest.Run(context.Background(), bt, backtest.Sample(), backtest.Options{})
		require.NoError(t, err)
		require.Equal(t, want.Stats.Records, got.Stats.Records)
		require.Equal(t, reportBody(t, want), reportBody(t, got), set)
	}
}
