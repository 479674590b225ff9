package localaws_test

import (
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
)

func TestTopicLifecycle(t *testing.T) {
	c := newClients(t)
	created, err := c.sns.CreateTopic(ctx, &sns.CreateTopicInput{
		Name:       aws.String("cis-alarms"),
		Attributes: map[string]string{"DisplayName": "CIS"},
		Tags:       []types.Tag{{Key: aws.String("managed-by"), Value: aws.String("cwpat")}},
	})
	require.NoError(t, err)
	arn := aws.ToString(created.TopicArn)
	assert.Equal(t, "arn:aws:sns:us-east-1:123456789012:cis-alarms", arn)

	again, err := c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("cis-alarms"), Attributes: map[string]string{"DisplayName": "CIS"}})
	require.NoError(t, err, "CreateTopic is idempotent")
	assert.Equal(t, arn, aws.ToString(again.TopicArn))

	_, err = c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("cis-alarms"), Attributes: map[string]string{"DisplayName": "Other"}})
	var inv *types.InvalidParameterException
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, "Invalid parameter: Attributes Reason: Topic already exists with different attributes", inv.ErrorMessage())

	_, err = c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("bad name")})
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, "Invalid parameter: Topic Name", inv.ErrorMessage())

	_, err = c.sns.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(arn), AttributeName: aws.String("KmsMasterKeyId"), AttributeValue: aws.String("alias/aws/sns")})
	require.NoError(t, err)
	_, err = c.sns.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(arn), AttributeName: aws.String("Policy"), AttributeValue: aws.String("{not json")})
	require.ErrorAs(t, err, &inv)
	_, err = c.sns.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(arn), AttributeName: aws.String("Colour"), AttributeValue: aws.String("red")})
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, "Invalid parameter: AttributeName", inv.ErrorMessage())

	attrs, err := c.sns.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(arn)})
	require.NoError(t, err)
	assert.Equal(t, "CIS", attrs.Attributes["DisplayName"])
	assert.Equal(t, "alias/aws/sns", attrs.Attributes["KmsMasterKeyId"])
	assert.Equal(t, arn, attrs.Attributes["TopicArn"])
	assert.Equal(t, "123456789012", attrs.Attributes["Owner"])
	assert.Contains(t, attrs.Attributes["Policy"], `"AWS:SourceOwner":"123456789012"`)

	tags, err := c.sns.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
	require.NoError(t, err)
	require.Len(t, tags.Tags, 1)
	assert.Equal(t, "cwpat", aws.ToString(tags.Tags[0].Value))
	_, err = c.sns.TagResource(ctx, &sns.TagResourceInput{ResourceArn: aws.String(arn), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("sec")}}})
	require.NoError(t, err)
	_, err = c.sns.UntagResource(ctx, &sns.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"managed-by"}})
	require.NoError(t, err)
	tags, err = c.sns.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
	require.NoError(t, err)
	require.Len(t, tags.Tags, 1)
	assert.Equal(t, "team", aws.ToString(tags.Tags[0].Key))
	_, err = c.sns.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: aws.String(arn + "-missing")})
	var rnf *types.ResourceNotFoundException
	require.ErrorAs(t, err, &rnf)

	list, err := c.sns.ListTopics(ctx, &sns.ListTopicsInput{})
	require.NoError(t, err)
	require.Len(t, list.Topics, 1)

	_, err = c.sns.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(arn)})
	require.NoError(t, err)
	_, err = c.sns.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(arn)})
	require.NoError(t, err, "DeleteTopic is idempotent")
	_, err = c.sns.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(arn)})
	var nf *types.NotFoundException
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "Topic does not exist", nf.ErrorMessage())
}

func TestSubscriptions(t *testing.T) {
	c := newClients(t)
	created, err := c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("alerts")})
	require.NoError(t, err)
	topic := created.TopicArn

	email, err := c.sns.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic, Protocol: aws.String("email"), Endpoint: aws.String("soc@example.com")})
	require.NoError(t, err)
	assert.Equal(t, "pending confirmation", aws.ToString(email.SubscriptionArn))
	queue, err := c.sns.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic, Protocol: aws.String("sqs"), Endpoint: aws.String("arn:aws:sqs:us-east-1:123456789012:q")})
	require.NoError(t, err)
	assert.Contains(t, aws.ToString(queue.SubscriptionArn), aws.ToString(topic)+":")

	_, err = c.sns.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic, Protocol: aws.String("email"), Endpoint: aws.String("not-an-address")})
	var inv *types.InvalidParameterException
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, "Invalid parameter: Email address", inv.ErrorMessage())
	_, err = c.sns.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic, Protocol: aws.String("pigeon"), Endpoint: aws.String("x")})
	require.ErrorAs(t, err, &inv)
	_, err = c.sns.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(aws.ToString(topic) + "x"), Protocol: aws.String("email"), Endpoint: aws.String("a@b.c")})
	var nf *types.NotFoundException
	require.ErrorAs(t, err, &nf)

	subs, err := c.sns.ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: topic})
	require.NoError(t, err)
	require.Len(t, subs.Subscriptions, 2)
	assert.Equal(t, "PendingConfirmation", aws.ToString(subs.Subscriptions[1].SubscriptionArn))
	assert.Equal(t, "email", aws.ToString(subs.Subscriptions[1].Protocol))
	assert.Equal(t, aws.ToString(queue.SubscriptionArn), aws.ToString(subs.Subscriptions[0].SubscriptionArn))

	pub, err := c.sns.Publish(ctx, &sns.PublishInput{TopicArn: topic, Message: aws.String("hello"), Subject: aws.String("test")})
	require.NoError(t, err)
	assert.NotEmpty(t, aws.ToString(pub.MessageId))
	msgs := c.srv.Published(aws.ToString(topic))
	require.Len(t, msgs, 1)
	assert.Equal(t, []string{"arn:aws:sqs:us-east-1:123456789012:q"}, msgs[0].DeliveredTo, "the pending email subscription receives nothing")

	// Confirm over the wire with the token AWS would have mailed.
	token, err := c.srv.SubscriptionToken(aws.ToString(topic), "soc@example.com")
	require.NoError(t, err)
	confirmed, err := c.sns.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: topic, Token: aws.String(token)})
	require.NoError(t, err)
	subs, err = c.sns.ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: topic})
	require.NoError(t, err)
	assert.Equal(t, aws.ToString(confirmed.SubscriptionArn), aws.ToString(subs.Subscriptions[1].SubscriptionArn))
	attrs, err := c.sns.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: topic})
	require.NoError(t, err)
	assert.Equal(t, "2", attrs.Attributes["SubscriptionsConfirmed"])
	assert.Equal(t, "0", attrs.Attributes["SubscriptionsPending"])

	_, err = c.sns.Publish(ctx, &sns.PublishInput{TopicArn: topic, Message: aws.String("")})
	require.ErrorAs(t, err, &inv)
	assert.Equal(t, "Invalid parameter: Empty message", inv.ErrorMessage())

	_, err = c.sns.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: confirmed.SubscriptionArn})
	require.NoError(t, err)
	_, err = c.sns.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: confirmed.SubscriptionArn})
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, []string{"sqs:arn:aws:sqs:us-east-1:123456789012:q"}, c.srv.Snapshot("", "us-east-1").Subscriptions[aws.ToString(topic)])
}

// CloudWatch cannot use the AWS managed key alias/aws/sns, nor a customer
// key whose policy leaves it out: the alarm changes state, the notification
// is lost, and only the alarm's history (FailedActions here) says why.
func TestAlarmCannotNotifyTopicEncryptedWithAWSManagedKey(t *testing.T) {
	var mu sync.Mutex // the hook runs on the server's goroutines
	var hooked []string
	c := newClients(t, localaws.Options{OnActionFailure: func(f localaws.ActionFailure) {
		mu.Lock()
		defer mu.Unlock()
		hooked = append(hooked, f.AlarmName)
	}})
	cwPolicy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},` +
		`{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*"}]}`
	good, err := c.kms.CreateKey(ctx, &kms.CreateKeyInput{Policy: aws.String(cwPolicy)})
	require.NoError(t, err)
	plain, err := c.kms.CreateKey(ctx, &kms.CreateKeyInput{})
	require.NoError(t, err)

	topics := map[string]string{"managed": "alias/aws/sns", "customer": aws.ToString(good.KeyMetadata.Arn), "no-grant": aws.ToString(plain.KeyMetadata.KeyId)}
	arns := map[string]string{}
	for name, key := range topics {
		out, err := c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name), Attributes: map[string]string{"KmsMasterKeyId": key}})
		require.NoError(t, err)
		arns[name] = aws.ToString(out.TopicArn)
		_, err = c.cw.PutMetricAlarm(ctx, alarmInput("to-"+name, arns[name]))
		require.NoError(t, err)
		_, err = c.cw.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("to-" + name), StateValue: cwtypes.StateValueAlarm, StateReason: aws.String("test")})
		require.NoError(t, err)
	}
	assert.Len(t, c.srv.Published(arns["customer"]), 1)
	assert.Empty(t, c.srv.Published(arns["managed"]))
	assert.Empty(t, c.srv.Published(arns["no-grant"]))

	failed := map[string]string{}
	for _, f := range c.srv.FailedActions() {
		failed[f.AlarmName] = f.Reason
	}
	require.Len(t, failed, 2)
	assert.Contains(t, failed["to-managed"], "Failed to execute action "+arns["managed"])
	assert.Contains(t, failed["to-managed"], "the AWS managed key alias/aws/sns")
	assert.Contains(t, failed["to-no-grant"], "does not allow cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*")
	mu.Lock()
	assert.ElementsMatch(t, []string{"to-managed", "to-no-grant"}, hooked)
	mu.Unlock()

	// The alarm history tells the story, newest first, in every protocol.
	c.eachCW(t, func(t *testing.T, cw *cloudwatch.Client) {
		h, err := cw.DescribeAlarmHistory(ctx, &cloudwatch.DescribeAlarmHistoryInput{AlarmName: aws.String("to-managed")})
		require.NoError(t, err)
		var kinds, summaries []string
		for _, item := range h.AlarmHistoryItems {
			kinds = append(kinds, string(item.HistoryItemType))
			summaries = append(summaries, aws.ToString(item.HistorySummary))
		}
		assert.Equal(t, []string{"Action", "StateUpdate", "ConfigurationUpdate"}, kinds)
		assert.Contains(t, summaries[0], "Failed to execute action "+arns["managed"])
		assert.Equal(t, "Alarm updated from INSUFFICIENT_DATA to ALARM", summaries[1])
		assert.Equal(t, `Alarm "to-managed" created`, summaries[2])

		ok, err := cw.DescribeAlarmHistory(ctx, &cloudwatch.DescribeAlarmHistoryInput{AlarmName: aws.String("to-customer"), HistoryItemType: cwtypes.HistoryItemTypeAction})
		require.NoError(t, err)
		require.Len(t, ok.AlarmHistoryItems, 1)
		assert.Equal(t, "Successfully executed action "+arns["customer"], aws.ToString(ok.AlarmHistoryItems[0].HistorySummary))
		assert.Contains(t, aws.ToString(ok.AlarmHistoryItems[0].HistoryData), `"actionState":"Succeeded"`)
	})
}

func TestAlarmCannotNotifyTopicWhosePolicyShutsCloudWatchOut(t *testing.T) {
	c := newClients(t)
	topic, err := c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("locked")})
	require.NoError(t, err)
	arn := aws.ToString(topic.TopicArn)
	_, err = c.sns.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: topic.TopicArn, AttributeName: aws.String("Policy"),
		AttributeValue: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/ops"},"Action":"sns:Publish","Resource":"` + arn + `"}]}`)})
	require.NoError(t, err)
	_, err = c.cw.PutMetricAlarm(ctx, alarmInput("locked-out", arn))
	require.NoError(t, err)
	_, err = c.cw.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("locked-out"), StateValue: cwtypes.StateValueAlarm, StateReason: aws.String("test")})
	require.NoError(t, err)
	assert.Empty(t, c.srv.Published(arn))
	failed := c.srv.FailedActions()
	require.Len(t, failed, 1)
	assert.Contains(t, failed[0].Reason, "does not let cloudwatch.amazonaws.com sns:Publish")
}
