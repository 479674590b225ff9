package alarms

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
)

// The account-reading calls deploy (Read) and audit (package audit) share.
// Each wraps a failure in an *OpError naming the operation and resource.

// LogGroup is a CloudWatch Logs log group as DescribeLogGroups shows it.
type LogGroup struct {
	Name string
	ARN  string
	// RetentionDays is 0 when the group keeps events forever.
	RetentionDays int32
	KMSKeyID      string
}

// LogGroup returns the log group called name in the region, nil when there
// is none.
func (c *Clients) LogGroup(ctx context.Context, name string) (*LogGroup, error) {
	p := cloudwatchlogs.NewDescribeLogGroupsPaginator(c.Logs, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(name)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, c.opErr("logs", "DescribeLogGroups", "log group "+name, err)
		}
		for _, g := range out.LogGroups {
			if aws.ToString(g.LogGroupName) == name {
				c.learn(aws.ToString(g.Arn))
				return &LogGroup{Name: name, ARN: aws.ToString(g.Arn), RetentionDays: aws.ToInt32(g.RetentionInDays), KMSKeyID: aws.ToString(g.KmsKeyId)}, nil
			}
		}
	}
	return nil, nil
}

// MetricFilters lists the filters on a log group (with a name prefix, if any).
func (c *Clients) MetricFilters(ctx context.Context, logGroup, namePrefix string) ([]MetricFilter, error) {
	in := &cloudwatchlogs.DescribeMetricFiltersInput{LogGroupName: aws.String(logGroup)}
	if namePrefix != "" {
		in.FilterNamePrefix = aws.String(namePrefix)
	}
	var out []MetricFilter
	p := cloudwatchlogs.NewDescribeMetricFiltersPaginator(c.Logs, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, c.opErr("logs", "DescribeMetricFilters", c.logGroupARN(logGroup), err)
		}
		for _, f := range page.MetricFilters {
			out = append(out, filtersOf(f)...)
		}
	}
	return out, nil
}

func filtersOf(f logstypes.MetricFilter) []MetricFilter {
	first, extra := filterFromSDK(f)
	return append([]MetricFilter{first}, extra...)
}

// Alarms lists metric alarms whose names start with prefix ("" for all),
// with their tags when withTags is set.
func (c *Clients) Alarms(ctx context.Context, prefix string, withTags bool) ([]CurrentAlarm, error) {
	in := &cloudwatch.DescribeAlarmsInput{AlarmTypes: []cwtypes.AlarmType{cwtypes.AlarmTypeMetricAlarm}}
	if prefix != "" {
		in.AlarmNamePrefix = aws.String(prefix)
	}
	var out []CurrentAlarm
	p := cloudwatch.NewDescribeAlarmsPaginator(c.CloudWatch, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, c.opErr("cloudwatch", "DescribeAlarms", c.alarmARN(prefix+"*"), err)
		}
		for _, a := range page.MetricAlarms {
			c.learn(aws.ToString(a.AlarmArn))
			out = append(out, alarmFromSDK(a))
		}
	}
	if !withTags {
		return out, nil
	}
	for i := range out {
		tags, err := c.CloudWatch.ListTagsForResource(ctx, &cloudwatch.ListTagsForResourceInput{ResourceARN: aws.String(out[i].ARN)})
		if err != nil {
			return nil, c.opErr("cloudwatch", "ListTagsForResource", out[i].ARN, err)
		}
		out[i].Tags = map[string]string{}
		for _, t := range tags.Tags {
			out[i].Tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
	}
	return out, nil
}

// findTopic returns the ARN of the topic called name in the region, or "".
func (c *Clients) findTopic(ctx context.Context, name string) (string, error) {
	p := sns.NewListTopicsPaginator(c.SNS, &sns.ListTopicsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			if code := errCode(err); (code == "AuthorizationError" || code == "AccessDenied") && c.Account != "" {
				// Deployers are often not allowed to list every topic; the
				// topic's ARN is known, so ask for it directly.
				return c.topicByARN(ctx, c.arn("sns", name, ""))
			}
			return "", c.opErr("sns", "ListTopics", "topic "+name, err)
		}
		for _, t := range page.Topics {
			if arn := aws.ToString(t.TopicArn); topicName(arn) == name {
				return arn, nil
			}
		}
	}
	return "", nil
}

// topicByARN returns arn when the topic exists, "" when it does not.
func (c *Clients) topicByARN(ctx context.Context, arn string) (string, error) {
	_, err := c.SNS.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(arn)})
	switch code := errCode(err); {
	case err == nil:
		return arn, nil
	case code == "NotFound" || code == "NotFoundException":
		return "", nil
	default:
		return "", c.opErr("sns", "GetTopicAttributes", arn, err)
	}
}

// ReadTopic reads a topic's attributes, tags and subscriptions.
func (c *Clients) ReadTopic(ctx context.Context, arn string) (*CurrentTopic, error) {
	c.learn(arn)
	t := &CurrentTopic{ARN: arn, Name: topicName(arn), Tags: map[string]string{}}
	attrs, err := c.SNS.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(arn)})
	if err != nil {
		return nil, c.opErr("sns", "GetTopicAttributes", arn, err)
	}
	t.Attributes = attrs.Attributes
	tags, err := c.SNS.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
	if err != nil {
		return nil, c.opErr("sns", "ListTagsForResource", arn, err)
	}
	for _, tg := range tags.Tags {
		t.Tags[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	p := sns.NewListSubscriptionsByTopicPaginator(c.SNS, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(arn)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, c.opErr("sns", "ListSubscriptionsByTopic", arn, err)
		}
		for _, s := range page.Subscriptions {
			t.Subscriptions = append(t.Subscriptions, CurrentSubscription{
				ARN: aws.ToString(s.SubscriptionArn), Protocol: aws.ToString(s.Protocol), Endpoint: aws.ToString(s.Endpoint)})
		}
	}
	return t, nil
}

// TestMetricFilter asks CloudWatch Logs (read-only) which of messages the
// pattern matches; what names the pattern in an error ("the pattern of
// metric filter X").
func (c *Clients) TestMetricFilter(ctx context.Context, what, pattern string, messages []string) (map[string]bool, error) {
	out, err := c.Logs.TestMetricFilter(ctx, &cloudwatchlogs.TestMetricFilterInput{
		FilterPattern: aws.String(pattern), LogEventMessages: messages})
	if err != nil {
		return nil, c.opErr("logs", "TestMetricFilter", what, err)
	}
	matched := map[string]bool{}
	for _, m := range out.Matches {
		matched[aws.ToString(m.EventMessage)] = true
	}
	return matched, nil
}
