package audit

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/alarms"
)

func TestDisagreementWithAWS(t *testing.T) {
	res := &ControlResult{Control: testControls()[0], Filter: "Unauthorized", Covered: true}
	msgs := append(append([]string{}, res.Control.Matches...), res.Control.NearMisses...)
	agree := map[string]bool{evAccessDenied: true, evUnauthorizedOp: true}
	assert.Nil(t, disagreement(res, msgs, agree))

	missed := map[string]bool{evAccessDenied: true}
	d := disagreement(res, msgs, missed)
	require.NotNil(t, d)
	assert.Equal(t, CodeAWSDisagrees, d.Code)
	assert.Contains(t, d.Message, "does not match RunInstances")

	extra := map[string]bool{evAccessDenied: true, evUnauthorizedOp: true, evThrottled: true}
	d = disagreement(res, msgs, extra)
	require.NotNil(t, d)
	assert.Contains(t, d.Message, "matches the near-miss DescribeInstances")
}

func TestVerifyWithAWSAgreesOnTheDeployedBaseline(t *testing.T) {
	a := newAccount(t)
	set := cisSet(t)
	a.deploy(t, set, alarms.DeployOptions{Subscriptions: []alarms.Subscription{{Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:123456789012:q"}}})
	r, err := Run(a.ctx, a.c, controlsOf(t, set), Options{})
	require.NoError(t, err)
	before := len(a.srv.Calls())
	require.NoError(t, VerifyWithAWS(a.ctx, a.c, r))
	assert.Equal(t, len(set.Rules), r.Covered())
	tests := 0
	for _, c := range a.srv.Calls()[before:] {
		if c.Operation == "TestMetricFilter" {
			tests++
		}
	}
	assert.Equal(t, len(set.Rules), tests, "one TestMetricFilter call per covered control")
}
