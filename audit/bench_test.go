package audit

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/alarms"
)

// BenchmarkAuditCIS measures an audit of the deployed CIS baseline: Run
// (reading the account over HTTP from the local endpoint, then judging)
// and Judge alone (compiling the filters, running every control's examples,
// simulating every alarm), reporting the AWS calls a run makes.
func BenchmarkAuditCIS(b *testing.B) {
	a := newAccount(b)
	set := cisSet(b)
	a.deploy(b, set, alarms.DeployOptions{Subscriptions: []alarms.Subscription{{Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:123456789012:q"}}})
	controls := controlsOf(b, set)
	b.Run("Run", func(b *testing.B) {
		before := len(a.srv.Calls())
		for i := 0; i < b.N; i++ {
			r, err := Run(a.ctx, a.c, controls, Options{})
			require.NoError(b, err)
			require.Equal(b, len(controls), r.Covered())
		}
		b.ReportMetric(float64(len(a.srv.Calls())-before)/float64(b.N), "calls/op")
	})
	in, err := Read(a.ctx, a.c, "")
	require.NoError(b, err)
	b.Run("Judge", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if r := Judge(in, controls); r.Covered() != len(controls) {
				b.Fatal(r.Covered())
			}
		}
	})
}
