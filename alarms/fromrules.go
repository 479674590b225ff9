package alarms

import (
	"fmt"
	"maps"
	"strings"

	"github.com/cwpat/cwpat/rules"
)

// DeployOptions shape the deployment built from a rule set; they are the
// deploy command's flags.
type DeployOptions struct {
	LogGroupName string
	// Prefix and Suffix wrap every filter and alarm name ("cwpat-" by default;
	// a suffix such as "-prod" tells accounts apart in notifications).
	Prefix, Suffix string
	// Namespace replaces the rules' metric namespace when set.
	Namespace string
	// TopicName is the SNS topic to create or reuse; NoTopic deploys alarms
	// without actions.
	TopicName string
	NoTopic   bool
	KMSKeyID  string
	// Subscriptions to add to the topic.
	Subscriptions []Subscription
	// Disable lists rule ids to leave out (an owned, deployed one is removed).
	Disable []string
	// Tags go on every alarm and the topic.
	Tags map[string]string
}

// BuildDesired turns a rule set into the state to deploy: for each rule a
// metric filter on the log group, an alarm on its metric notifying the topic.
// It is the one place where rules meet AWS resources.
func BuildDesired(set *rules.Set, o DeployOptions) (*Desired, error) {
	if o.Prefix == "" {
		o.Prefix = DefaultPrefix
	}
	if o.TopicName == "" {
		o.TopicName = DefaultTopicName
	}
	for k, v := range o.Tags {
		if err := checkTag(k, v); err != nil {
			return nil, fmt.Errorf("--tag: %w", err)
		}
		if k == TagManagedBy || strings.HasPrefix(k, "cwpat:") {
			return nil, fmt.Errorf("--tag %s: this tag key is cwpat's own bookkeeping", k)
		}
	}
	disabled := map[string]bool{}
	for _, id := range o.Disable {
		if _, ok := set.Rule(id); !ok {
			return nil, fmt.Errorf("--disable %s: rule set %s has no such rule (it has %s)", id, set.Name, strings.Join(set.IDs(), ", "))
		}
		disabled[id] = true
	}
	d := &Desired{LogGroupName: o.LogGroupName, Prefix: o.Prefix, Suffix: o.Suffix, RuleSet: set.Name,
		Subscriptions: o.Subscriptions, Tags: maps.Clone(o.Tags)}
	if !o.NoTopic {
		d.Topic = &Topic{Name: o.TopicName, KMSKeyID: o.KMSKeyID, Tags: maps.Clone(o.Tags)}
	}
	for _, r := range set.Rules {
		if disabled[r.ID] {
			continue
		}
		if r.Broken != "" {
			d.Notes = append(d.Notes, fmt.Sprintf("rule %s deploys the pattern %s publishes although it is wrong: %s (see 'cwpat rules show %s --set %s')", r.ID, set.Name, r.Broken, r.ID, set.Name))
		}
		t := r.MetricTransformation
		ns := t.MetricNamespace
		if o.Namespace != "" {
			ns = o.Namespace
		}
		value := t.MetricValue
		if value == "" {
			value = "1"
		}
		f := MetricFilter{
			LogGroupName: o.LogGroupName, Name: o.Prefix + r.EffectiveFilterName() + o.Suffix, Pattern: r.FilterPattern,
			MetricName: t.MetricName, MetricNamespace: ns, MetricValue: value, DefaultValue: t.DefaultValue,
			Unit: t.Unit, Dimensions: maps.Clone(t.Dimensions), RuleID: r.ID,
		}
		d.Filters = append(d.Filters, f)
		alarmName := r.Alarm.AlarmName
		if alarmName == "" {
			alarmName = r.EffectiveFilterName()
		}
		desc := r.Alarm.AlarmDescription
		if desc == "" {
			desc = r.Title
		}
		tags := withTags(o.Tags, ownershipTags(set.Name, r.ID, o.Suffix, &f))
		a := Alarm{
			Name: o.Prefix + alarmName + o.Suffix, Description: desc, MetricName: t.MetricName, Namespace: ns,
			Alarm: r.Alarm.Alarm, ActionsEnabled: true, Tags: tags, RuleID: r.ID, FilterName: f.Name,
		}
		if d.Topic != nil {
			a.AlarmActions = []string{TopicToken}
		}
		d.Alarms = append(d.Alarms, a)
	}
	if len(d.Filters) == 0 {
		return nil, fmt.Errorf("rule set %s has no rule left to deploy", set.Name)
	}
	return d, nil
}
