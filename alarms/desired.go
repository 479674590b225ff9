package alarms

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cwpat/cwpat/sim"
)

// Desired is the state cwpat wants in an account: metric filters on one log
// group, an alarm per filter, one SNS topic the alarms notify and the
// subscriptions on it. It is plain data; BuildDesired makes it from rules.
type Desired struct {
	// LogGroupName is the CloudTrail log group the filters read.
	LogGroupName string
	// Prefix starts the name of every filter and alarm cwpat creates, so that
	// cwpat can list what it owns (DescribeAlarms AlarmNamePrefix).
	Prefix string
	// Suffix ends every filter and alarm name; owned alarms with another
	// suffix belong to another deployment and are never touched.
	Suffix string
	// RuleSet names the rule set, recorded in tags.
	RuleSet string
	Filters []MetricFilter
	Alarms  []Alarm
	// Topic is the SNS topic every alarm notifies; nil deploys alarms without
	// actions (they change state but tell nobody).
	Topic *Topic
	// Subscriptions are added to the topic when missing. Subscriptions already
	// on the topic are never removed: people confirm them by hand.
	Subscriptions []Subscription
	// Tags go on every alarm and the topic, besides cwpat's own ownership tags.
	Tags map[string]string
	// Notes are warnings about the rules themselves (a published pattern
	// known to be wrong); plans repeat them.
	Notes []string
}

// MetricFilter is one CloudWatch Logs metric filter with its single metric
// transformation (CIS filters publish one metric each).
type MetricFilter struct {
	LogGroupName    string
	Name            string
	Pattern         string
	MetricName      string
	MetricNamespace string
	MetricValue     string
	DefaultValue    *float64
	Unit            string
	Dimensions      map[string]string
	// RuleID is the rule this filter comes from ("" for filters read from AWS).
	RuleID string
}

// Alarm is one CloudWatch metric alarm on a filter's metric: the settings
// that decide its state (sim.Alarm, statistic to unit and dimensions) and
// what a deployment adds to them.
type Alarm struct {
	Name        string
	Description string
	MetricName  string
	Namespace   string
	sim.Alarm
	// ExtendedStatistic is a percentile statistic ("p99"), set instead of
	// Statistic.
	ExtendedStatistic string
	ActionsEnabled    bool
	// AlarmActions and OKActions are ARNs. In a Desired state the token
	// TopicToken stands for the topic's ARN, known only once it exists.
	AlarmActions []string
	OKActions    []string
	// Tags on the alarm (ownership tags included in a Desired state).
	Tags map[string]string
	// RuleID is the rule this alarm comes from.
	RuleID string
	// FilterName is the metric filter whose metric the alarm watches.
	FilterName string
	// MetricMath is true for an alarm on a metric-math expression, which
	// cwpat reads but cannot judge.
	MetricMath bool
}

// TopicToken stands for the ARN of the desired topic in alarm actions.
const TopicToken = "${topic.arn}"

// Topic is the SNS topic alarms notify.
type Topic struct {
	Name string
	// KMSKeyID is the key that encrypts the topic ("" for none): an id, ARN
	// or alias as the user gave it.
	KMSKeyID string
	Tags     map[string]string
}

// Subscription is one endpoint on the topic.
type Subscription struct {
	Protocol string // email, https, sqs, lambda
	Endpoint string
}

// String renders the subscription as "protocol:endpoint".
func (s Subscription) String() string { return s.Protocol + ":" + s.Endpoint }

// Validate checks the desired state for what AWS would refuse or what would
// break cwpat's ownership bookkeeping, before any call is made.
func (d *Desired) Validate() error {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if d.LogGroupName == "" && len(d.Filters) > 0 {
		add("no log group: pass --log-group-name or let cwpat discover the CloudTrail trail's log group")
	}
	if d.Prefix == "" {
		add("the name prefix is empty: cwpat needs one to tell its resources from yours")
	}
	seen := map[string]bool{}
	for _, f := range d.Filters {
		if seen["f:"+f.Name] {
			add("two rules give the metric filter name %q", f.Name)
		}
		seen["f:"+f.Name] = true
		if !strings.HasPrefix(f.Name, d.Prefix) {
			add("metric filter %q does not start with the prefix %q", f.Name, d.Prefix)
		}
		if err := checkFilterName(f.Name); err != nil {
			add("%v", err)
		}
	}
	for _, a := range d.Alarms {
		if seen["a:"+a.Name] {
			add("two rules give the alarm name %q", a.Name)
		}
		seen["a:"+a.Name] = true
		if !strings.HasPrefix(a.Name, d.Prefix) {
			add("alarm %q does not start with the prefix %q", a.Name, d.Prefix)
		}
		if err := checkAlarmName(a.Name); err != nil {
			add("%v", err)
		}
		for k, v := range a.Tags {
			if err := checkTag(k, v); err != nil {
				add("alarm %q: %v", a.Name, err)
			}
		}
	}
	if d.Topic != nil {
		if err := checkTopicName(d.Topic.Name); err != nil {
			add("%v", err)
		}
	}
	for _, s := range d.Subscriptions {
		if err := checkSubscription(s); err != nil {
			add("%v", err)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return fmt.Errorf("invalid deployment: %s", strings.Join(problems, "; "))
}
