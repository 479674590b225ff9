package alarms

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
	"github.com/cwpat/cwpat/rules"
)

func TestDeployFirstRunThenNothing(t *testing.T) {
	a := newAccount(t)
	set := cisSet(t)
	d := a.desired(t, set, DeployOptions{Subscriptions: []Subscription{{"email", "sec@example.com"}}})
	p := a.deploy(t, d)
	created, _, _ := p.Counts()
	assert.Equal(t, 2*len(set.Rules)+2, created, "a filter and an alarm per rule, the topic and the subscription")

	st := a.state()
	assert.Len(t, st.LogGroups[testLogGroup], len(set.Rules))
	assert.Len(t, st.Alarms, len(set.Rules))
	require.Len(t, st.Topics, 1)
	assert.Equal(t, []string{"email:sec@example.com (pending)"}, st.Subscriptions[st.Topics[0]])

	// What AWS holds is what the rules say, read back through the SDK.
	out, err := a.c.Logs.DescribeMetricFilters(a.ctx, &cloudwatchlogs.DescribeMetricFiltersInput{LogGroupName: aws.String(testLogGroup)})
	require.NoError(t, err)
	patterns := map[string]string{}
	for _, f := range out.MetricFilters {
		patterns[aws.ToString(f.FilterName)] = aws.ToString(f.FilterPattern)
	}
	for _, f := range d.Filters {
		assert.Equal(t, f.Pattern, patterns[f.Name])
	}
	attrs, err := a.c.SNS.GetTopicAttributes(a.ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(st.Topics[0])})
	require.NoError(t, err)
	assert.True(t, PolicyAllowsCloudWatch(attrs.Attributes["Policy"]), attrs.Attributes["Policy"])

	again := a.plan(t, d)
	assert.True(t, again.Empty(), "second run: %v", actions(again))
	assert.Contains(t, strings.Join(again.Warnings, "\n"), "pending confirmation")
}

func TestDeployWithoutSubscriptionWarnsNobodyIsNotified(t *testing.T) {
	a := newAccount(t)
	p := a.deploy(t, a.desired(t, cisSet(t), DeployOptions{}))
	assert.Contains(t, strings.Join(p.Warnings, "\n"), "nobody will be notified")
	assert.True(t, a.plan(t, a.desired(t, cisSet(t), DeployOptions{})).Empty())
}

func TestDeployChangedPatternUpdatesOnlyThatFilter(t *testing.T) {
	a := newAccount(t)
	set := cisSet(t)
	a.deploy(t, a.desired(t, set, DeployOptions{}))
	changed := set.Clone()
	changed.Rules[2].FilterPattern = `{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) }`
	d := a.desired(t, changed, DeployOptions{})
	p := a.deploy(t, d)
	assert.Equal(t, []string{"update metric filter " + d.Filters[2].Name}, actions(p))
	assert.True(t, a.plan(t, d).Empty())
}

func TestDeployLeavesForeignFilterAndAlarmAlone(t *testing.T) {
	a := newAccount(t)
	set := cisSet(t)
	d := a.desired(t, set, DeployOptions{})
	foreignFilter, foreignAlarm := d.Filters[0].Name, d.Alarms[1].Name
	_, err := a.c.Logs.PutMetricFilter(a.ctx, &cloudwatchlogs.PutMetricFilterInput{
		LogGroupName: aws.String(testLogGroup), FilterName: aws.String(foreignFilter), FilterPattern: aws.String(`{ $.eventName = "Mine" }`),
		MetricTransformations: []logstypes.MetricTransformation{{MetricName: aws.String("Mine"), MetricNamespace: aws.String("Team"), MetricValue: aws.String("1")}}})
	require.NoError(t, err)
	_, err = a.c.CloudWatch.PutMetricAlarm(a.ctx, &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String(foreignAlarm),
		MetricName: aws.String("Theirs"), Namespace: aws.String("Team"), Statistic: cwtypes.StatisticSum, Period: aws.Int32(60),
		EvaluationPeriods: aws.Int32(1), Threshold: aws.Float64(10), ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanThreshold})
	require.NoError(t, err)

	p := a.deploy(t, d)
	require.Len(t, p.Blocked(), 2)
	assert.Equal(t, foreignFilter, p.Blocked()[0].Name)

	out, err := a.c.Logs.DescribeMetricFilters(a.ctx, &cloudwatchlogs.DescribeMetricFiltersInput{
		LogGroupName: aws.String(testLogGroup), FilterNamePrefix: aws.String(foreignFilter)})
	require.NoError(t, err)
	assert.Equal(t, `{ $.eventName = "Mine" }`, aws.ToString(out.MetricFilters[0].FilterPattern), "the foreign filter is untouched")
	al, err := a.c.CloudWatch.DescribeAlarms(a.ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{foreignAlarm}})
	require.NoError(t, err)
	assert.Equal(t, "Theirs", aws.ToString(al.MetricAlarms[0].MetricName), "the foreign alarm is untouched")

	// The rest converged: only the two blocked rules are left.
	again := a.plan(t, d)
	assert.True(t, again.Empty())
	assert.Len(t, again.Blocked(), 2)

	// Destroy removes what cwpat owns and nothing else.
	cur, err := a.c.Read(a.ctx, ReadOptions{Prefix: d.Prefix, LogGroupName: testLogGroup, TopicName: DefaultTopicName})
	require.NoError(t, err)
	dp := PlanDestroy(DestroyScope{Prefix: d.Prefix}, cur)
	require.NoError(t, a.c.Apply(a.ctx, dp, nil))
	st := a.state()
	assert.Equal(t, []string{foreignFilter}, st.LogGroups[testLogGroup])
	assert.Equal(t, []string{foreignAlarm}, keys(st.Alarms))
	assert.Empty(t, st.Topics)
	_, _, deleted := dp.Counts()
	assert.Equal(t, 2*(len(set.Rules)-2)+1, deleted)
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestDeployFailureHalfwayThenRerunConverges(t *testing.T) {
	a := newAccount(t)
	d := a.desired(t, cisSet(t), DeployOptions{})
	a.srv.FailNext(localaws.Fault{Service: localaws.ServiceLogs, Operation: "PutMetricFilter", After: 4, Code: "ServiceUnavailableException", Status: 400})
	p := a.plan(t, d)
	err := a.c.Apply(a.ctx, p, nil)
	var ae *ApplyError
	require.ErrorAs(t, err, &ae)
	assert.Less(t, ae.Done, ae.Total)
	assert.Contains(t, err.Error(), "logs:PutMetricFilter on arn:aws:logs:us-east-1:"+localaws.DefaultAccount+":log-group:"+testLogGroup+":*")
	assert.Contains(t, err.Error(), "run the same command again")
	assert.Len(t, a.state().LogGroups[testLogGroup], 4, "four filters went in before the failure")

	rerun := a.deploy(t, d)
	assert.False(t, rerun.Empty())
	assert.Empty(t, rerun.Blocked(), "what the failed run created is recognised as cwpat's")
	assert.True(t, a.plan(t, d).Empty())
	assert.Len(t, a.state().LogGroups[testLogGroup], len(d.Filters))
}

func TestDeployRidesOutThrottling(t *testing.T) {
	a := newAccount(t)
	d := a.desired(t, cisSet(t), DeployOptions{})
	a.srv.Throttle(localaws.ServiceCloudWatch, "PutMetricAlarm", 3)
	a.srv.Throttle(localaws.ServiceLogs, "PutMetricFilter", 2)
	a.deploy(t, d)
	throttled := 0
	for _, c := range a.srv.Calls() {
		if strings.Contains(c.ErrorCode, "Throttl") {
			throttled++
		}
	}
	assert.Equal(t, 5, throttled, "every throttled call was retried")
	assert.True(t, a.plan(t, d).Empty())
}

func TestAccessDeniedSaysWhatToGrant(t *testing.T) {
	a := newAccount(t)
	d := a.desired(t, cisSet(t), DeployOptions{NoTopic: true})
	a.srv.FailNext(localaws.Fault{Service: localaws.ServiceLogs, Operation: "PutMetricFilter", Code: "AccessDeniedException",
		Message: "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: logs:PutMetricFilter"})
	err := a.c.Apply(a.ctx, a.plan(t, d), nil)
	require.Error(t, err)
	var oe *OpError
	require.True(t, errors.As(err, &oe))
	assert.Equal(t, "AccessDeniedException", oe.Code())
	assert.Contains(t, err.Error(), "grant logs:PutMetricFilter on arn:aws:logs:us-east-1:"+localaws.DefaultAccount+":log-group:"+testLogGroup+":*")
	assert.NotContains(t, err.Error(), "local-secret", "no secret in error text")
}

func TestDisabledRuleIsRemoved(t *testing.T) {
	a := newAccount(t)
	set := cisSet(t)
	a.deploy(t, a.desired(t, set, DeployOptions{}))
	d := a.desired(t, set, DeployOptions{Disable: []string{set.Rules[0].ID}})
	p := a.deploy(t, d)
	_, _, del := p.Counts()
	assert.Equal(t, 2, del)
	assert.Len(t, a.state().LogGroups[testLogGroup], len(set.Rules)-1)
}

func TestDiscoveryFindsTheTrailLogGroup(t *testing.T) {
	a := newAccount(t)
	a.srv.PutTrail("", localaws.DefaultRegion, localaws.Trail{Name: "single-region", S3BucketName: "b",
		CloudWatchLogsLogGroupArn: localawstest.LogGroupARN("Other"),
		CloudWatchLogsRoleArn:     "arn:aws:iam::" + localaws.DefaultAccount + ":role/r"})
	trails, err := a.c.Trails(a.ctx)
	require.NoError(t, err)
	require.Len(t, trails, 2)
	got, err := ChooseTrail(trails, "us-east-1")
	require.NoError(t, err)
	assert.Equal(t, "main", got.Name)
	assert.Equal(t, testLogGroup, got.LogGroupName)
	for _, tr := range trails {
		if tr.Name == "single-region" {
			joined := strings.Join(tr.Problems, "\n")
			assert.Contains(t, joined, "not multi-Region")
			assert.Contains(t, joined, "not logging")
		}
	}
}

func TestSwitchingRuleSetsRetagsAndWarnsAboutBrokenPatterns(t *testing.T) {
	a := newAccount(t)
	a.deploy(t, a.desired(t, cisSet(t), DeployOptions{}))
	old, err := rules.Builtin("cis-1.4")
	require.NoError(t, err)
	d := a.desired(t, old, DeployOptions{})
	p := a.deploy(t, d)
	assert.Contains(t, strings.Join(p.Warnings, "\n"), "rule unauthorized-api-calls deploys the pattern cis-1.4 publishes although it is wrong")
	var fields []string
	for _, c := range p.Changes {
		if c.Type == TypeAlarm && c.Action == Update {
			for _, f := range c.Fields {
				fields = append(fields, f.Name)
			}
		}
	}
	require.NotEmpty(t, fields)
	for _, f := range fields {
		assert.Equal(t, "tags."+TagRuleSet, f, "only the rule-set tag changes on alarms")
	}
	assert.True(t, a.plan(t, d).Empty())
	tags, err := a.c.CloudWatch.ListTagsForResource(a.ctx, &cloudwatch.ListTagsForResourceInput{
		ResourceARN: aws.String("arn:aws:cloudwatch:us-east-1:" + localaws.DefaultAccount + ":alarm:" + d.Alarms[0].Name)})
	require.NoError(t, err)
	got := map[string]string{}
	for _, tg := range tags.Tags {
		got[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	assert.Equal(t, "cis-1.4", got[TagRuleSet])
	assert.Equal(t, ManagedByValue, got[TagManagedBy])
}
