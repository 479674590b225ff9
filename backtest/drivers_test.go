package backtest

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/pattern"
)

// independentTop counts one field of the records with encoding/json and
// returns the top values in the report's order.
func independentTop(t *testing.T, recs [][]byte, value func(map[string]any) string) []Count {
	t.Helper()
	n := map[string]int64{}
	for _, rec := range recs {
		var m map[string]any
		require.NoError(t, json.Unmarshal(rec, &m))
		if v := value(m); v != "" {
			n[v]++
		}
	}
	var out []Count
	for v, c := range n {
		out = append(out, Count{v, c})
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Value, b.Value)) })
	return out[:min(len(out), topDrivers)]
}

func str(m map[string]any, keys ...string) string {
	var v any = m
	for _, k := range keys {
		o, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = o[k]
	}
	s, _ := v.(string)
	return s
}

func TestDriversAreTheTopValuesOfTheMatchedRecords(t *testing.T) {
	unauthorized := cisRules[3].rule
	m := pattern.MustCompile(unauthorized.FilterPattern)
	var recs [][]byte
	for _, rec := range sampleRecords(t) {
		if m.Match(rec) {
			recs = append(recs, rec)
		}
	}
	require.Len(t, recs, int(cisRules[3].want))
	for _, opt := range []Options{{Workers: 1, Readers: 1}, {Workers: 3, Readers: 2}} {
		rep, err := Run(context.Background(), []Rule{unauthorized, cisRules[4].rule}, Sample(), opt)
		require.NoError(t, err)
		assert.Nil(t, rep.Rules[1].Drivers, "a rule that matched nothing has no drivers")
		d := rep.Rules[0].Drivers
		require.NotNil(t, d)
		assert.Equal(t, independentTop(t, recs, func(m map[string]any) string {
			if arn := str(m, "userIdentity", "arn"); arn != "" {
				return arn
			}
			return str(m, "userIdentity", "type")
		}), d.Principals)
		assert.Equal(t, independentTop(t, recs, func(m map[string]any) string { return str(m, "eventName") }), d.EventNames)
		assert.Equal(t, independentTop(t, recs, func(m map[string]any) string { return str(m, "sourceIPAddress") }), d.SourceIPs)
		assert.Equal(t, independentTop(t, recs, func(m map[string]any) string { return str(m, "userAgent") }), d.UserAgents)
		assert.Len(t, d.EventNames, topDrivers, "the sample has more than ten denied event names")
	}
}

func TestDriverTallyCountsValuesBeyondTheCapAsOther(t *testing.T) {
	var a, b driverTally
	for i := range maxDriverValues + 5 {
		f := recordFields{drvEventName: fmt.Sprintf("Event%05d", i)}
		a.add(&f)
	}
	hot := recordFields{drvEventName: "Event00007", drvSourceIP: "10.0.0.1"}
	for range 3 {
		a.add(&hot)
		b.add(&hot)
	}
	late := recordFields{drvEventName: "NeverSeenBefore"}
	b.add(&late)
	a.merge(&b)
	assert.Len(t, a[drvEventName], maxDriverValues+1, "the cap, plus the (other) bucket")
	top := a.top()
	assert.Equal(t, Count{"Event00007", 7}, top.EventNames[0])
	assert.Equal(t, Count{OtherValue, 6}, top.EventNames[1], "5 values past the cap and one merged in later")
	assert.Equal(t, Count{"Event00000", 1}, top.EventNames[2], "ties in value order")
	assert.Equal(t, []Count{{"10.0.0.1", 6}}, top.SourceIPs)
	assert.Empty(t, top.UserAgents, "records without the field count nowhere")
	assert.Len(t, top.EventNames, topDrivers)
}
