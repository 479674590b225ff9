package alarms

import (
	"fmt"
	"maps"
	"sort"
	"strings"
)

// Action is what a plan does to one resource.
type Action string

// The actions of a plan. Foreign marks a resource whose name collides with
// one cwpat would manage but which cwpat does not own: it is left alone.
const (
	Create  Action = "create"
	Update  Action = "update"
	Delete  Action = "delete"
	NoOp    Action = "no-op"
	Foreign Action = "foreign"
)

// ResourceType names the kind of AWS resource a change is about.
type ResourceType string

// The resource types cwpat manages.
const (
	TypeTopic        ResourceType = "sns topic"
	TypeSubscription ResourceType = "sns subscription"
	TypeAlarm        ResourceType = "alarm"
	TypeFilter       ResourceType = "metric filter"
)

// Change is one step of a plan.
type Change struct {
	Type   ResourceType `json:"type"`
	Name   string       `json:"name"`
	Action Action       `json:"action"`
	RuleID string       `json:"rule_id,omitempty"`
	Fields []FieldDiff  `json:"fields,omitempty"`
	// Note explains a no-op, a foreign resource or what else the user must do.
	Note string `json:"note,omitempty"`
	// Blocking is set on a Foreign change that keeps a rule from deploying.
	Blocking bool `json:"blocking,omitempty"`

	filter   *MetricFilter
	alarm    *Alarm
	onlyTags bool
	topic    *Topic
	topicARN string
	arn      string // the alarm's ARN, for tagging on update
	sub      *Subscription
}

// Plan is the ordered list of changes that brings an account to a Desired
// state (or, from PlanDestroy, removes what cwpat owns).
type Plan struct {
	LogGroupName string `json:"log_group_name,omitempty"`
	// TopicARN is the topic's ARN when it exists already.
	TopicARN string   `json:"topic_arn,omitempty"`
	Changes  []Change `json:"changes"`
	// Warnings are things that will not work as the user may expect
	// (nobody notified, an AWS-managed KMS key, a pending subscription).
	Warnings []string `json:"warnings,omitempty"`

	desired *Desired
}

// Counts returns how many resources the plan creates, updates and deletes.
func (p *Plan) Counts() (create, update, del int) {
	for _, c := range p.Changes {
		switch c.Action {
		case Create:
			create++
		case Update:
			update++
		case Delete:
			del++
		}
	}
	return
}

// Empty reports whether applying the plan would change nothing.
func (p *Plan) Empty() bool {
	c, u, d := p.Counts()
	return c+u+d == 0
}

// Blocked returns the foreign resources that keep rules from deploying.
func (p *Plan) Blocked() []Change {
	var out []Change
	for _, c := range p.Changes {
		if c.Blocking {
			out = append(out, c)
		}
	}
	return out
}

func (p *Plan) add(c Change) { p.Changes = append(p.Changes, c) }
func (p *Plan) warn(format string, args ...any) {
	p.Warnings = append(p.Warnings, fmt.Sprintf(format, args...))
}

// ComputePlan compares the desired state with the current one. It is pure:
// it reads nothing and changes nothing.
func ComputePlan(d *Desired, c *Current) (*Plan, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	p := &Plan{LogGroupName: d.LogGroupName, desired: d}
	if len(d.Filters) > 0 && !c.LogGroupExists {
		return nil, fmt.Errorf("log group %q does not exist in this region: check --region, or the trail's CloudWatch Logs delivery", d.LogGroupName)
	}
	planTopic(p, d, c)
	planSubscriptions(p, d, c)
	planRules(p, d, c)
	planOrphans(p, d, c)
	return p, nil
}

func planTopic(p *Plan, d *Desired, c *Current) {
	t := d.Topic
	if t == nil {
		if len(d.Alarms) > 0 {
			p.warn("no SNS topic: the alarms will change state but notify nobody")
		}
		return
	}
	warnKMS(p, t.KMSKeyID, c.KMSKey)
	tags := withTags(t.Tags, map[string]string{TagManagedBy: ManagedByValue}, ruleSetTag(d.RuleSet))
	want := &Topic{Name: t.Name, KMSKeyID: t.KMSKeyID, Tags: tags}
	if c.Topic == nil {
		policy, _ := TopicPolicy("arn:aws:sns:REGION:ACCOUNT:" + t.Name)
		policy = strings.NewReplacer("REGION", "(region)", "ACCOUNT", "(account)").Replace(policy)
		p.add(Change{Type: TypeTopic, Name: t.Name, Action: Create, topic: want,
			Fields: diffFields(nil, topicFields(t.Name, t.KMSKeyID, policy, tags))})
		return
	}
	cur := c.Topic
	p.TopicARN = cur.ARN
	if !Owned(cur.Tags) {
		p.add(Change{Type: TypeTopic, Name: t.Name, Action: NoOp, topicARN: cur.ARN,
			Note: "exists and is not managed by cwpat: the alarms will notify it, cwpat will not change or delete it"})
		if !PolicyAllowsCloudWatch(cur.Attributes["Policy"]) {
			p.warn("topic %s: its access policy does not let cloudwatch.amazonaws.com sns:Publish, so alarm notifications will be dropped; add a statement allowing it", cur.ARN)
		}
		if t.KMSKeyID != "" && t.KMSKeyID != cur.Attributes["KmsMasterKeyId"] {
			p.warn("topic %s is not managed by cwpat: --kms-key %s was not applied to it", cur.ARN, t.KMSKeyID)
		}
		return
	}
	if want.KMSKeyID == "" {
		// No --kms-key: leave the topic's encryption as it is rather than
		// silently turning it off.
		want.KMSKeyID = cur.Attributes["KmsMasterKeyId"]
	}
	policy, err := TopicPolicy(cur.ARN)
	if err != nil {
		p.warn("topic %s: %v", cur.ARN, err)
	}
	if samePolicy(policy, cur.Attributes["Policy"]) {
		policy = cur.Attributes["Policy"]
	}
	old := topicFields(cur.Name, cur.Attributes["KmsMasterKeyId"], cur.Attributes["Policy"], onlyKeys(cur.Tags, tags))
	diffs := diffFields(old, topicFields(t.Name, want.KMSKeyID, policy, tags))
	ch := Change{Type: TypeTopic, Name: t.Name, Action: NoOp, topic: want, topicARN: cur.ARN, Fields: diffs}
	if len(diffs) > 0 {
		ch.Action = Update
	}
	p.add(ch)
}

func topicFields(name, kms, policy string, tags map[string]string) []Field {
	return []Field{{"name", name}, {"kms_master_key_id", kms}, {"policy", policy}, {"tags", mapString(tags)}}
}

func warnKMS(p *Plan, keyID string, info *KMSKey) {
	if keyID == "" {
		return
	}
	if strings.EqualFold(keyID, "alias/aws/sns") || strings.HasSuffix(strings.ToLower(keyID), ":alias/aws/sns") || (info != nil && info.AWSManaged) {
		p.warn("--kms-key %s is an AWS-managed key: CloudWatch cannot use it, so alarm notifications will silently fail; use a customer-managed key whose key policy lets cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*", keyID)
		return
	}
	if info != nil && info.PolicyRead && !info.AllowsCloudWatch {
		p.warn("--kms-key %s: its key policy does not let cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*, so alarm notifications will silently fail; add a statement for the cloudwatch.amazonaws.com service principal", keyID)
	}
}

func planSubscriptions(p *Plan, d *Desired, c *Current) {
	if d.Topic == nil {
		return
	}
	var existing []CurrentSubscription
	if c.Topic != nil {
		existing = c.Topic.Subscriptions
	}
	confirmed := 0
	for _, s := range existing {
		if !s.Pending() {
			confirmed++
		}
	}
	for i := range d.Subscriptions {
		s := d.Subscriptions[i]
		var found *CurrentSubscription
		for j := range existing {
			if existing[j].Protocol == s.Protocol && existing[j].Endpoint == s.Endpoint {
				found = &existing[j]
				break
			}
		}
		if found == nil {
			p.add(Change{Type: TypeSubscription, Name: s.String(), Action: Create, sub: &s,
				Fields: []FieldDiff{{Name: "protocol", New: s.Protocol}, {Name: "endpoint", New: s.Endpoint}},
				Note:   subscriptionNote(s)})
			continue
		}
		ch := Change{Type: TypeSubscription, Name: s.String(), Action: NoOp}
		if found.Pending() {
			ch.Note = "pending confirmation"
		}
		p.add(ch)
	}
	for _, s := range existing {
		if s.Pending() {
			p.warn("subscription %s:%s is pending confirmation: it gets no notification until the endpoint confirms it", s.Protocol, s.Endpoint)
		}
	}
	if len(d.Subscriptions) == 0 && confirmed == 0 {
		p.warn("the topic has no confirmed subscription: nobody will be notified when an alarm fires; add --email, --https, --sqs or --lambda")
	}
}

func subscriptionNote(s Subscription) string {
	switch s.Protocol {
	case "email", "https":
		return "the endpoint must confirm the subscription before it gets notifications"
	case "sqs":
		return "the queue's access policy must allow sns.amazonaws.com sqs:SendMessage for this topic"
	case "lambda":
		return "the function needs a resource policy allowing sns.amazonaws.com lambda:InvokeFunction for this topic"
	}
	return ""
}

func planRules(p *Plan, d *Desired, c *Current) {
	alarmFor := map[string]*Alarm{}
	for i := range d.Alarms {
		alarmFor[d.Alarms[i].FilterName] = &d.Alarms[i]
	}
	for i := range d.Filters {
		f := &d.Filters[i]
		a := alarmFor[f.Name]
		curF := c.filter(f.LogGroupName, f.Name)
		var curA *CurrentAlarm
		if a != nil {
			curA = c.alarm(a.Name)
		}
		filterForeign := curF != nil && !c.ownsFilter(d.Prefix, f.LogGroupName, f.Name)
		alarmForeign := curA != nil && !Owned(curA.Tags)
		if filterForeign || alarmForeign {
			if alarmForeign {
				p.add(Change{Type: TypeAlarm, Name: a.Name, Action: Foreign, RuleID: f.RuleID, Blocking: true,
					Note: "an alarm with this name exists without the managed-by=cwpat tag; cwpat leaves it alone and skips rule " + f.RuleID + " (rename with --name-prefix, or delete the alarm)"})
			}
			if filterForeign {
				p.add(Change{Type: TypeFilter, Name: f.Name, Action: Foreign, RuleID: f.RuleID, Blocking: true,
					Note: "a metric filter with this name exists on " + f.LogGroupName + " and no cwpat alarm owns it; cwpat leaves it alone and skips rule " + f.RuleID + " (rename with --name-prefix, or delete the filter)"})
			}
			continue
		}
		if a != nil {
			p.add(alarmChange(a, curA, p.TopicARN))
		}
		p.add(filterChange(f, curF))
	}
}

func alarmChange(a *Alarm, cur *CurrentAlarm, topicARN string) Change {
	ch := Change{Type: TypeAlarm, Name: a.Name, RuleID: a.RuleID, alarm: a}
	want := alarmFields(a, topicARN)
	if cur == nil {
		ch.Action = Create
		ch.Fields = diffFields(nil, want)
		return ch
	}
	ch.arn = cur.ARN
	old := cur.Alarm
	old.Tags = onlyKeys(cur.Tags, a.Tags)
	ch.Fields = diffFields(alarmFields(&old, topicARN), want)
	ch.Action = NoOp
	if len(ch.Fields) > 0 {
		ch.Action = Update
		ch.onlyTags = len(ch.Fields) == 1 && ch.Fields[0].Name == "tags"
	}
	return ch
}

func filterChange(f *MetricFilter, cur *MetricFilter) Change {
	ch := Change{Type: TypeFilter, Name: f.Name, RuleID: f.RuleID, filter: f}
	if cur == nil {
		ch.Action = Create
		ch.Fields = diffFields(nil, filterFields(f))
		return ch
	}
	ch.Fields = diffFields(filterFields(cur), filterFields(f))
	ch.Action = NoOp
	if len(ch.Fields) > 0 {
		ch.Action = Update
	}
	return ch
}

// planOrphans deletes what cwpat owns but no longer wants: alarms of rules
// that were disabled, and the filters those alarms name (also filters left on
// a log group the deployment moved away from).
func planOrphans(p *Plan, d *Desired, c *Current) {
	wantAlarm := map[string]bool{}
	for _, a := range d.Alarms {
		wantAlarm[a.Name] = true
	}
	wantFilter := map[[2]string]bool{}
	for _, f := range d.Filters {
		wantFilter[[2]string{f.LogGroupName, f.Name}] = true
	}
	var filterDeletes, alarmDeletes []Change
	seen := map[[2]string]bool{}
	for i := range c.Alarms {
		a := &c.Alarms[i]
		if !Owned(a.Tags) {
			continue
		}
		if key, f := ownedFilterOf(a, d.LogGroupName, d.Prefix, c); f != nil && !wantFilter[key] && !seen[key] {
			seen[key] = true
			filterDeletes = append(filterDeletes, Change{Type: TypeFilter, Name: f.Name, Action: Delete,
				RuleID: a.Tags[TagRuleID], filter: f, Fields: diffFields(filterFields(f), nil)})
		}
		if !wantAlarm[a.Name] {
			alarmDeletes = append(alarmDeletes, Change{Type: TypeAlarm, Name: a.Name, Action: Delete,
				RuleID: a.Tags[TagRuleID], alarm: &a.Alarm, Fields: diffFields(alarmFields(&a.Alarm, ""), nil)})
		}
	}
	// Filters go before the alarms that prove cwpat owns them: a failure in
	// between leaves nothing unowned behind.
	p.Changes = append(p.Changes, filterDeletes...)
	p.Changes = append(p.Changes, alarmDeletes...)
}

// ownedFilterOf returns the existing filter an owned alarm names, if any.
func ownedFilterOf(a *CurrentAlarm, defaultGroup, prefix string, c *Current) ([2]string, *MetricFilter) {
	name := a.Tags[TagMetricFilter]
	lg, ok := a.Tags[TagLogGroup]
	if !ok {
		lg = defaultGroup
	}
	key := [2]string{lg, name}
	if name == "" || !strings.HasPrefix(name, prefix) {
		return key, nil
	}
	return key, c.filter(lg, name)
}

// PlanDestroy plans the removal of everything cwpat owns under prefix:
// the filters its alarms name, the alarms, and its topics. Resources with the
// prefix that cwpat does not own are listed as Foreign and left alone.
func PlanDestroy(prefix string, c *Current) *Plan {
	p := &Plan{LogGroupName: c.LogGroupName}
	d := &Desired{Prefix: prefix, LogGroupName: c.LogGroupName}
	planOrphans(p, d, c)
	for _, a := range c.Alarms {
		if !Owned(a.Tags) {
			p.add(Change{Type: TypeAlarm, Name: a.Name, Action: Foreign, Note: "has the name prefix but not the managed-by=cwpat tag: left alone"})
		}
	}
	for _, f := range c.Filters {
		if f.LogGroupName == c.LogGroupName && strings.HasPrefix(f.Name, prefix) && !c.ownsFilter(prefix, f.LogGroupName, f.Name) {
			p.add(Change{Type: TypeFilter, Name: f.Name, Action: Foreign, Note: "has the name prefix but no cwpat alarm owns it: left alone"})
		}
	}
	topics := append([]*CurrentTopic{}, c.OtherTopics...)
	if c.Topic != nil {
		topics = append([]*CurrentTopic{c.Topic}, topics...)
	}
	for _, t := range topics {
		if !Owned(t.Tags) {
			p.add(Change{Type: TypeTopic, Name: t.Name, Action: Foreign, Note: "not managed by cwpat: left alone"})
			continue
		}
		if users := c.TopicUsers[t.ARN]; len(users) > 0 {
			p.add(Change{Type: TypeTopic, Name: t.Name, Action: Foreign,
				Note: fmt.Sprintf("cwpat created it, but %d alarm(s) it does not own notify it (e.g. %s): kept so they keep notifying", len(users), users[0])})
			continue
		}
		p.add(Change{Type: TypeTopic, Name: t.Name, Action: Delete, topicARN: t.ARN,
			Fields: []FieldDiff{{Name: "arn", Old: t.ARN}},
			Note:   fmt.Sprintf("deletes its %d subscription(s) too", len(t.Subscriptions))})
	}
	return p
}

func withTags(maps_ ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range maps_ {
		maps.Copy(out, m)
	}
	return out
}

func ruleSetTag(set string) map[string]string {
	if set == "" || !taggable(set) {
		return nil
	}
	return map[string]string{TagRuleSet: set}
}

// sortedKeys returns m's keys in order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// onlyKeys returns cur restricted to the keys of want: cwpat sets the tags it
// wants and leaves tags someone else added alone.
func onlyKeys(cur, want map[string]string) map[string]string {
	out := map[string]string{}
	for k := range want {
		if v, ok := cur[k]; ok {
			out[k] = v
		}
	}
	return out
}
