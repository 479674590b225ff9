package alarms

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
)

// Progress is told about every change Apply makes (err nil on success).
type Progress func(c Change, err error)

// ApplyError is returned when Apply stopped partway. What was done stays
// done: a rerun reads the account again and finishes the job.
type ApplyError struct {
	Done, Total int
	Err         error
}

// Error says what failed, how far apply got, and that a rerun finishes.
func (e *ApplyError) Error() string {
	return fmt.Sprintf("%v\n%d of %d changes were applied before this failure; fix the cause and run the same command again to finish", e.Err, e.Done, e.Total)
}

// Unwrap returns the failure (an *OpError for AWS calls).
func (e *ApplyError) Unwrap() error { return e.Err }

// Apply makes the plan's changes in order: the trail's connection (log
// group, role, its policy, UpdateTrail), topic, subscriptions, each rule's
// alarm then filter, then deletions (filters before the alarms that mark them
// as cwpat's; a disconnection last). It stops at the first failure.
func (c *Clients) Apply(ctx context.Context, p *Plan, progress Progress) error {
	topicARN := p.TopicARN
	total, done := 0, 0
	for _, ch := range p.Changes {
		if ch.Action == Create || ch.Action == Update || ch.Action == Delete {
			total++
		}
	}
	for _, ch := range p.Changes {
		if ch.Action != Create && ch.Action != Update && ch.Action != Delete {
			continue
		}
		var err error
		switch ch.Type {
		case TypeTopic:
			var arn string
			arn, err = c.applyTopic(ctx, ch)
			if arn != "" && ch.Action != Delete {
				topicARN = arn
			}
		case TypeSubscription:
			if ch.Action == Delete {
				_, err = c.SNS.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(ch.topicARN)})
				err = c.opErr("sns", "Unsubscribe", ch.topicARN, ignoreCode(err, "NotFound"))
				break
			}
			err = c.subscribe(ctx, topicARN, ch.sub)
		case TypeAlarm:
			err = c.applyAlarm(ctx, ch, topicARN)
		case TypeFilter:
			err = c.applyFilter(ctx, ch)
		case TypeLogGroup, TypeRole, TypeRolePolicy, TypeTrail:
			err = c.applyLink(ctx, ch)
		}
		if progress != nil {
			progress(ch, err)
		}
		if err != nil {
			return &ApplyError{Done: done, Total: total, Err: err}
		}
		done++
	}
	return nil
}

func (c *Clients) applyTopic(ctx context.Context, ch Change) (string, error) {
	switch ch.Action {
	case Delete:
		_, err := c.SNS.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(ch.topicARN)})
		return "", c.opErr("sns", "DeleteTopic", ch.topicARN, err)
	case Create:
		in := &sns.CreateTopicInput{Name: aws.String(ch.topic.Name), Tags: snsTags(ch.topic.Tags)}
		if ch.topic.KMSKeyID != "" {
			in.Attributes = map[string]string{"KmsMasterKeyId": ch.topic.KMSKeyID}
		}
		out, err := c.SNS.CreateTopic(ctx, in)
		if err != nil {
			return "", c.opErr("sns", "CreateTopic", "topic "+ch.topic.Name, err)
		}
		arn := aws.ToString(out.TopicArn)
		c.learn(arn)
		return arn, c.setTopicPolicy(ctx, arn)
	}
	arn := ch.topicARN
	retag := false
	for _, f := range ch.Fields {
		var err error
		switch {
		case f.Name == "kms_master_key_id":
			err = c.setTopicAttribute(ctx, arn, "KmsMasterKeyId", ch.topic.KMSKeyID)
		case f.Name == "policy":
			err = c.setTopicPolicy(ctx, arn)
		case strings.HasPrefix(f.Name, "tags."):
			retag = true
		}
		if err != nil {
			return arn, err
		}
	}
	if retag {
		_, err := c.SNS.TagResource(ctx, &sns.TagResourceInput{ResourceArn: aws.String(arn), Tags: snsTags(ch.topic.Tags)})
		return arn, c.opErr("sns", "TagResource", arn, err)
	}
	return arn, nil
}

func (c *Clients) setTopicPolicy(ctx context.Context, arn string) error {
	policy, err := TopicPolicy(arn)
	if err != nil {
		return err
	}
	return c.setTopicAttribute(ctx, arn, "Policy", policy)
}

func (c *Clients) setTopicAttribute(ctx context.Context, arn, name, value string) error {
	_, err := c.SNS.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{
		TopicArn: aws.String(arn), AttributeName: aws.String(name), AttributeValue: aws.String(value)})
	return c.opErr("sns", "SetTopicAttributes", arn, err)
}

func snsTags(m map[string]string) []snstypes.Tag {
	var out []snstypes.Tag
	for _, k := range sortedKeys(m) {
		out = append(out, snstypes.Tag{Key: aws.String(k), Value: aws.String(m[k])})
	}
	return out
}

func (c *Clients) subscribe(ctx context.Context, topicARN string, s *Subscription) error {
	if topicARN == "" {
		return errors.New("cannot subscribe " + s.String() + ": the topic does not exist")
	}
	_, err := c.SNS.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topicARN), Protocol: aws.String(s.Protocol),
		Endpoint: aws.String(s.Endpoint), ReturnSubscriptionArn: true})
	return c.opErr("sns", "Subscribe", topicARN, err)
}

func (c *Clients) applyAlarm(ctx context.Context, ch Change, topicARN string) error {
	a := ch.alarm
	if ch.Action == Delete {
		_, err := c.CloudWatch.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{a.Name}})
		if err != nil && errCode(err) == "ResourceNotFound" {
			return nil
		}
		return c.opErr("cloudwatch", "DeleteAlarms", c.alarmARN(a.Name), err)
	}
	if ch.Action == Update && ch.onlyTags {
		return c.tagAlarm(ctx, ch.arn, a)
	}
	in := &cloudwatch.PutMetricAlarmInput{
		AlarmName:          aws.String(a.Name),
		AlarmDescription:   optString(a.Description),
		MetricName:         aws.String(a.MetricName),
		Namespace:          aws.String(a.Namespace),
		Period:             aws.Int32(int32(a.Period)),
		EvaluationPeriods:  aws.Int32(int32(a.EvaluationPeriods)),
		Threshold:          aws.Float64(a.Threshold),
		ComparisonOperator: cwtypes.ComparisonOperator(a.ComparisonOperator),
		TreatMissingData:   optString(string(a.TreatMissingData)),
		Dimensions:         dimensionsToSDK(a.Dimensions),
		ActionsEnabled:     aws.Bool(a.ActionsEnabled),
		AlarmActions:       resolveActions(a.AlarmActions, topicARN),
		OKActions:          resolveActions(a.OKActions, topicARN),
		Tags:               cwTagsToSDK(a.Tags),
	}
	if a.ExtendedStatistic != "" {
		in.ExtendedStatistic = aws.String(a.ExtendedStatistic)
	} else {
		in.Statistic = cwtypes.Statistic(a.Statistic)
	}
	if a.DatapointsToAlarm > 0 {
		in.DatapointsToAlarm = aws.Int32(int32(a.DatapointsToAlarm))
	}
	if a.Unit != "" {
		in.Unit = cwtypes.StandardUnit(a.Unit)
	}
	if _, err := c.CloudWatch.PutMetricAlarm(ctx, in); err != nil {
		return c.opErr("cloudwatch", "PutMetricAlarm", c.alarmARN(a.Name), err)
	}
	if ch.Action == Update {
		// PutMetricAlarm ignores Tags when the alarm exists already.
		return c.tagAlarm(ctx, ch.arn, a)
	}
	return nil
}

func (c *Clients) tagAlarm(ctx context.Context, arn string, a *Alarm) error {
	_, err := c.CloudWatch.TagResource(ctx, &cloudwatch.TagResourceInput{ResourceARN: aws.String(arn), Tags: cwTagsToSDK(a.Tags)})
	return c.opErr("cloudwatch", "TagResource", arn, err)
}

func resolveActions(actions []string, topicARN string) []string {
	var out []string
	for _, a := range actions {
		if a == TopicToken {
			if topicARN == "" {
				continue
			}
			a = topicARN
		}
		out = append(out, a)
	}
	return out
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

func (c *Clients) applyFilter(ctx context.Context, ch Change) error {
	f := ch.filter
	if ch.Action == Delete {
		_, err := c.Logs.DeleteMetricFilter(ctx, &cloudwatchlogs.DeleteMetricFilterInput{
			LogGroupName: aws.String(f.LogGroupName), FilterName: aws.String(f.Name)})
		if err != nil && errCode(err) == "ResourceNotFoundException" {
			return nil
		}
		return c.opErr("logs", "DeleteMetricFilter", c.logGroupARN(f.LogGroupName), err)
	}
	_, err := c.Logs.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{
		LogGroupName:          aws.String(f.LogGroupName),
		FilterName:            aws.String(f.Name),
		FilterPattern:         aws.String(f.Pattern),
		MetricTransformations: filterToSDK(f),
	})
	return c.opErr("logs", "PutMetricFilter", c.logGroupARN(f.LogGroupName), err)
}
