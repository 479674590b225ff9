package alarms

import (
	"context"
	"errors"
	"strings"
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
// operations, in named steps: the log group and its filters, the alarms
// under the prefix, filters those alarms name elsewhere, the topic, the
// topics owned alarms notify, who else notifies them, and the KMS key.
func (c *Clients) Read(ctx context.Context, o ReadOptions) (*Current, error) {
	cur := &Current{LogGroupName: o.LogGroupName}
	steps := []func(context.Context, ReadOptions, *Current) error{
		c.readLogGroup,
		c.readOwnedAlarms,
		c.readMovedFilters,
		c.readNamedTopic,
		c.readAlarmTopics,
		c.readTopicUsersStep,
		c.readKMSKey,
	}
	for _, step := range steps {
		if err := step(ctx, o, cur); err != nil {
			return nil, err
		}
	}
	return cur, nil
}

// readLogGroup reads the log group and the metric filters on it.
func (c *Clients) readLogGroup(ctx context.Context, o ReadOptions, cur *Current) error {
	if o.LogGroupName == "" {
		return nil
	}
	g, err := c.LogGroup(ctx, o.LogGroupName)
	if err != nil {
		return err
	}
	cur.LogGroup = g
	cur.LogGroupExists = g != nil
	if g == nil {
		return nil
	}
	cur.Filters, err = c.MetricFilters(ctx, o.LogGroupName, "")
	return err
}

// readOwnedAlarms lists the alarms whose names carry the prefix, with tags.
func (c *Clients) readOwnedAlarms(ctx context.Context, o ReadOptions, cur *Current) error {
	alarms, err := c.Alarms(ctx, o.Prefix, true)
	cur.Alarms = alarms
	return err
}

// readMovedFilters reads the filters that owned alarms name on other log
// groups (a deployment that moved), so that the plan can clean them up.
func (c *Clients) readMovedFilters(ctx context.Context, o ReadOptions, cur *Current) error {
	for _, a := range cur.Alarms {
		lg, name := a.Tags[TagLogGroup], a.Tags[TagMetricFilter]
		if !Owned(a.Tags) || lg == "" || lg == o.LogGroupName || name == "" || cur.filter(lg, name) != nil {
			continue
		}
		fs, err := c.MetricFilters(ctx, lg, name)
		if err != nil {
			var oe *OpError
			if errors.As(err, &oe) && oe.Code() == "ResourceNotFoundException" {
				continue
			}
			return err
		}
		for _, f := range fs {
			if f.Name == name {
				cur.Filters = append(cur.Filters, f)
			}
		}
	}
	return nil
}

// readNamedTopic reads the topic the deployment names, if it exists.
func (c *Clients) readNamedTopic(ctx context.Context, o ReadOptions, cur *Current) error {
	if o.TopicName == "" {
		return nil
	}
	arn, err := c.findTopic(ctx, o.TopicName)
	if err != nil || arn == "" {
		return err
	}
	cur.Topic, err = c.ReadTopic(ctx, arn)
	return err
}

// readAlarmTopics reads the owned topics owned alarms notify under another
// name (a deployment whose --topic-name changed).
func (c *Clients) readAlarmTopics(ctx context.Context, _ ReadOptions, cur *Current) error {
	seen := map[string]bool{}
	if cur.Topic != nil {
		seen[cur.Topic.ARN] = true
	}
	for _, a := range cur.Alarms {
		if !Owned(a.Tags) {
			continue
		}
		for _, act := range a.AlarmActions {
			if seen[act] || !strings.HasPrefix(act, "arn:") || !strings.Contains(act, ":sns:") {
				continue
			}
			seen[act] = true
			t, err := c.ReadTopic(ctx, act)
			if err != nil {
				var oe *OpError
				if errors.As(err, &oe) && (oe.Code() == "NotFound" || oe.Code() == "NotFoundException") {
					continue
				}
				return err
			}
			if Owned(t.Tags) {
				cur.OtherTopics = append(cur.OtherTopics, t)
			}
		}
	}
	return nil
}

func (c *Clients) readTopicUsersStep(ctx context.Context, o ReadOptions, cur *Current) error {
	if !o.TopicUsers {
		return nil
	}
	return c.readTopicUsers(ctx, cur)
}

func (c *Clients) readKMSKey(ctx context.Context, o ReadOptions, cur *Current) error {
	if o.KMSKeyID == "" {
		return nil
	}
	k, err := c.KMSKeyInfo(ctx, o.KMSKeyID)
	cur.KMSKey = k
	return err
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
	all, err := c.Alarms(ctx, "", false)
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
