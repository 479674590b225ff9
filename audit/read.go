package audit

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"

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
func Run(ctx context.Context, c *alarms.Clients, controls []Control, logGroup string) (*Report, error) {
	in, err := Read(ctx, c, logGroup)
	if err != nil {
		return nil, err
	}
	best := Judge(in, controls)
	if logGroup != "" {
		return best, nil
	}
	seen := map[string]bool{in.LogGroupName: true}
	for _, t := range in.Trails {
		if t.LogGroupName == "" || seen[t.LogGroupName] || (t.LogGroupRegion != "" && t.LogGroupRegion != c.Region) {
			continue
		}
		seen[t.LogGroupName] = true
		other, err := Read(ctx, c, t.LogGroupName)
		if err != nil {
			return nil, err
		}
		if r := Judge(other, controls); r.Covered() > best.Covered() {
			best = r
		}
	}
	return best, nil
}

// Read reads the account for an audit. It only calls Describe, List and
// Get operations.
func Read(ctx context.Context, c *alarms.Clients, logGroup string) (Input, error) {
	in := Input{Region: c.Region, Topics: map[string]*Topic{}}
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
	if in.LogGroupName != "" {
		g, err := c.LogGroup(ctx, in.LogGroupName)
		if err != nil {
			return in, err
		}
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
	in.Account = c.Account // learned from the ARNs read above
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
		if out, err := c.KMS.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(key)}); err == nil && out.KeyMetadata != nil {
			at.KMSAWSManaged = out.KeyMetadata.KeyManager == kmstypes.KeyManagerTypeAws
		}
	}
	return at
}
