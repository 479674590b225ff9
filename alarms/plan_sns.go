package alarms

import (
	"fmt"
	"strings"
)

func planTopic(p *Plan, d *Desired, c *Current) {
	t := d.Topic
	if t == nil {
		if len(d.Alarms) > 0 {
			p.warn("no SNS topic: the alarms will change state but notify nobody")
		}
		return
	}
	warnKMS(p, t.KMSKeyID, c.KMSKey)
	tags := withTags(t.Tags, map[string]string{TagManagedBy: ManagedByValue}, ruleSetTag(d.RuleSet), subscriptionTags(d.Subscriptions))
	want := &Topic{Name: t.Name, KMSKeyID: t.KMSKeyID, Tags: tags}
	if c.Topic == nil {
		// The document names the topic's ARN, unknown until it exists; say
		// what it grants instead.
		policy := "(known after apply: SNS's default statement for the owning account, and sns:Publish for cloudwatch.amazonaws.com limited to this account's alarms)"
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

// subscriptionTags record the subscriptions cwpat adds to its own topic.
func subscriptionTags(subs []Subscription) map[string]string {
	out := map[string]string{}
	for _, s := range subs {
		if k, v, ok := subscriptionTag(s); ok {
			out[k] = v
		}
	}
	return out
}

func topicFields(name, kms, policy string, tags map[string]string) []Field {
	return append([]Field{{"name", name}, {"kms_master_key_id", kms}, {"policy", policy}}, tagFields(tags)...)
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
		if found == nil && c.Topic != nil && !Owned(c.Topic.Tags) {
			p.add(Change{Type: TypeSubscription, Name: s.String(), Action: Foreign,
				Note: fmt.Sprintf("topic %s is not managed by cwpat, so cwpat does not subscribe to it (destroy could not tell this subscription from its owner's): run 'aws sns subscribe --topic-arn %s --protocol %s --notification-endpoint %s', or pass a --topic-name cwpat creates",
					c.Topic.Name, c.Topic.ARN, s.Protocol, s.Endpoint)})
			continue
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
