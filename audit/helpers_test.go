package audit

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
	"github.com/cwpat/cwpat/rules"
)

const testLogGroup = "CloudTrail/Logs"

// account is one local AWS account with a CIS-compliant trail delivering to
// testLogGroup, reached through the real SDK clients over HTTP.
type account struct {
	srv *localaws.Endpoint
	c   *alarms.Clients
	ctx context.Context
}

func newAccount(t testing.TB, opts ...localaws.Options) *account {
	t.Helper()
	srv := localawstest.StartAccount(t, testLogGroup, opts...)
	c, err := alarms.NewClients(srv.Config(), alarms.ClientOptions{EndpointURL: srv.URL, MaxAttempts: 5, MaxBackoff: time.Millisecond})
	require.NoError(t, err)
	return &account{srv: srv, c: c, ctx: context.Background()}
}

func cisSet(t testing.TB) *rules.Set {
	t.Helper()
	set, err := rules.Builtin("cis")
	require.NoError(t, err)
	return set
}

func controlsOf(t testing.TB, set *rules.Set) []Control {
	t.Helper()
	cs, err := ControlsFromRules(set)
	require.NoError(t, err)
	return cs
}

// deploy deploys set on testLogGroup with cwpat's own plan and apply.
func (a *account) deploy(t testing.TB, set *rules.Set, o alarms.DeployOptions) {
	t.Helper()
	if o.LogGroupName == "" {
		o.LogGroupName = testLogGroup
	}
	d, err := alarms.BuildDesired(set, o)
	require.NoError(t, err)
	topic, kms := "", ""
	if d.Topic != nil {
		topic, kms = d.Topic.Name, d.Topic.KMSKeyID
	}
	cur, err := a.c.Read(a.ctx, alarms.ReadOptions{Prefix: d.Prefix, LogGroupName: d.LogGroupName, TopicName: topic, KMSKeyID: kms})
	require.NoError(t, err)
	p, err := alarms.ComputePlan(d, cur)
	require.NoError(t, err)
	require.NoError(t, a.c.Apply(a.ctx, p, nil))
}

func (a *account) state() localaws.State {
	return a.srv.Snapshot("", localaws.DefaultRegion)
}

// audit runs the audit of the CIS set on the account.
func (a *account) audit(t *testing.T, logGroup string) *Report {
	t.Helper()
	r, err := Run(a.ctx, a.c, controlsOf(t, cisSet(t)), Options{LogGroupName: logGroup})
	require.NoError(t, err)
	return r
}
