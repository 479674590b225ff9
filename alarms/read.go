package alarms

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
)

// ReadOptions say which part of the account Read looks at.
type ReadOptions struct {
	Prefix       string
	LogGroupName string // "" reads no filters except those owned alarms name
	TopicName    string // "" reads no topic except those owned alarms notify
	KMSKeyID     string
	// TopicUsers lists every alarm of the region to find foreign alarms
	// that notify cwpat's topics (destroy must keep such a topic).
	TopicUsers bool
}

// Read reads the current state a plan needs. It only calls Describe/List/Get
// operations.
func (c *Clients) Read(ctx context.Context, o ReadOptions) (*Current, error) {
	cur := &Current{LogGroupName: o.LogGroupName}
	if o.LogGroupName != "" {
		exists, err := c.logGroupExists(ctx, o.LogGroupName)
		if err != nil {
			return nil, err
		}
		cur.LogGroupExists = exists
		if exists {
			fs, err := c.metricFilters(ctx, o.LogGroupName, "")
			if err != nil {
				return nil, err
			}
			cur.Filters = fs
		}
	}
	alarms, err := c.alarms(ctx, o.Prefix, true)
	if err != nil {
		return nil, err
	}
	cur.Alarms = alarms
	// Filters that owned alarms name on other log groups (a deployment that
	// moved) are read too, so that the plan can clean them up.
	for _, a := range alarms {
		lg, name := a.Tags[TagLogGroup], a.Tags[TagMetricFilter]
		if !Owned(a.Tags) || lg == "" || lg == o.LogGroupName || name == "" || cur.filter(lg, name) != nil {
			continue
		}
		fs, err := c.metricFilters(ctx, lg, name)
		if err != nil {
			var oe *OpError
			if errors.As(err, &oe) && oe.Code() == "ResourceNotFoundException" {
				continue
			}
			return nil, err
		}
		for _, f := range fs {
			if f.Name == name {
				cur.Filters = append(cur.Filters, f)
			}
		}
	}
	if o.TopicName != "" {
		arn, err := c.findTopic(ctx, o.TopicName)
		if err != nil {
			return nil, err
		}
		if arn != "" {
			if cur.Topic, err = c.readTopic(ctx, arn); err != nil {
				return nil, err
			}
		}
	}
	seen := map[string]bool{}
	if cur.Topic != nil {
		seen[cur.Topic.ARN] = true
	}
	for _, a := range alarms {
		if !Owned(a.Tags) {
			continue
		}
		for _, act := range a.AlarmActions {
			if seen[act] || !strings.HasPrefix(act, "arn:") || !strings.Contains(act, ":sns:") {
				continue
			}
			seen[act] = true
			t, err := c.readTopic(ctx, act)
			if err != nil {
				var oe *OpError
				if errors.As(err, &oe) && (oe.Code() == "NotFound" || oe.Code() == "NotFoundException") {
					continue
				}
				return nil, err
			}
			if Owned(t.Tags) {
				cur.OtherTopics = append(cur.OtherTopics, t)
			}
		}
	}
	if o.TopicUsers {
		if err := c.readTopicUsers(ctx, cur); err != nil {
			return nil, err
		}
	}
	if o.KMSKeyID != "" {
		k, err := c.describeKMSKey(ctx, o.KMSKeyID)
		if err != nil {
			return nil, err
		}
		cur.KMSKey = k
	}
	return cur, nil
}

func (c *Clients) logGroupExists(ctx context.Context, name string) (bool, error) {
	p := cloudwatchlogs.NewDescribeLogGroupsPaginator(c.Logs, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(name)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return false, c.opErr("logs", "DescribeLogGroups", "log group "+name, err)
		}
		for _, g := range out.LogGroups {
			if aws.ToString(g.LogGroupName) == name {
				c.learn(aws.ToString(g.Arn))
				return true, nil
			}
		}
	}
	return false, nil
}

// metricFilters lists the filters on a log group (with a name prefix, if any).
func (c *Clients) metricFilters(ctx context.Context, logGroup, namePrefix string) ([]MetricFilter, error) {
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

// alarms lists metric alarms whose names start with prefix ("" for all),
// with their tags when withTags is set.
func (c *Clients) alarms(ctx context.Context, prefix string, withTags bool) ([]CurrentAlarm, error) {
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

func (c *Clients) readTopic(ctx context.Context, arn string) (*CurrentTopic, error) {
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

// readTopicUsers records the alarms cwpat does not own that notify the
// topics in cur.
func (c *Clients) readTopicUsers(ctx context.Context, cur *Current) error {
	topics := map[string]bool{}
	if cur.Topic != nil {
		topics[cur.Topic.ARN] = true
	}
	for _, t := range cur.OtherTopics {
		topics[t.ARN] = true
	}
	if len(topics) == 0 {
		return nil
	}
	owned := map[string]bool{}
	for _, a := range cur.Alarms {
		if Owned(a.Tags) {
			owned[a.Name] = true
		}
	}
	all, err := c.alarms(ctx, "", false)
	if err != nil {
		return err
	}
	cur.TopicUsers = map[string][]string{}
	for _, a := range all {
		if owned[a.Name] {
			continue
		}
		for _, act := range append(append([]string{}, a.AlarmActions...), a.OKActions...) {
			if topics[act] {
				cur.TopicUsers[act] = append(cur.TopicUsers[act], a.Name)
			}
		}
	}
	return nil
}
