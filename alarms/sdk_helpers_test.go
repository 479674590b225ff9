package alarms

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
	"github.com/cwpat/cwpat/rules"
)

const testLogGroup = "CloudTrail/Logs"

// account is one local AWS account with a CIS-compliant trail delivering to
// testLogGroup, reached through the real SDK clients over HTTP.
type account struct {
	srv *localaws.Endpoint
	c   *Clients
	ctx context.Context
}

func newAccount(t *testing.T) *account { return newAccountTB(t) }

func newAccountTB(t testing.TB, opts ...localaws.Options) *account {
	t.Helper()
	srv := localawstest.StartAccount(t, testLogGroup, opts...)
	c, err := NewClients(srv.Config(), ClientOptions{EndpointURL: srv.URL, MaxAttempts: 5, MaxBackoff: time.Millisecond})
	require.NoError(t, err)
	return &account{srv: srv, c: c, ctx: context.Background()}
}

func cisSet(t *testing.T) *rules.Set { return cisSetTB(t) }

func cisSetTB(t testing.TB) *rules.Set {
	t.Helper()
	set, err := rules.Builtin("cis")
	require.NoError(t, err)
	return set
}

func (a *account) desired(t *testing.T, set *rules.Set, o DeployOptions) *Desired {
	t.Helper()
	if o.LogGroupName == "" {
		o.LogGroupName = testLogGroup
	}
	d, err := BuildDesired(set, o)
	require.NoError(t, err)
	return d
}

func (a *account) plan(t *testing.T, d *Desired) *Plan {
	t.Helper()
	topic := ""
	kms := ""
	if d.Topic != nil {
		topic, kms = d.Topic.Name, d.Topic.KMSKeyID
	}
	cur, err := a.c.Read(a.ctx, ReadOptions{Prefix: d.Prefix, LogGroupName: d.LogGroupName, TopicName: topic, KMSKeyID: kms})
	require.NoError(t, err)
	p, err := ComputePlan(d, cur)
	require.NoError(t, err)
	return p
}

// deploy plans and applies d, failing the test on any error.
func (a *account) deploy(t *testing.T, d *Desired) *Plan {
	t.Helper()
	p := a.plan(t, d)
	require.NoError(t, a.c.Apply(a.ctx, p, nil))
	return p
}

func (a *account) state() localaws.State {
	return a.srv.Snapshot("", localaws.DefaultRegion)
}
