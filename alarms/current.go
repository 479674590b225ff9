package alarms

import "strings"

// Current is what an account holds now, as far as a deployment is concerned:
// the metric filters on the log group (and on any other log group an owned
// alarm points at), the alarms whose names carry the prefix, and the topic.
type Current struct {
	LogGroupName string
	// LogGroupExists is false when the log group is missing in the region.
	LogGroupExists bool
	// LogGroup is the log group as read (nil when missing or not asked for).
	LogGroup *LogGroup
	Filters  []MetricFilter
	// Alarms are the alarms whose names start with the prefix, with their tags.
	Alarms []CurrentAlarm
	// Topic is the topic named in the Desired state, nil when it does not exist.
	Topic *CurrentTopic
	// OtherTopics are owned topics referenced by owned alarms under another
	// name (a deployment whose --topic-name changed); destroy removes them.
	OtherTopics []*CurrentTopic
	// TopicUsers lists, per topic ARN, the alarms not owned by cwpat that
	// notify it (filled when ReadOptions.TopicUsers is set).
	TopicUsers map[string][]string
	// KMSKey describes the desired topic key, nil when not asked for or unreadable.
	KMSKey *KMSKey
}

// CurrentAlarm is an alarm as read from CloudWatch.
type CurrentAlarm struct {
	Alarm
	ARN string
}

// CurrentTopic is an SNS topic as read from SNS.
type CurrentTopic struct {
	ARN        string
	Name       string
	Attributes map[string]string
	Tags       map[string]string
	// Subscriptions on the topic; a pending one has ARN PendingConfirmation.
	Subscriptions []CurrentSubscription
}

// CurrentSubscription is one subscription as ListSubscriptionsByTopic lists it.
type CurrentSubscription struct {
	ARN      string
	Protocol string
	Endpoint string
}

// Pending reports whether the endpoint has not confirmed the subscription yet.
func (s CurrentSubscription) Pending() bool {
	return s.ARN == "PendingConfirmation" || s.ARN == "" || !strings.HasPrefix(s.ARN, "arn:")
}

// filter returns the filter called name on logGroup, or nil.
func (c *Current) filter(logGroup, name string) *MetricFilter {
	for i := range c.Filters {
		if c.Filters[i].LogGroupName == logGroup && c.Filters[i].Name == name {
			return &c.Filters[i]
		}
	}
	return nil
}

// alarm returns the alarm called name, or nil.
func (c *Current) alarm(name string) *CurrentAlarm {
	for i := range c.Alarms {
		if c.Alarms[i].Name == name {
			return &c.Alarms[i]
		}
	}
	return nil
}

// ownsFilter reports whether the filter on logGroup called name is cwpat's:
// it has the prefix and an owned alarm names it.
func (c *Current) ownsFilter(prefix, logGroup, name string) bool {
	if !strings.HasPrefix(name, prefix) {
		return false
	}
	for _, a := range c.Alarms {
		if !Owned(a.Tags) || a.Tags[TagMetricFilter] != name {
			continue
		}
		if lg, ok := a.Tags[TagLogGroup]; !ok || lg == logGroup {
			return true
		}
	}
	return false
}

// KMSKey is what cwpat learned about the key that encrypts the topic.
type KMSKey struct {
	ARN string
	// AWSManaged is true for keys such as alias/aws/sns (KeyManager AWS).
	AWSManaged bool
	// PolicyRead is true when GetKeyPolicy answered; AllowsCloudWatch is
	// then whether the policy grants cloudwatch.amazonaws.com what it needs.
	PolicyRead       bool
	AllowsCloudWatch bool
}
