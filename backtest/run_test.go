package backtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
	"github.com/cwpat/cwpat/sim"
	"github.com/cwpat/cwpat/trail"
)

var cisAlarm = sim.Alarm{Statistic: sim.Sum, Period: 300, EvaluationPeriods: 1, Threshold: 1,
	ComparisonOperator: sim.GreaterThanOrEqualToThreshold}

func rule(id, pat string) Rule {
	return Rule{ID: id, FilterPattern: pat, Alarm: cisAlarm, AlarmName: id + "-alarm",
		MetricTransformation: pattern.MetricTransformation{MetricName: id, MetricNamespace: "CISBenchmark", MetricValue: "1"}}
}

// CIS patterns (v4/v5 text) with the counts the reference data's NOTICE
// gives for the two sample files together.
var cisRules = []struct {
	rule  Rule
	names []string // the eventNames the pattern stands for, for an independent count
	want  int64
}{
	{rule("cloudtrail-changes", `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`),
		[]string{"CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"}, 13 + 3},
	{rule("route-table-changes", `{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }`),
		[]string{"CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable"}, 40 + 2},
	{rule("network-gateway-changes", `{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }`),
		[]string{"CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway"}, 15},
	{rule("unauthorized-api-calls", `{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }`),
		nil, 60 + 208},
	{rule("root-usage", `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`), nil, 0},
}

func sampleRecords(t testing.TB) [][]byte {
	var out [][]byte
	rd := &trail.Reader{OnProblem: func(d diag.Diagnostic) { t.Errorf("problem: %v", d) }}
	_, err := rd.ReadAll(Sample(), func(r *trail.Record) error {
		out = append(out, append([]byte(nil), r.Message...))
		return nil
	})
	require.NoError(t, err)
	return out
}

func TestRunOverTheSampleCountsWhatTheDataSaysAndUsesEveryWorker(t *testing.T) {
	if _, err := pattern.Compile(`{ $.a = 1 }`); err != nil {
		t.Fatalf("pattern package not usable yet: %v", err)
	}
	var rules []Rule
	for _, c := range cisRules {
		rules = append(rules, c.rule)
	}
	recs := sampleRecords(t)
	require.Len(t, recs, 3214)
	var reports []*Report
	for _, opt := range []Options{{Workers: 1, Readers: 1}, {Workers: 4, Readers: 2}} {
		var problems diag.List
		opt.OnProblem = func(d diag.Diagnostic) { problems = append(problems, d) }
		var progress int64
		opt.OnProgress = func(n int64) { progress += n }
		rep, err := Run(context.Background(), rules, Sample(), opt)
		require.NoError(t, err)
		assert.Empty(t, problems)
		assert.Equal(t, int64(3214), rep.Stats.Records)
		assert.Equal(t, 2, rep.Stats.Files)
		assert.Equal(t, rep.Stats.CompressedBytes, progress)
		for i, c := range cisRules {
			r := rep.Rules[i]
			assert.Equal(t, c.want, r.Matched, r.ID)
			if c.names != nil {
				n := int64(0)
				for _, rec := range recs {
					var v struct{ EventName string }
					require.NoError(t, json.Unmarshal(rec, &v))
					if slices.Contains(c.names, v.EventName) {
						n++
					}
				}
				assert.Equal(t, n, r.Matched, "independent count for %s", r.ID)
			}
			var sum float64
			for _, p := range r.Series {
				sum += p.Sum
				assert.Zero(t, p.Timestamp.Unix()%300, "series is in 5-minute periods")
			}
			assert.Equal(t, float64(r.Published), sum, r.ID)
			assert.Equal(t, r.Matched, r.Published)
		}
		reports = append(reports, rep)
	}
	a, err := json.Marshal(reports[0])
	require.NoError(t, err)
	b, err := json.Marshal(reports[1])
	require.NoError(t, err)
	assert.Equal(t, string(a), string(b), "one worker or four: the same report")

	rep := reports[0]
	root := rep.Rules[4]
	assert.Zero(t, root.Matched)
	assert.Empty(t, root.Transitions, "missing data, no datapoints: the alarm stays INSUFFICIENT_DATA")
	ct := rep.Rules[0]
	require.NotEmpty(t, ct.Transitions)
	assert.Equal(t, sim.StateAlarm, ct.Transitions[0].To)
	require.Len(t, ct.Examples, maxExamples)
	assert.False(t, ct.Examples[1].Time.Before(ct.Examples[0].Time))
	assert.NotEmpty(t, ct.Examples[0].EventName)
	assert.True(t, rep.Fired())
}

// Records at known times give known datapoints and state changes.
func TestRunAggregatesPerMinuteIntoPeriods(t *testing.T) {
	var b bytes.Buffer
	at := func(ts, name string) {
		fmt.Fprintf(&b, `{"eventVersion":"1.08","eventTime":"%s","eventSource":"ec2.amazonaws.com","eventName":"%s"}`+"\n", ts, name)
	}
	at("2023-07-10T10:01:10Z", "CreateVpc")
	at("2023-07-10T10:01:50Z", "CreateVpc")
	at("2023-07-10T10:04:00Z", "DescribeVpcs")
	at("2023-07-10T10:07:00Z", "CreateVpc")
	at("2023-07-10T11:00:00Z", "DescribeVpcs")
	var gzb bytes.Buffer
	zw := gzip.NewWriter(&gzb)
	_, err := io.Copy(zw, &b)
	require.NoError(t, err)
	require.NoError(t, zw.Close())

	r := rule("vpc", `{ $.eventName = CreateVpc }`)
	zero := 0.0
	withDefault := rule("vpc-default", `{ $.eventName = CreateVpc }`)
	withDefault.MetricTransformation.DefaultValue = &zero
	withDefault.Alarm.Statistic = sim.SampleCount
	rep, err := Run(context.Background(), []Rule{r, withDefault}, []trail.Source{trail.ReaderSource("-", &gzb)}, Options{})
	require.NoError(t, err)
	got := rep.Rules[0]
	assert.Equal(t, int64(3), got.Matched)
	require.Len(t, got.Series, 2)
	assert.Equal(t, "2023-07-10T10:00:00Z", got.Series[0].Timestamp.Format(time.RFC3339))
	assert.Equal(t, 2.0, got.Series[0].Sum)
	assert.Equal(t, 1.0, got.Series[1].Sum)
	assert.Equal(t, 2.0, got.Peak)
	var changes []string
	for _, tr := range got.Transitions {
		changes = append(changes, tr.Time.Format("15:04")+" "+string(tr.To))
	}
	assert.Equal(t, []string{"10:05 ALARM", "10:25 INSUFFICIENT_DATA"}, changes)
	assert.Equal(t, int64(20*60), got.AlarmSeconds)

	// With a default value every record publishes: SampleCount counts them all.
	def := rep.Rules[1]
	require.Len(t, def.Series, 3)
	assert.Equal(t, []float64{3, 1, 1}, []float64{def.Series[0].SampleCount, def.Series[1].SampleCount, def.Series[2].SampleCount})
	assert.Equal(t, 2.0, def.Series[0].Sum)
	assert.Equal(t, 0.0, def.Series[0].Minimum)
}

func TestRunRefusesRulesAWSWouldRefuse(t *testing.T) {
	_, err := Run(context.Background(), []Rule{rule("bad", `{ $.eventName = `)}, nil, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "rule bad")
}

func TestRunStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, []Rule{rule("vpc", `{ $.eventName = CreateVpc }`)}, Sample(), Options{})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestRunKeepsOnlyTheTimeWindow(t *testing.T) {
	start := time.Date(2023, 7, 10, 12, 0, 0, 0, time.UTC)
	end := start.Add(time.Hour)
	rep, err := Run(context.Background(), []Rule{cisRules[0].rule}, Sample(), Options{Start: start, End: end})
	require.NoError(t, err)
	assert.False(t, rep.From.Before(start))
	assert.True(t, rep.To.Before(end))
	assert.Equal(t, int64(3214), rep.Stats.Records, "every record was read")
	assert.Positive(t, rep.OutsideWindow)
	kept := rep.Stats.Records - rep.OutsideWindow
	n := int64(0)
	rd := &trail.Reader{}
	_, err = rd.ReadAll(Sample(), func(r *trail.Record) error {
		if !r.Time.Before(start) && r.Time.Before(end) {
			n++
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, n, kept)
	full, err := Run(context.Background(), []Rule{cisRules[0].rule}, Sample(), Options{})
	require.NoError(t, err)
	assert.Less(t, rep.Rules[0].Matched, full.Rules[0].Matched)
	assert.Positive(t, rep.Rules[0].Matched)
}

func TestRunOverNothingReportsNothing(t *testing.T) {
	rep, err := Run(context.Background(), []Rule{cisRules[0].rule}, []trail.Source{trail.ReaderSource("-", strings.NewReader(""))}, Options{})
	require.NoError(t, err)
	assert.True(t, rep.From.IsZero())
	assert.Empty(t, rep.Rules[0].Transitions)
}

// RunSeq over the sources one by one reports what Run reports over them in
// a slice.
func TestRunSeqIsRun(t *testing.T) {
	rs := builtinRules(t, "cis")
	want, err := Run(context.Background(), rs, Sample(), Options{})
	require.NoError(t, err)
	got, err := RunSeq(context.Background(), rs, slices.Values(Sample()), Options{})
	require.NoError(t, err)
	assert.Equal(t, string(reportJSON(t, want)), string(reportJSON(t, got)))
}

// MatchesOnly reports what matched exactly as a full run does, without
// the series and the alarm.
func TestRunMatchesOnlyReportsWhatMatched(t *testing.T) {
	srcs, rs := outOfOrderArchive(t), outOfOrderRules(t)
	full, err := Run(context.Background(), rs, srcs, Options{})
	require.NoError(t, err)
	only, err := Run(context.Background(), rs, srcs, Options{MatchesOnly: true})
	require.NoError(t, err)
	require.Len(t, only.Rules, len(full.Rules))
	for i, want := range full.Rules {
		got := only.Rules[i]
		assert.Empty(t, got.Series, want.ID)
		assert.Empty(t, got.Transitions, want.ID)
		want.Series, want.Transitions, want.Peak, want.AlarmSeconds, want.Notes = got.Series, got.Transitions, 0, 0, nil
		assert.Equal(t, want, got)
	}
	assert.NotZero(t, full.Rules[0].Matched)
	assert.Equal(t, full.Stats, only.Stats)
}
