package alarms

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// RolePropagation bounds how long UpdateTrail waits for a role created a
// moment ago: IAM is eventually consistent, and CloudTrail refuses a role
// it cannot assume yet with InvalidCloudWatchLogsRoleArnException.
var RolePropagation = struct {
	Attempts int
	Wait     time.Duration
}{Attempts: 10, Wait: 3 * time.Second}

// applyLink makes one change of a trail's connection.
func (c *Clients) applyLink(ctx context.Context, ch Change) error {
	l := ch.link
	switch ch.Type {
	case TypeLogGroup:
		return c.applyLogGroup(ctx, ch.Action, l)
	case TypeRole:
		return c.applyRole(ctx, ch.Action, l)
	case TypeRolePolicy:
		if ch.Action == Delete {
			_, err := c.IAM.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String(l.role), PolicyName: aws.String(RolePolicyName)})
			return c.opErr("iam", "DeleteRolePolicy", "role "+l.role, ignoreCode(err, "NoSuchEntity"))
		}
		_, err := c.IAM.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(l.role), PolicyName: aws.String(RolePolicyName), PolicyDocument: aws.String(l.rolePolicy)})
		return c.opErr("iam", "PutRolePolicy", "role "+l.role, err)
	case TypeTrail:
		return c.updateTrail(ctx, l)
	}
	return fmt.Errorf("cwpat cannot apply a %s change", ch.Type)
}

func (c *Clients) applyLogGroup(ctx context.Context, a Action, l *linkChange) error {
	switch a {
	case Delete:
		_, err := c.Logs.DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String(l.logGroup)})
		return c.opErr("logs", "DeleteLogGroup", c.logGroupARN(l.logGroup), ignoreCode(err, "ResourceNotFoundException"))
	case Create:
		in := &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(l.logGroup), Tags: l.tags}
		if l.kmsKeyID != "" {
			in.KmsKeyId = aws.String(l.kmsKeyID)
		}
		if _, err := c.Logs.CreateLogGroup(ctx, in); err != nil {
			return c.opErr("logs", "CreateLogGroup", c.logGroupARN(l.logGroup), err)
		}
	}
	_, err := c.Logs.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{LogGroupName: aws.String(l.logGroup), RetentionInDays: aws.Int32(l.retentionDays)})
	return c.opErr("logs", "PutRetentionPolicy", c.logGroupARN(l.logGroup), err)
}

func (c *Clients) applyRole(ctx context.Context, a Action, l *linkChange) error {
	switch a {
	case Delete:
		_, err := c.IAM.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String(l.role)})
		return c.opErr("iam", "DeleteRole", "role "+l.role, ignoreCode(err, "NoSuchEntity"))
	case Create:
		var tags []iamtypes.Tag
		for _, k := range sortedKeys(l.tags) {
			tags = append(tags, iamtypes.Tag{Key: aws.String(k), Value: aws.String(l.tags[k])})
		}
		_, err := c.IAM.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(l.role), AssumeRolePolicyDocument: aws.String(l.trustPolicy), Tags: tags,
			Description: aws.String("CloudTrail delivers the trail's events to CloudWatch Logs with this role (created by cwpat)")})
		return c.opErr("iam", "CreateRole", "role "+l.role, err)
	}
	_, err := c.IAM.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String(l.role), PolicyDocument: aws.String(l.trustPolicy)})
	return c.opErr("iam", "UpdateAssumeRolePolicy", "role "+l.role, err)
}

// updateTrail points the trail at the log group and role (empty ARNs
// disconnect it), waiting out IAM's propagation of a new role.
func (c *Clients) updateTrail(ctx context.Context, l *linkChange) error {
	in := &cloudtrail.UpdateTrailInput{Name: aws.String(l.trailARN),
		CloudWatchLogsLogGroupArn: aws.String(l.logGroupARN), CloudWatchLogsRoleArn: aws.String(l.roleARN)}
	var err error
	for i := 0; i < max(RolePropagation.Attempts, 1); i++ {
		if i > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(RolePropagation.Wait):
			}
		}
		_, err = c.CloudTrail.UpdateTrail(ctx, in)
		if errCode(err) != "InvalidCloudWatchLogsRoleArnException" || l.roleARN == "" {
			break
		}
	}
	return c.opErr("cloudtrail", "UpdateTrail", l.trailARN, err)
}

// ignoreCode drops an error whose AWS code is code (already done).
func ignoreCode(err error, code string) error {
	if err != nil && errCode(err) == code {
		return nil
	}
	return err
}
