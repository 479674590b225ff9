package alarms

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkDeployCIS measures a first deploy of the CIS set (plan + apply)
// and the idempotent re-plan, against localaws over HTTP, reporting the AWS
// calls each makes.
func BenchmarkDeployCIS(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		a := newAccountTB(b)
		set := cisSetTB(b)
		d, err := BuildDesired(set, DeployOptions{LogGroupName: testLogGroup, Subscriptions: []Subscription{{"email", "sec@example.com"}}})
		require.NoError(b, err)
		before := len(a.srv.Calls())
		b.StartTimer()
		cur, err := a.c.Read(a.ctx, ReadOptions{Prefix: d.Prefix, LogGroupName: testLogGroup, TopicName: d.Topic.Name})
		require.NoError(b, err)
		p, err := ComputePlan(d, cur)
		require.NoError(b, err)
		require.NoError(b, a.c.Apply(a.ctx, p, nil))
		b.StopTimer()
		deployCalls := len(a.srv.Calls()) - before
		before = len(a.srv.Calls())
		cur, err = a.c.Read(a.ctx, ReadOptions{Prefix: d.Prefix, LogGroupName: testLogGroup, TopicName: d.Topic.Name})
		require.NoError(b, err)
		again, err := ComputePlan(d, cur)
		require.NoError(b, err)
		require.True(b, again.Empty())
		b.ReportMetric(float64(deployCalls), "deploy-calls/op")
		b.ReportMetric(float64(len(a.srv.Calls())-before), "replan-calls/op")
		b.StartTimer()
	}
}
