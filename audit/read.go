package audit

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/cwpat/cwpat/alarms"
)

// Run reads what the account really has (trail, filters on the trail's log
// group, alarms, topics) and judges the controls. logGroup, when set, skips
// trail discovery for the log group but the trails are still judged.
//
// When several trails deliver to log groups in the region, each log group is
// audited and the report that covers the most controls is returned (ties go
// to the trail discovery prefers), as Security Hub passes a control when any
// qualifying trail's log group has the filter.
func Run(ctx context.Context, c *alarms.Clients, controls []Control, o Options) (*Report, error) {
	in, err := Read(ctx, c, o.LogGroupName)
	if err != nil {
		return nil, err
	}
	o.apply(&in)
	best := Judge(in, controls)
	if o.LogGroupName != "" {
		return best, nil
	}
	seen := map[string]bool{in.LogGroupName: true}
	for _, t := range in.Trails {
		if t.LogGroupName == "" || seen[t.LogGroupName] || (t.LogGroupRegion != "" && t.LogGroupRegion != c.Region) ||
			(t.LogGroupAccount != "" && in.Account != "" && t.LogGroupAccount != in.Account) {
			continue
		}
		seen[t.LogGroupName] = true
		other, err := Read(ctx, c, t.LogGroupName)
		if err != nil {
			return nil, err
		}
		o.apply(&other)
		if r := Judge(other, controls); r.Covered() > best.Covered() {
			best = r
		}
	}
	return best, nil
}

// Options shape an audit run.
type Options struct {
	// LogGroupName, when set, audits that log group instead of the one
	// trail discovery picks (the trails are still judged).
	LogGroupName string
	// MaxDeliveryAge is how old a trail's latest delivery to CloudWatch
	// Logs may be (0: not checked).
	MaxDeliveryAge time.Duration
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// EndpointURL is --endpoint-url, for hints that fit a local endpoint.
	EndpointURL string
}

func (o Options) apply(in *Input) {
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	in.Now, in.MaxDeliveryAge, in.EndpointURL = now(), o.MaxDeliveryAge, o.EndpointURL
}

// Read reads the account for an audit. It only calls Describe, List and
// Get operations.
func Read(ctx context.Context, c *alarms.Clients, logGroup string) (Input, error) {
	in := Input{Region: c.Region, Topics: map[string]*Topic{}}
	// Which account this is decides whose log group a trail delivers to;
	// GetCallerIdentity needs no permission, and failing it only loses that.
	if account, _, err := c.CallerAccount(ctx); err == nil {
		in.Account = account
	}
	trails, err := c.Trails(ctx)
	if err != nil {
		return in, err
	}
	in.Trails = trails
	if logGroup != "" {
		in.LogGroupName = logGroup
		for i := range trails {
			if trails[i].LogGroupName == logGroup {
				in.Trail = &trails[i]
				break
			}
		}
	} else if t, err := alarms.ChooseTrail(trails, c.Region); err == nil {
		in.Trail, in.LogGroupName = t, t.LogGroupName
	}
	if in.LogGroupName != "" && !elsewhere(in) {
		g, err := c.LogGroup(ctx, in.LogGroupName)
		if err != nil {
			return in, err
		}
		in.LogGroup = g
		if g != nil {
			if in.Filters, err = c.MetricFilters(ctx, in.LogGroupName, ""); err != nil {
				return in, err
			}
		}
	}
	all, err := c.Alarms(ctx, "", false)
	if err != nil {
		return in, err
	}
	metrics := map[[2]string]bool{}
	for _, f := range in.Filters {
		metrics[[2]string{f.MetricNamespace, f.MetricName}] = true
	}
	for _, a := range all {
		if !metrics[[2]string{a.Namespace, a.MetricName}] {
			continue
		}
		in.Alarms = append(in.Alarms, a)
		for _, arn := range snsActions(a.AlarmActions) {
			if _, done := in.Topics[arn]; !done {
				in.Topics[arn] = readTopic(ctx, c, arn)
			}
		}
	}
	if in.Account == "" {
		in.Account = c.Account // learned from the ARNs read above
	}
	return in, nil
}

// readTopic reads a topic, recording rather than returning a failure: an
// unreadable topic is a finding, not a reason to stop the audit.
func readTopic(ctx context.Context, c *alarms.Clients, arn string) *Topic {
	t, err := c.ReadTopic(ctx, arn)
	if err != nil {
		var oe *alarms.OpError
		msg := err.Error()
		if errors.As(err, &oe) {
			msg = oe.Cause()
		}
		return &Topic{CurrentTopic: alarms.CurrentTopic{ARN: arn, Name: arn[strings.LastIndexByte(arn, ':')+1:]}, ReadError: msg}
	}
	at := &Topic{CurrentTopic: *t}
	if key := t.Attributes["KmsMasterKeyId"]; key != "" && !strings.EqualFold(key, "alias/aws/sns") {
		// An unreadable key is not a finding: auditors often may not read
		// key policies.
		if k, err := c.KMSKeyInfo(ctx, key); err == nil && k != nil {
			at.KMSAWSManaged = k.AWSManaged
			at.KMSDeniesCloudWatch = !k.AWSManaged && k.PolicyRead && !k.AllowsCloudWatch
		}
	}
	return at
}

// elsewhere reports whether the audited trail delivers to a log group of
// another account (an organization trail seen from a member): that log
// group cannot be read from here.
func elsewhere(in Input) bool {
	return in.Trail != nil && in.Trail.LogGroupAccount != "" && in.Account != "" && in.Trail.LogGroupAccount != in.Account
}
