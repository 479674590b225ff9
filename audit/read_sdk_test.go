package audit

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

func TestAuditAfterDeployCoversEveryControl(t *testing.T) {
	a := newAccount(t)
	set := cisSet(t)
	a.deploy(t, set, alarms.DeployOptions{Subscriptions: []alarms.Subscription{{Protocol: "email", Endpoint: "sec@example.com"}}})

	// Pending subscription: nobody is notified yet.
	r, err := Run(a.ctx, a.c, controlsOf(t, set), Options{})
	require.NoError(t, err)
	require.Equal(t, testLogGroup, r.LogGroupName, "the log group comes from the trail")
	for _, c := range r.Controls {
		assert.False(t, c.Covered, c.Control.ID)
		assert.Equal(t, CodeNoSubscription, c.Findings[0].Code, c.Findings[0].Message)
	}

	topic := a.state().Topics[0]
	_, err = a.srv.ConfirmSubscription(topic, "sec@example.com")
	require.NoError(t, err)
	r, err = Run(a.ctx, a.c, controlsOf(t, set), Options{})
	require.NoError(t, err)
	for _, c := range r.Controls {
		assert.True(t, c.Covered, "%s: %v", c.Control.ID, c.Findings)
	}
	assert.Equal(t, len(set.Rules), r.Covered())
}

// putChain writes a filter, an alarm on its metric and points it at topic.
func (a *account) putChain(t *testing.T, name, pattern, topic string, stat cwtypes.Statistic, threshold float64) {
	t.Helper()
	_, err := a.c.Logs.PutMetricFilter(a.ctx, &cloudwatchlogs.PutMetricFilterInput{
		LogGroupName: aws.String(testLogGroup), FilterName: aws.String(name), FilterPattern: aws.String(pattern),
		MetricTransformations: []logstypes.MetricTransformation{{MetricName: aws.String(name), MetricNamespace: aws.String("LogMetrics"), MetricValue: aws.String("1")}}})
	require.NoError(t, err)
	_, err = a.c.CloudWatch.PutMetricAlarm(a.ctx, &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String("CIS-" + name),
		MetricName: aws.String(name), Namespace: aws.String("LogMetrics"), Statistic: stat, Period: aws.Int32(300),
		EvaluationPeriods: aws.Int32(1), Threshold: aws.Float64(threshold), ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanOrEqualToThreshold,
		AlarmActions: []string{topic}})
	require.NoError(t, err)
}

func TestAuditJudgesHandWrittenFiltersByBehaviour(t *testing.T) {
	a := newAccount(t)
	set := cisSet(t)
	out, err := a.c.SNS.CreateTopic(a.ctx, &sns.CreateTopicInput{Name: aws.String("security")})
	require.NoError(t, err)
	topic := aws.ToString(out.TopicArn)
	_, err = a.c.SNS.Subscribe(a.ctx, &sns.SubscribeInput{TopicArn: out.TopicArn, Protocol: aws.String("sqs"),
		Endpoint: aws.String("arn:aws:sqs:us-east-1:123456789012:alerts")})
	require.NoError(t, err)

	byID := map[string]string{}
	for _, r := range set.Rules {
		byID[r.ID] = r.FilterPattern
	}
	ids := set.IDs()
	unauth, root, trailCfg, iam := findID(t, ids, "unauthorized"), findID(t, ids, "root"), findID(t, ids, "cloudtrail"), findID(t, ids, "iam")

	// Broken: the CIS v1.4 all-|| text matches nearly every event.
	a.putChain(t, "UnauthorizedAPICalls", `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") || ($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket") }`, topic, cwtypes.StatisticSum, 1)
	// Equivalent but written differently: root clauses reordered, no spaces.
	a.putChain(t, "RootUsage", `{$.eventType!="AwsServiceEvent"&&$.userIdentity.invokedBy NOT EXISTS&&$.userIdentity.type="Root"}`, topic, cwtypes.StatisticSum, 1)
	// Equivalent: the trail-change names in another order with extra spaces.
	a.putChain(t, "CloudTrailChanges", `{($.eventName=StopLogging)||($.eventName=StartLogging)||($.eventName=DeleteTrail)||($.eventName = UpdateTrail)||($.eventName  =  CreateTrail)}`, topic, cwtypes.StatisticSum, 1)
	// Right filter, alarm that can never fire (Average of 1 is never >= 5).
	a.putChain(t, "IAMChanges", byID[iam], topic, cwtypes.StatisticAverage, 5)

	r, err := Run(a.ctx, a.c, controlsOf(t, set), Options{})
	require.NoError(t, err)
	got := map[string]string{}
	for _, c := range r.Controls {
		got[c.Control.ID] = c.Findings[0].Code
	}
	assert.Equal(t, CodeFilterInvalid, got[unauth])
	assert.Equal(t, CodeCovered, got[root])
	assert.Equal(t, CodeCovered, got[trailCfg])
	assert.Equal(t, CodeAlarmSilent, got[iam])
	missing := 0
	for id, code := range got {
		if id != unauth && id != root && id != trailCfg && id != iam {
			assert.Equal(t, CodeFilterMissing, code, id)
			missing++
		}
	}
	assert.Equal(t, len(set.Rules)-4, missing)

	assert.Equal(t, 2, r.Covered())
	assert.Equal(t, "CLOUDTRAIL_METRIC_FILTER_NOT_VALID", SecurityHubReason[got[unauth]])
}

func findID(t *testing.T, ids []string, part string) string {
	t.Helper()
	for _, id := range ids {
		if strings.Contains(strings.ToLower(id), part) {
			return id
		}
	}
	t.Fatalf("no rule id contains %q in %v", part, ids)
	return ""
}

func TestAuditReadsTheAccountItAudits(t *testing.T) {
	a := newAccount(t)
	a.deploy(t, cisSet(t), alarms.DeployOptions{})
	in, err := Read(a.ctx, a.c, "")
	require.NoError(t, err)
	assert.Equal(t, localaws.DefaultAccount, in.Account)
	assert.Equal(t, "main", in.Trail.Name)
	assert.Len(t, in.Alarms, len(cisSet(t).Rules))
	assert.Len(t, in.Topics, 1)
}

func TestAuditPicksTheLogGroupThatCoversMost(t *testing.T) {
	a := newAccount(t)
	set := cisSet(t)
	// A second compliant trail, discovered first, whose log group is empty.
	_, err := a.c.Logs.CreateLogGroup(a.ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("AAA-empty")})
	require.NoError(t, err)
	a.srv.PutTrail("", localaws.DefaultRegion, localaws.Trail{Name: "aaa", S3BucketName: "b", IsMultiRegionTrail: true, IsLogging: true,
		CloudWatchLogsLogGroupArn: localawstest.LogGroupARN("AAA-empty"),
		CloudWatchLogsRoleArn:     "arn:aws:iam::" + localaws.DefaultAccount + ":role/r"})
	a.deploy(t, set, alarms.DeployOptions{Subscriptions: []alarms.Subscription{{Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:123456789012:q"}}})
	first, err := Read(a.ctx, a.c, "")
	require.NoError(t, err)
	require.Equal(t, "AAA-empty", first.LogGroupName, "discovery alone would audit the empty log group")
	r, err := Run(a.ctx, a.c, controlsOf(t, set), Options{})
	require.NoError(t, err)
	assert.Equal(t, testLogGroup, r.LogGroupName)
	assert.Equal(t, len(set.Rules), r.Covered())
	r, err = Run(a.ctx, a.c, controlsOf(t, set), Options{LogGroupName: "AAA-empty"})
	require.NoError(t, err)
	assert.Zero(t, r.Covered(), "an explicit --log-group-name is audited as given")
}

func TestAuditFlagsTopicEncryptedWithAWSManagedKey(t *testing.T) {
	a := newAccount(t)
	a.deploy(t, cisSet(t), alarms.DeployOptions{Subscriptions: []alarms.Subscription{{Protocol: "lambda", Endpoint: "arn:aws:lambda:us-east-1:123456789012:function:page"}}})
	topic := a.state().Topics[0]
	_, err := a.c.SNS.SetTopicAttributes(a.ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(topic),
		AttributeName: aws.String("KmsMasterKeyId"), AttributeValue: aws.String("alias/aws/sns")})
	require.NoError(t, err)
	r := a.audit(t, "")
	assert.Equal(t, 0, r.Covered())
	assert.Equal(t, CodeTopicInvalid, r.Controls[0].Findings[0].Code)
	assert.Contains(t, r.Controls[0].Findings[0].Message, "alias/aws/sns")
}

func TestAuditCountsATopicEncryptedWithACustomerKey(t *testing.T) {
	a := newAccount(t)
	key, err := a.c.KMS.CreateKey(a.ctx, &kms.CreateKeyInput{Policy: aws.String(`{"Version":"2012-10-17","Statement":[
 {"Sid":"Owner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},
 {"Sid":"CloudWatchAlarms","Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*"}]}`)})
	require.NoError(t, err)
	// The queue confirms at once: the audit counts it.
	a.deploy(t, cisSet(t), alarms.DeployOptions{KMSKeyID: aws.ToString(key.KeyMetadata.Arn),
		Subscriptions: []alarms.Subscription{{Protocol: "sqs", Endpoint: "arn:aws:sqs:us-east-1:123456789012:alerts"}}})
	r := a.audit(t, "")
	assert.Equal(t, len(r.Controls), r.Covered())
}
