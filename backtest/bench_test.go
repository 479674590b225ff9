package backtest

import (
	"context"
	"testing"

	"github.com/cwpat/cwpat/rules"
	"github.com/cwpat/cwpat/trail"
)

// BenchmarkRun replays the bundled sample (20 copies, gzip) through the
// full CIS set and reports decompressed bytes/s end to end: reading,
// decompressing, splitting, matching, aggregating and alarm evaluation.
func BenchmarkRun(b *testing.B) {
	set, err := rules.Builtin("cis")
	if err != nil {
		b.Fatal(err)
	}
	rs := make([]Rule, len(set.Rules))
	for i, r := range set.Rules {
		rs[i] = Rule{ID: r.ID, FilterPattern: r.FilterPattern, MetricTransformation: r.MetricTransformation, Alarm: r.Alarm.Alarm}
	}
	var srcs []trail.Source
	for range 20 {
		srcs = append(srcs, Sample()...)
	}
	rep, err := Run(context.Background(), rs, srcs, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(rep.Stats.Bytes)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), rs, srcs, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
