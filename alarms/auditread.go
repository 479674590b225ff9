package alarms

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
)

// Audit reads what the account really has (trail, filters on the trail's log
// group, alarms, topics) and judges the controls. logGroup, when set, skips
// trail discovery for the log group but the trails are still judged.
//
// When several trails deliver to log groups in the region, each log group is
// audited and the report that covers the most controls is returned (ties go
// to the trail discovery prefers), as Security Hub passes a control when any
// qualifying trail's log group has the filter.
func (c *Clients) Audit(ctx context.Context, controls []Control, logGroup string) (*Report, error) {
	in, err := c.ReadAudit(ctx, logGroup)
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
		other, err := c.ReadAudit(ctx, t.LogGroupName)
		if err != nil {
			return nil, err
		}
		if r := Judge(other, controls); r.Covered() > best.Covered() {
			best = r
		}
	}
	return best, nil
}

// ReadAudit reads the account for an audit. It only calls Describe, List
// and Get operations.
func (c *Clients) ReadAudit(ctx context.Context, logGroup string) (AuditInput, error) {
	in := AuditInput{Region: c.Region, Topics: map[string]*AuditTopic{}}
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
	} else if t, err := ChooseTrail(trails, c.Region); err == nil {
		in.Trail, in.LogGroupName = t, t.LogGroupName
	}
	if in.LogGroupName != "" {
		exists, err := c.logGroupExists(ctx, in.LogGroupName)
		if err != nil {
			return in, err
		}
		if exists {
			if in.Filters, err = c.metricFilters(ctx, in.LogGroupName, ""); err != nil {
				return in, err
			}
		}
	}
	all, err := c.alarms(ctx, "", false)
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
				in.Topics[arn] = c.auditTopic(ctx, arn)
			}
		}
	}
	in.Account = c.Account // learned from the ARNs read above
	return in, nil
}

// auditTopic reads a topic, recording rather than returning a failure: an
// unreadable topic is a finding, not a reason to stop the audit.
func (c *Clients) auditTopic(ctx context.Context, arn string) *AuditTopic {
	t, err := c.readTopic(ctx, arn)
	if err != nil {
		var oe *OpError
		msg := err.Error()
		if errors.As(err, &oe) {
			msg = oe.cause()
		}
		return &AuditTopic{CurrentTopic: CurrentTopic{ARN: arn, Name: topicName(arn)}, ReadError: msg}
	}
	at := &AuditTopic{CurrentTopic: *t}
	if key := t.Attributes["KmsMasterKeyId"]; key != "" && !strings.EqualFold(key, "alias/aws/sns") {
		if out, err := c.KMS.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(key)}); err == nil && out.KeyMetadata != nil {
			at.KMSAWSManaged = out.KeyMetadata.KeyManager == kmstypes.KeyManagerTypeAws
		}
	}
	return at
}
