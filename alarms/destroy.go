package alarms

import (
	"fmt"
	"strings"
)

// planOrphans deletes what cwpat owns but no longer wants: alarms of rules
// that were disabled, and the filters those alarms name (also filters left on
// a log group the deployment moved away from).
func planOrphans(p *Plan, d *Desired, c *Current, inScope func(*CurrentAlarm) bool) {
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
		if !inScope(a) {
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

// DestroyScope says which deployment destroy removes: the prefix, and the
// name suffix it was deployed with (AnySuffix: every deployment under the
// prefix).
type DestroyScope struct {
	Prefix    string
	Suffix    string
	AnySuffix bool
}

func (s DestroyScope) covers(a *CurrentAlarm) bool {
	return Owned(a.Tags) && (s.AnySuffix || a.Tags[TagNameSuffix] == s.Suffix)
}

// PlanDestroy plans the removal of everything cwpat owns in scope: the
// filters its alarms name, the alarms, and its topics unless alarms outside
// the scope still notify them. Resources with the prefix that cwpat does not
// own are listed as Foreign and left alone.
func PlanDestroy(s DestroyScope, c *Current) *Plan {
	p := &Plan{LogGroupName: c.LogGroupName}
	d := &Desired{Prefix: s.Prefix, Suffix: s.Suffix, LogGroupName: c.LogGroupName}
	planOrphans(p, d, c, s.covers)
	users := map[string][]string{}
	for k, v := range c.TopicUsers {
		users[k] = append(users[k], v...)
	}
	for i := range c.Alarms {
		a := &c.Alarms[i]
		switch {
		case !Owned(a.Tags):
			p.add(Change{Type: TypeAlarm, Name: a.Name, Action: Foreign, Note: "has the name prefix but not the managed-by=cwpat tag: left alone"})
		case !s.covers(a):
			p.add(Change{Type: TypeAlarm, Name: a.Name, Action: NoOp, Note: "belongs to the deployment with --name-suffix " + a.Tags[TagNameSuffix] + ": left alone"})
			for _, act := range a.AlarmActions {
				users[act] = append(users[act], a.Name)
			}
		}
	}
	for _, f := range c.Filters {
		if f.LogGroupName == c.LogGroupName && strings.HasPrefix(f.Name, s.Prefix) && !c.ownsFilter(s.Prefix, f.LogGroupName, f.Name) {
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
		if u := users[t.ARN]; len(u) > 0 {
			p.add(Change{Type: TypeTopic, Name: t.Name, Action: NoOp,
				Note: fmt.Sprintf("cwpat created it, but %d alarm(s) outside this destroy still notify it (e.g. %s): kept so they keep notifying", len(u), u[0])})
			continue
		}
		if others := foreignSubscriptions(t); len(others) > 0 {
			p.add(Change{Type: TypeTopic, Name: t.Name, Action: NoOp,
				Note: fmt.Sprintf("cwpat created it, but it carries %d subscription(s) cwpat did not make (e.g. %s): kept, so they keep working; delete it yourself when they are not needed", len(others), others[0])})
			unsubscribeOwn(p, t)
			continue
		}
		p.add(Change{Type: TypeTopic, Name: t.Name, Action: Delete, topicARN: t.ARN,
			Fields: []FieldDiff{{Name: "arn", Old: t.ARN}},
			Note:   fmt.Sprintf("deletes its %d subscription(s) too, all made by cwpat", len(t.Subscriptions))})
	}
	return p
}

// PlanDestroyChain is PlanDestroy followed by undoing the trail connections
// cwpat made (links, from ReadOwnedLinks), unless deployments outside the
// scope still have alarms on the log group: they keep the connection.
func PlanDestroyChain(s DestroyScope, c *Current, links []*Link, deleteLogGroup bool) *Plan {
	p := PlanDestroy(s, c)
	others := 0
	for i := range c.Alarms {
		if Owned(c.Alarms[i].Tags) && !s.covers(&c.Alarms[i]) {
			others++
		}
	}
	for _, l := range links {
		if others > 0 {
			p.add(Change{Type: TypeTrail, Name: l.Trail.Name, Action: NoOp,
				Note: fmt.Sprintf("cwpat connected it to %s, but %d alarm(s) of other deployments still watch that log group: kept connected", l.LogGroupName, others)})
			continue
		}
		p.Changes = append(p.Changes, PlanDisconnect(l, deleteLogGroup)...)
	}
	return p
}

// foreignSubscriptions lists the subscriptions on an owned topic that cwpat
// did not record as its own.
func foreignSubscriptions(t *CurrentTopic) []string {
	mine := recordedSubscriptions(t.Tags)
	var out []string
	for _, s := range t.Subscriptions {
		if v := s.Protocol + ":" + s.Endpoint; !mine[v] {
			out = append(out, v)
		}
	}
	return out
}

// unsubscribeOwn removes the subscriptions cwpat made on a topic it keeps.
// A pending one has no ARN to unsubscribe: SNS drops it after three days.
func unsubscribeOwn(p *Plan, t *CurrentTopic) {
	mine := recordedSubscriptions(t.Tags)
	for _, s := range t.Subscriptions {
		v := s.Protocol + ":" + s.Endpoint
		switch {
		case !mine[v]:
		case s.Pending():
			p.add(Change{Type: TypeSubscription, Name: v, Action: NoOp, Note: "pending confirmation, so it cannot be unsubscribed: SNS deletes it after three days unless confirmed"})
		default:
			p.add(Change{Type: TypeSubscription, Name: v, Action: Delete, topicARN: s.ARN,
				Fields: []FieldDiff{{Name: "arn", Old: s.ARN}}, Note: "cwpat made it on a topic it keeps"})
		}
	}
}
