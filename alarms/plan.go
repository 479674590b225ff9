package alarms

import (
	"fmt"
	"maps"
	"sort"
	"strings"

	"github.com/cwpat/cwpat/awslimits"
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
	TypeLogGroup     ResourceType = "log group"
	TypeRole         ResourceType = "iam role"
	TypeRolePolicy   ResourceType = "iam role policy"
	TypeTrail        ResourceType = "cloudtrail trail"
)

// Change is one step of a plan.
type Change struct {
	Type   ResourceType `json:"type"`
	Name   string       `json:"name"`
	Action Action       `json:"action"`
	RuleID string       `json:"ruleId,omitempty"`
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
	link     *linkChange
}

// Plan is the ordered list of changes that brings an account to a Desired
// state (or, from PlanDestroy, removes what cwpat owns).
type Plan struct {
	LogGroupName string `json:"logGroupName,omitempty"`
	// Trail is the trail --connect-trail named, when it did.
	Trail string `json:"trail,omitempty"`
	// TopicARN is the topic's ARN when it exists already.
	TopicARN string   `json:"topicArn,omitempty"`
	Changes  []Change `json:"changes"`
	// Warnings are things that will not work as the user may expect
	// (nobody notified, an AWS-managed KMS key, a pending subscription).
	Warnings []string `json:"warnings,omitempty"`
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
	p := &Plan{LogGroupName: d.LogGroupName, Warnings: append([]string(nil), d.Notes...)}
	if len(d.Filters) > 0 && !c.LogGroupExists {
		return nil, fmt.Errorf("log group %q does not exist in this region: check --region, or the trail's CloudWatch Logs delivery", d.LogGroupName)
	}
	planTopic(p, d, c)
	planSubscriptions(p, d, c)
	planRules(p, d, c)
	planOrphans(p, d, c, DestroyScope{Prefix: d.Prefix, Suffix: d.Suffix}.covers)
	warnFilterQuota(p, d, c)
	return p, nil
}

func warnFilterQuota(p *Plan, d *Desired, c *Current) {
	n := 0
	for _, f := range c.Filters {
		if f.LogGroupName == d.LogGroupName {
			n++
		}
	}
	for _, ch := range p.Changes {
		switch {
		case ch.Type == TypeFilter && ch.Action == Create:
			n++
		case ch.Type == TypeFilter && ch.Action == Delete && ch.filter.LogGroupName == d.LogGroupName:
			n--
		}
	}
	if n > awslimits.MetricFiltersPerLogGroup {
		p.warn("log group %s would hold %d metric filters, more than the %d CloudWatch Logs allows: PutMetricFilter will fail with LimitExceededException; disable rules or remove unused filters", d.LogGroupName, n, awslimits.MetricFiltersPerLogGroup)
	}
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
		ch.onlyTags = true
		for _, f := range ch.Fields {
			ch.onlyTags = ch.onlyTags && strings.HasPrefix(f.Name, "tags.")
		}
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
