package backtest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/sim"
	"github.com/cwpat/cwpat/trail"
)

// minuteFold is how the series was computed before periods folded as
// samples arrive: statistics per minute, folded into periods at the end.
func minuteFold(samples []sample, period time.Duration) []sim.Datapoint {
	minutes := map[int64]*stat{}
	for _, s := range samples {
		if minutes[s.minute] == nil {
			minutes[s.minute] = &stat{}
		}
		minutes[s.minute].add(s.v, 1)
	}
	byStart := map[int64]*stat{}
	for m, s := range minutes {
		start := sim.PeriodStart(time.Unix(m*60, 0), period).Unix()
		if byStart[start] == nil {
			byStart[start] = &stat{}
		}
		byStart[start].merge(s)
	}
	var out []sim.Datapoint
	for start, s := range byStart {
		out = append(out, sim.Datapoint{Timestamp: time.Unix(start, 0).UTC(),
			StatisticSet: sim.StatisticSet{SampleCount: s.n, Sum: s.sum, Minimum: s.min, Maximum: s.max}})
	}
	slices.SortFunc(out, func(x, y sim.Datapoint) int { return x.Timestamp.Compare(y.Timestamp) })
	return out
}

type sample struct {
	minute int64
	v      float64
}

// Whatever the order samples come in, and however they are split between
// workers, the series is the per-minute fold's: in order, reversed (every
// new period far behind: the late log), shuffled, and by region (the whole
// span twice, as two trails of an S3 tree are walked).
func TestPeriodStatsFoldAnyOrderAsMinutesFold(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var samples []sample
	for range 30000 {
		samples = append(samples, sample{minute: 28_000_000 + rng.Int64N(60_000), v: float64(rng.IntN(7) - 2)})
	}
	slices.SortFunc(samples, func(a, b sample) int { return int(a.minute - b.minute) })
	reversed := slices.Clone(samples)
	slices.Reverse(reversed)
	shuffled := slices.Clone(samples)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	var regions []sample
	for i := range 2 {
		for j, s := range samples {
			if j%2 == i {
				regions = append(regions, s)
			}
		}
	}
	orders := map[string][]sample{"in order": samples, "reversed": reversed, "shuffled": shuffled, "by region": regions}
	for _, period := range []time.Duration{time.Minute, 5 * time.Minute, 90 * time.Second, time.Hour} {
		want := minuteFold(samples, period)
		for name, order := range orders {
			p := newPeriodStats(period)
			for _, s := range order {
				p.add(s.minute, s.v, 1)
			}
			assert.Equal(t, want, p.series(), "%s, %s", period, name)

			// Split between two workers, merged.
			a, b := newPeriodStats(period), newPeriodStats(period)
			for i, s := range order {
				if i%3 == 0 {
					a.add(s.minute, s.v, 1)
				} else {
					b.add(s.minute, s.v, 1)
				}
			}
			a.merge(&b)
			assert.Equal(t, want, a.series(), "%s, %s, two workers", period, name)
		}
	}
}

// The report on the bundled sample is byte for byte what it was when
// samples were kept per minute (testdata/sample-cis.json is the output of
// `cwpat backtest --rules cis -o json` before the change).
func TestRunReportOnTheSampleIsUnchanged(t *testing.T) {
	rep, err := Run(context.Background(), builtinRules(t, "cis"), Sample(), Options{})
	require.NoError(t, err)
	want, err := os.ReadFile("testdata/sample-cis.json")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(reportJSON(t, rep)))
}

// reportJSON encodes a report as `cwpat backtest -o json` does.
func reportJSON(t testing.TB, rep *Report) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(rep))
	return b.Bytes()
}

// outOfOrderArchive is the sample's records, each four times with an
// eventTime spread over 30 days, shuffled into three NDJSON sources: input
// as far from time order as it gets.
func outOfOrderArchive(t testing.TB) []trail.Source {
	rng := rand.New(rand.NewPCG(7, 7))
	begin := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	var recs [][]byte
	for _, r := range sampleRecords(t) {
		i := bytes.Index(r, []byte(`"eventTime":"`))
		require.GreaterOrEqual(t, i, 0)
		i += len(`"eventTime":"`)
		end := i + bytes.IndexByte(r[i:], '"')
		for range 4 {
			at := begin.Add(time.Duration(rng.Int64N(int64(30 * 24 * time.Hour)))).Truncate(time.Second)
			recs = append(recs, slices.Concat(r[:i], []byte(at.Format(time.RFC3339)), r[end:]))
		}
	}
	rng.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
	var srcs []trail.Source
	for k := range 3 {
		var b bytes.Buffer
		for i := k; i < len(recs); i += 3 {
			b.Write(recs[i])
			b.WriteByte('\n')
		}
		data := b.Bytes()
		srcs = append(srcs, trail.OpenSource(fmt.Sprintf("shuffled-%d.ndjson", k), int64(len(data)),
			func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }))
	}
	return srcs
}

// outOfOrderRules are the CIS set and rules that publish for every record
// (a default value) and with dimensions.
func outOfOrderRules(t testing.TB) []Rule {
	rs := builtinRules(t, "cis")
	zero := 0.0
	dv := rule("vpc-default", `{ $.eventSource = "ec2.amazonaws.com" }`)
	dv.MetricTransformation.DefaultValue = &zero
	dv.Alarm.Statistic = sim.SampleCount
	dims := rule("by-source", `{ $.eventName = "*" }`)
	dims.MetricTransformation.Dimensions = map[string]string{"source": "$.eventSource"}
	hourly := rule("hourly", `{ $.errorCode = * }`)
	hourly.Alarm.Period = 3600
	return append(rs, dv, dims, hourly)
}

// outOfOrderReportSHA256 is the SHA-256 of the JSON report of
// outOfOrderArchive through outOfOrderRules as the per-minute tally gave it
// (run at the commit before periods folded as samples arrive).
const outOfOrderReportSHA256 = "d12c591c7f22a7daee17c17b1ab363eb57b0ee6ffbbc84f746c795a142bf463f"

// The report on shuffled input is byte for byte what the per-minute tally
// gave, with one worker or several.
func TestRunReportOnOutOfOrderInputIsUnchanged(t *testing.T) {
	srcs, rs := outOfOrderArchive(t), outOfOrderRules(t)
	for _, workers := range []int{1, 2, 3} {
		rep, err := Run(context.Background(), rs, srcs, Options{Workers: workers})
		require.NoError(t, err)
		sum := sha256.Sum256(reportJSON(t, rep))
		assert.Equal(t, outOfOrderReportSHA256, hex.EncodeToString(sum[:]), "workers %d", workers)
		assert.NotEmpty(t, rep.Rules[len(rs)-3].Series)
	}
}
