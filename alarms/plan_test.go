package alarms

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/awslimits"
	"github.com/cwpat/cwpat/sim"
)

const testTopicARN = "arn:aws:sns:us-east-1:111122223333:cwpat-alarms"

// fixture is a two-rule deployment written by hand, so the plan tests do
// not depend on the rule data.
func fixture() *Desired {
	d := &Desired{LogGroupName: "CloudTrail/Logs", Prefix: "cwpat-", RuleSet: "cis",
		Topic:         &Topic{Name: "cwpat-alarms"},
		Subscriptions: []Subscription{{Protocol: "email", Endpoint: "sec@example.com"}}}
	for _, r := range []struct{ id, name, pattern string }{
		{"root-usage", "RootUsage", `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`},
		{"cloudtrail-changes", "CloudTrailCfgChanges", `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`},
	} {
		f := MetricFilter{LogGroupName: d.LogGroupName, Name: d.Prefix + r.name, Pattern: r.pattern,
			MetricName: r.name, MetricNamespace: "CISBenchmark", MetricValue: "1", RuleID: r.id}
		d.Filters = append(d.Filters, f)
		d.Alarms = append(d.Alarms, Alarm{Name: d.Prefix + r.name, MetricName: r.name, Namespace: "CISBenchmark",
			Alarm: sim.Alarm{Statistic: "Sum", Period: 300, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: "GreaterThanOrEqualToThreshold",
				TreatMissingData: "notBreaching"}, ActionsEnabled: true, AlarmActions: []string{TopicToken},
			Tags: ownershipTags(d.RuleSet, r.id, "", &f), RuleID: r.id, FilterName: f.Name})
	}
	return d
}

// applied is the account after d was deployed, as Read would see it.
func applied(d *Desired) *Current {
	c := &Current{LogGroupName: d.LogGroupName, LogGroupExists: true}
	c.Filters = append(c.Filters, d.Filters...)
	for _, a := range d.Alarms {
		a.AlarmActions = resolveActions(a.AlarmActions, testTopicARN)
		a.Tags = maps.Clone(a.Tags)
		c.Alarms = append(c.Alarms, CurrentAlarm{Alarm: a, ARN: "arn:aws:cloudwatch:us-east-1:111122223333:alarm:" + a.Name})
	}
	policy, _ := TopicPolicy(testTopicARN)
	c.Topic = &CurrentTopic{ARN: testTopicARN, Name: d.Topic.Name, Attributes: map[string]string{"Policy": policy},
		Tags: withTags(map[string]string{TagManagedBy: ManagedByValue, TagRuleSet: d.RuleSet}, subscriptionTags(d.Subscriptions))}
	for _, s := range d.Subscriptions {
		c.Topic.Subscriptions = append(c.Topic.Subscriptions, CurrentSubscription{ARN: testTopicARN + ":abc", Protocol: s.Protocol, Endpoint: s.Endpoint})
	}
	return c
}

func actions(p *Plan) []string {
	var out []string
	for _, c := range p.Changes {
		if c.Action != NoOp {
			out = append(out, string(c.Action)+" "+string(c.Type)+" "+c.Name)
		}
	}
	return out
}

func TestPlanFirstDeployCreatesEverythingInOrder(t *testing.T) {
	p, err := ComputePlan(fixture(), &Current{LogGroupName: "CloudTrail/Logs", LogGroupExists: true})
	require.NoError(t, err)
	assert.Equal(t, []string{
		"create sns topic cwpat-alarms",
		"create sns subscription email:sec@example.com",
		"create alarm cwpat-RootUsage",
		"create metric filter cwpat-RootUsage",
		"create alarm cwpat-CloudTrailCfgChanges",
		"create metric filter cwpat-CloudTrailCfgChanges",
	}, actions(p))
	c, u, d := p.Counts()
	assert.Equal(t, [3]int{6, 0, 0}, [3]int{c, u, d})
}

func TestPlanSecondRunPlansNothing(t *testing.T) {
	d := fixture()
	p, err := ComputePlan(d, applied(d))
	require.NoError(t, err)
	assert.True(t, p.Empty(), "changes: %v", actions(p))
	assert.Empty(t, p.Warnings)
}

func TestPlanChangedPatternUpdatesOnlyThatFilter(t *testing.T) {
	d := fixture()
	cur := applied(d)
	d.Filters[1].Pattern = `{ ($.eventSource = cloudtrail.amazonaws.com) && ($.eventName = StopLogging) }`
	p, err := ComputePlan(d, cur)
	require.NoError(t, err)
	assert.Equal(t, []string{"update metric filter cwpat-CloudTrailCfgChanges"}, actions(p))
	for _, c := range p.Changes {
		if c.Action == Update {
			require.Len(t, c.Fields, 1)
			assert.Equal(t, "filter_pattern", c.Fields[0].Name)
			assert.Equal(t, cur.Filters[1].Pattern, c.Fields[0].Old)
		}
	}
}

func TestPlanTreatsAWSDefaultsAsUnset(t *testing.T) {
	d := fixture()
	d.Alarms[0].TreatMissingData, d.Alarms[0].DatapointsToAlarm = "", 0
	cur := applied(d)
	// What DescribeAlarms may echo for values that were never set.
	cur.Alarms[0].TreatMissingData, cur.Alarms[0].DatapointsToAlarm = "missing", cur.Alarms[0].EvaluationPeriods
	p, err := ComputePlan(d, cur)
	require.NoError(t, err)
	assert.True(t, p.Empty(), "changes: %v", actions(p))
}

func TestPlanChangedThresholdUpdatesAlarmFieldByField(t *testing.T) {
	d := fixture()
	cur := applied(d)
	d.Alarms[0].Threshold = 3
	d.Alarms[0].Period = 60
	p, err := ComputePlan(d, cur)
	require.NoError(t, err)
	require.Equal(t, []string{"update alarm cwpat-RootUsage"}, actions(p))
	var fields []string
	for _, c := range p.Changes {
		for _, f := range c.Fields {
			fields = append(fields, f.Name+":"+f.Old+"->"+f.New)
		}
	}
	assert.Equal(t, []string{"period:300->60", "threshold:1->3"}, fields)
}

func TestPlanLeavesForeignFilterAndAlarmAlone(t *testing.T) {
	d := fixture()
	cur := &Current{LogGroupName: d.LogGroupName, LogGroupExists: true}
	// Someone else's filter with cwpat's name for rule 1 (no cwpat alarm
	// names it), and someone else's alarm with cwpat's name for rule 2.
	cur.Filters = []MetricFilter{{LogGroupName: d.LogGroupName, Name: "cwpat-RootUsage", Pattern: "{ $.x = 1 }", MetricName: "Mine", MetricNamespace: "Team"}}
	cur.Alarms = []CurrentAlarm{{Alarm: Alarm{Name: "cwpat-CloudTrailCfgChanges", MetricName: "Other", Namespace: "Team",
		Tags: map[string]string{"owner": "team"}}}}
	p, err := ComputePlan(d, cur)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"create sns topic cwpat-alarms",
		"create sns subscription email:sec@example.com",
		"foreign metric filter cwpat-RootUsage",
		"foreign alarm cwpat-CloudTrailCfgChanges",
	}, actions(p))
	assert.Len(t, p.Blocked(), 2)
}

func TestPlanDeletesDisabledRuleOwnedResourcesOnly(t *testing.T) {
	d := fixture()
	cur := applied(d)
	cur.Alarms = append(cur.Alarms, CurrentAlarm{Alarm: Alarm{Name: "cwpat-Theirs", Tags: map[string]string{"team": "x"}}})
	d.Filters, d.Alarms = d.Filters[:1], d.Alarms[:1]
	p, err := ComputePlan(d, cur)
	require.NoError(t, err)
	assert.Equal(t, []string{"delete metric filter cwpat-CloudTrailCfgChanges", "delete alarm cwpat-CloudTrailCfgChanges"}, actions(p))
}

func TestPlanMovedLogGroupDeletesOldFilter(t *testing.T) {
	d := fixture()
	cur := applied(d)
	for i := range d.Filters {
		d.Filters[i].LogGroupName = "NewGroup"
		d.Alarms[i].Tags[TagLogGroup] = "NewGroup"
	}
	d.LogGroupName = "NewGroup"
	p, err := ComputePlan(d, cur)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"update alarm cwpat-RootUsage", "create metric filter cwpat-RootUsage",
		"update alarm cwpat-CloudTrailCfgChanges", "create metric filter cwpat-CloudTrailCfgChanges",
		"delete metric filter cwpat-RootUsage", "delete metric filter cwpat-CloudTrailCfgChanges",
	}, actions(p))
}

func TestPlanWarnings(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(d *Desired, c *Current)
		warns []string
	}{
		{"no subscription anywhere", func(d *Desired, c *Current) { d.Subscriptions = nil; c.Topic.Subscriptions = nil },
			[]string{"nobody will be notified"}},
		{"pending subscription", func(d *Desired, c *Current) { c.Topic.Subscriptions[0].ARN = "PendingConfirmation" },
			[]string{"pending confirmation"}},
		{"AWS-managed KMS key", func(d *Desired, c *Current) { d.Topic.KMSKeyID = "alias/aws/sns" },
			[]string{"silently fail"}},
		{"key policy without CloudWatch", func(d *Desired, c *Current) {
			d.Topic.KMSKeyID = "alias/mine"
			c.KMSKey = &KMSKey{ARN: "arn:aws:kms:us-east-1:111122223333:key/1", PolicyRead: true}
		}, []string{"key policy does not let cloudwatch.amazonaws.com"}},
		{"no topic", func(d *Desired, c *Current) { d.Topic = nil }, []string{"notify nobody"}},
		{"foreign topic without cloudwatch", func(d *Desired, c *Current) {
			c.Topic.Tags = nil
			c.Topic.Attributes["Policy"] = `{"Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sns:Publish"}]}`
		}, []string{"does not let cloudwatch.amazonaws.com sns:Publish"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fixture()
			c := applied(d)
			tt.edit(d, c)
			p, err := ComputePlan(d, c)
			require.NoError(t, err)
			all := strings.Join(p.Warnings, "\n")
			for _, w := range tt.warns {
				assert.Contains(t, all, w)
			}
		})
	}
}

func TestPlanWarnsBeforeTheFilterQuota(t *testing.T) {
	d := fixture()
	c := &Current{LogGroupName: d.LogGroupName, LogGroupExists: true}
	for i := 0; i < awslimits.MetricFiltersPerLogGroup-1; i++ {
		c.Filters = append(c.Filters, MetricFilter{LogGroupName: d.LogGroupName, Name: fmt.Sprintf("team-%d", i)})
	}
	p, err := ComputePlan(d, c)
	require.NoError(t, err)
	assert.Contains(t, strings.Join(p.Warnings, "\n"), "would hold 101 metric filters, more than the 100")

	c.Filters = c.Filters[:awslimits.MetricFiltersPerLogGroup-2]
	p, err = ComputePlan(d, c)
	require.NoError(t, err)
	assert.NotContains(t, strings.Join(p.Warnings, "\n"), "metric filters, more than")
}

func TestPlanRefusesInvalidInput(t *testing.T) {
	tests := []struct {
		name string
		edit func(d *Desired, c *Current)
		want string
	}{
		{"missing log group", func(d *Desired, c *Current) { c.LogGroupExists = false }, `log group "CloudTrail/Logs" does not exist`},
		{"bad email", func(d *Desired, c *Current) { d.Subscriptions[0].Endpoint = "nobody" }, `--email "nobody" is not an email address`},
		{"fifo topic", func(d *Desired, c *Current) { d.Topic.Name = "x.fifo" }, "FIFO"},
		{"name without prefix", func(d *Desired, c *Current) { d.Filters[0].Name = "RootUsage" }, `does not start with the prefix`},
		{"empty prefix", func(d *Desired, c *Current) { d.Prefix = "" }, "prefix is empty"},
		{"sqs not an arn", func(d *Desired, c *Current) { d.Subscriptions[0] = Subscription{"sqs", "my-queue"} }, "must be a queue ARN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fixture()
			c := &Current{LogGroupName: d.LogGroupName, LogGroupExists: true}
			tt.edit(d, c)
			_, err := ComputePlan(d, c)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestPlanDestroyOnlyOwned(t *testing.T) {
	d := fixture()
	cur := applied(d)
	cur.Alarms = append(cur.Alarms, CurrentAlarm{Alarm: Alarm{Name: "cwpat-Theirs"}})
	cur.Filters = append(cur.Filters, MetricFilter{LogGroupName: d.LogGroupName, Name: "cwpat-TheirFilter"}, MetricFilter{LogGroupName: d.LogGroupName, Name: "Unrelated"})
	p := PlanDestroy(DestroyScope{Prefix: "cwpat-"}, cur)
	assert.Equal(t, []string{
		"delete metric filter cwpat-RootUsage", "delete metric filter cwpat-CloudTrailCfgChanges",
		"delete alarm cwpat-RootUsage", "delete alarm cwpat-CloudTrailCfgChanges",
		"foreign alarm cwpat-Theirs", "foreign metric filter cwpat-TheirFilter",
		"delete sns topic cwpat-alarms",
	}, actions(p))
}
