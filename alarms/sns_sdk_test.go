package alarms

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

const cloudwatchKeyPolicy = `{"Version":"2012-10-17","Statement":[
 {"Sid":"Owner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},
 {"Sid":"CloudWatchAlarms","Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*"}]}`

func TestDeployEncryptsTopicWithCustomerKey(t *testing.T) {
	a := newAccount(t)
	key, err := a.c.KMS.CreateKey(a.ctx, &kms.CreateKeyInput{Policy: aws.String(cloudwatchKeyPolicy)})
	require.NoError(t, err)
	_, err = a.c.KMS.CreateAlias(a.ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/alarms"), TargetKeyId: key.KeyMetadata.KeyId})
	require.NoError(t, err)

	d := a.desired(t, cisSet(t), DeployOptions{KMSKeyID: "alias/alarms", Subscriptions: []Subscription{{"sqs", "arn:aws:sqs:us-east-1:123456789012:alerts"}}})
	p := a.deploy(t, d)
	assert.NotContains(t, strings.Join(p.Warnings, "\n"), "kms", "a customer key that grants CloudWatch raises no warning")
	topic := a.state().Topics[0]
	attrs, err := a.c.SNS.GetTopicAttributes(a.ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(topic)})
	require.NoError(t, err)
	assert.Equal(t, "alias/alarms", attrs.Attributes["KmsMasterKeyId"])
	assert.True(t, a.plan(t, d).Empty())

	// Leaving --kms-key out later keeps the encryption rather than removing it.
	assert.True(t, a.plan(t, a.desired(t, cisSet(t), DeployOptions{Subscriptions: d.Subscriptions})).Empty())
}

func TestDeployWarnsAboutUnusableKeys(t *testing.T) {
	a := newAccount(t)
	key, err := a.c.KMS.CreateKey(a.ctx, &kms.CreateKeyInput{Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}`)})
	require.NoError(t, err)
	tests := []struct{ key, warning string }{
		{"alias/aws/sns", "is an AWS-managed key"},
		{aws.ToString(key.KeyMetadata.Arn), "its key policy does not let cloudwatch.amazonaws.com"},
	}
	for _, tt := range tests {
		p := a.plan(t, a.desired(t, cisSet(t), DeployOptions{KMSKeyID: tt.key}))
		assert.Contains(t, strings.Join(p.Warnings, "\n"), tt.warning, tt.key)
	}
	_, err = a.c.Read(a.ctx, ReadOptions{Prefix: "cwpat-", KMSKeyID: "alias/missing"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "kms:DescribeKey on alias/missing failed: NotFoundException")
}

func TestDestroyKeepsATopicOthersUse(t *testing.T) {
	a := newAccount(t)
	a.deploy(t, a.desired(t, cisSet(t), DeployOptions{}))
	topic := a.state().Topics[0]
	_, err := a.c.CloudWatch.PutMetricAlarm(a.ctx, &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String("billing"),
		MetricName: aws.String("EstimatedCharges"), Namespace: aws.String("AWS/Billing"), Statistic: cwtypes.StatisticMaximum,
		Period: aws.Int32(21600), EvaluationPeriods: aws.Int32(1), Threshold: aws.Float64(100),
		ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanThreshold, AlarmActions: []string{topic}})
	require.NoError(t, err)
	cur, err := a.c.Read(a.ctx, ReadOptions{Prefix: "cwpat-", LogGroupName: testLogGroup, TopicName: DefaultTopicName, TopicUsers: true})
	require.NoError(t, err)
	p := PlanDestroy(DestroyScope{Prefix: "cwpat-"}, cur)
	require.NoError(t, a.c.Apply(a.ctx, p, nil))
	st := a.state()
	assert.Equal(t, []string{topic}, st.Topics, "the billing alarm still notifies it")
	assert.Equal(t, []string{"billing"}, keys(st.Alarms))
	assert.Contains(t, topicNote(p), "alarm(s) outside this destroy still notify it (e.g. billing)")
}

func TestDiscoveryReadsAdvancedSelectors(t *testing.T) {
	tests := []struct {
		name      string
		selectors []localaws.AdvancedEventSelector
		problem   string
	}{
		{"all management events", []localaws.AdvancedEventSelector{{Name: "mgmt", FieldSelectors: []localaws.AdvancedFieldSelector{{Field: "eventCategory", Equals: []string{"Management"}}}}}, ""},
		{"write only", []localaws.AdvancedEventSelector{{Name: "mgmt", FieldSelectors: []localaws.AdvancedFieldSelector{
			{Field: "eventCategory", Equals: []string{"Management"}}, {Field: "readOnly", Equals: []string{"false"}}}}}, "only write"},
		{"read and write in two selectors", []localaws.AdvancedEventSelector{
			{Name: "r", FieldSelectors: []localaws.AdvancedFieldSelector{{Field: "eventCategory", Equals: []string{"Management"}}, {Field: "readOnly", Equals: []string{"true"}}}},
			{Name: "w", FieldSelectors: []localaws.AdvancedFieldSelector{{Field: "eventCategory", Equals: []string{"Management"}}, {Field: "readOnly", Equals: []string{"false"}}}}}, ""},
		{"data events only", []localaws.AdvancedEventSelector{{Name: "s3", FieldSelectors: []localaws.AdvancedFieldSelector{
			{Field: "eventCategory", Equals: []string{"Data"}}, {Field: "resources.type", Equals: []string{"AWS::S3::Object"}}}}}, "records no management events"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newAccount(t)
			a.srv.PutTrail("", localaws.DefaultRegion, localaws.Trail{Name: "main", S3BucketName: "b", IsMultiRegionTrail: true, IsLogging: true,
				CloudWatchLogsLogGroupArn: localawstest.LogGroupARN(testLogGroup),
				CloudWatchLogsRoleArn:     "arn:aws:iam::" + localaws.DefaultAccount + ":role/r", AdvancedEventSelectors: tt.selectors})
			trails, err := a.c.Trails(a.ctx)
			require.NoError(t, err)
			require.Len(t, trails, 1)
			if tt.problem == "" {
				assert.Empty(t, trails[0].Problems)
				return
			}
			assert.Contains(t, strings.Join(trails[0].Problems, "\n"), tt.problem)
		})
	}
}

func TestDeployReusesAForeignTopicWithoutChangingIt(t *testing.T) {
	a := newAccount(t)
	out, err := a.c.SNS.CreateTopic(a.ctx, &sns.CreateTopicInput{Name: aws.String("security")})
	require.NoError(t, err)
	topic := aws.ToString(out.TopicArn)
	before, err := a.c.SNS.GetTopicAttributes(a.ctx, &sns.GetTopicAttributesInput{TopicArn: out.TopicArn})
	require.NoError(t, err)

	d := a.desired(t, cisSet(t), DeployOptions{TopicName: "security", Subscriptions: []Subscription{{"sqs", "arn:aws:sqs:us-east-1:123456789012:alerts"}}})
	p := a.deploy(t, d)
	// Subscribing would change a topic cwpat does not own, and destroy
	// could not tell cwpat's subscription from the owner's: the plan says
	// so and leaves the topic alone.
	assert.Contains(t, strings.Join(actions(p), "\n"), "foreign sns subscription sqs:arn:aws:sqs:us-east-1:123456789012:alerts")
	subs, err := a.c.SNS.ListSubscriptionsByTopic(a.ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: out.TopicArn})
	require.NoError(t, err)
	assert.Empty(t, subs.Subscriptions, "nothing was subscribed to the foreign topic")
	for _, c := range p.Changes {
		if c.Type == TypeTopic {
			assert.Equal(t, NoOp, c.Action)
			assert.Contains(t, c.Note, "not managed by cwpat")
		}
	}
	after, err := a.c.SNS.GetTopicAttributes(a.ctx, &sns.GetTopicAttributesInput{TopicArn: out.TopicArn})
	require.NoError(t, err)
	assert.Equal(t, before.Attributes["Policy"], after.Attributes["Policy"], "the foreign topic's policy is untouched")
	al, err := a.c.CloudWatch.DescribeAlarms(a.ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{d.Alarms[0].Name}})
	require.NoError(t, err)
	assert.Equal(t, []string{topic}, al.MetricAlarms[0].AlarmActions)
	assert.True(t, a.plan(t, d).Empty())

	cur, err := a.c.Read(a.ctx, ReadOptions{Prefix: "cwpat-", LogGroupName: testLogGroup, TopicName: "security", TopicUsers: true})
	require.NoError(t, err)
	require.NoError(t, a.c.Apply(a.ctx, PlanDestroy(DestroyScope{Prefix: "cwpat-"}, cur), nil))
	assert.Equal(t, []string{topic}, a.state().Topics, "destroy keeps a topic cwpat did not create")
}

func topicNote(p *Plan) string {
	for _, c := range p.Changes {
		if c.Type == TypeTopic {
			return string(c.Action) + ": " + c.Note
		}
	}
	return ""
}

func TestDeploymentsWithSuffixesLeaveEachOtherAlone(t *testing.T) {
	a := newAccount(t)
	set := cisSet(t)
	prod := a.desired(t, set, DeployOptions{Suffix: "-prod"})
	dev := a.desired(t, set, DeployOptions{Suffix: "-dev"})
	a.deploy(t, prod)
	p := a.deploy(t, dev)
	_, _, del := p.Counts()
	assert.Zero(t, del, "deploying -dev deletes nothing of -prod")
	assert.True(t, a.plan(t, prod).Empty())
	assert.Len(t, a.state().Alarms, 2*len(set.Rules))

	cur, err := a.c.Read(a.ctx, ReadOptions{Prefix: "cwpat-", LogGroupName: testLogGroup, TopicName: DefaultTopicName, TopicUsers: true})
	require.NoError(t, err)
	dp := PlanDestroy(DestroyScope{Prefix: "cwpat-", Suffix: "-dev"}, cur)
	assert.Contains(t, topicNote(dp), "no-op: cwpat created it, but 15 alarm(s) outside this destroy still notify it")
	require.NoError(t, a.c.Apply(a.ctx, dp, nil))
	st := a.state()
	assert.Len(t, st.Alarms, len(set.Rules))
	for name := range st.Alarms {
		assert.True(t, strings.HasSuffix(name, "-prod"), name)
	}
	assert.Len(t, st.Topics, 1)
	assert.True(t, a.plan(t, prod).Empty())

	cur, err = a.c.Read(a.ctx, ReadOptions{Prefix: "cwpat-", LogGroupName: testLogGroup, TopicName: DefaultTopicName, TopicUsers: true})
	require.NoError(t, err)
	require.NoError(t, a.c.Apply(a.ctx, PlanDestroy(DestroyScope{Prefix: "cwpat-", AnySuffix: true}, cur), nil))
	st = a.state()
	assert.Empty(t, st.Alarms)
	assert.Empty(t, st.Topics)
	assert.Empty(t, st.LogGroups[testLogGroup])
}

func TestPlanWithoutListTopicsPermission(t *testing.T) {
	a := newAccount(t)
	d := a.desired(t, cisSet(t), DeployOptions{})
	a.deploy(t, d)
	a.srv.FailNext(localaws.Fault{Service: localaws.ServiceSNS, Operation: "ListTopics", Times: 5, Code: "AuthorizationError",
		Message: "User is not authorized to perform: SNS:ListTopics"})
	assert.True(t, a.plan(t, d).Empty(), "the topic is found by its ARN")

	other := a.desired(t, cisSet(t), DeployOptions{TopicName: "not-there"})
	a.srv.FailNext(localaws.Fault{Service: localaws.ServiceSNS, Operation: "ListTopics", Times: 5, Code: "AuthorizationError"})
	p := a.plan(t, other)
	assert.Equal(t, Create, p.Changes[0].Action, "a topic that does not exist is created")
}

// Destroy removes exactly what deploy added: a topic cwpat created but on
// which someone else subscribed is kept, and only cwpat's own subscription
// is removed from it.
func TestDestroyKeepsItsTopicWhenOthersSubscribed(t *testing.T) {
	a := newAccount(t)
	mine := Subscription{"sqs", "arn:aws:sqs:us-east-1:123456789012:cwpat"}
	a.deploy(t, a.desired(t, cisSet(t), DeployOptions{Subscriptions: []Subscription{mine}}))
	topic := a.state().Topics[0]
	_, err := a.c.SNS.Subscribe(a.ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"),
		Endpoint: aws.String("arn:aws:sqs:us-east-1:123456789012:someone-else")})
	require.NoError(t, err)

	cur, err := a.c.Read(a.ctx, ReadOptions{Prefix: "cwpat-", LogGroupName: testLogGroup, TopicName: DefaultTopicName, TopicUsers: true})
	require.NoError(t, err)
	p := PlanDestroy(DestroyScope{Prefix: "cwpat-"}, cur)
	assert.Contains(t, topicNote(p), "1 subscription(s) cwpat did not make (e.g. sqs:arn:aws:sqs:us-east-1:123456789012:someone-else): kept")
	require.NoError(t, a.c.Apply(a.ctx, p, nil))
	assert.Equal(t, []string{topic}, a.state().Topics)
	subs, err := a.c.SNS.ListSubscriptionsByTopic(a.ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topic)})
	require.NoError(t, err)
	require.Len(t, subs.Subscriptions, 1)
	assert.Equal(t, "arn:aws:sqs:us-east-1:123456789012:someone-else", aws.ToString(subs.Subscriptions[0].Endpoint), "only cwpat's subscription was removed")

	// Without other people's subscriptions, cwpat's topic goes.
	b := newAccount(t)
	b.deploy(t, b.desired(t, cisSet(t), DeployOptions{Subscriptions: []Subscription{mine}}))
	cur, err = b.c.Read(b.ctx, ReadOptions{Prefix: "cwpat-", LogGroupName: testLogGroup, TopicName: DefaultTopicName, TopicUsers: true})
	require.NoError(t, err)
	require.NoError(t, b.c.Apply(b.ctx, PlanDestroy(DestroyScope{Prefix: "cwpat-"}, cur), nil))
	assert.Empty(t, b.state().Topics)
}
