package localaws

import (
	"fmt"
	"time"
)

// UpdateTrail, and the Go API tests use to age a trail's CloudWatch Logs
// delivery.

type updateTrailIn struct {
	Name                       string  `json:"Name"`
	S3BucketName               *string `json:"S3BucketName"`
	S3KeyPrefix                *string `json:"S3KeyPrefix"`
	SnsTopicName               *string `json:"SnsTopicName"`
	IncludeGlobalServiceEvents *bool   `json:"IncludeGlobalServiceEvents"`
	IsMultiRegionTrail         *bool   `json:"IsMultiRegionTrail"`
	EnableLogFileValidation    *bool   `json:"EnableLogFileValidation"`
	CloudWatchLogsLogGroupArn  *string `json:"CloudWatchLogsLogGroupArn"`
	CloudWatchLogsRoleArn      *string `json:"CloudWatchLogsRoleArn"`
	KmsKeyID                   *string `json:"KmsKeyId"`
	IsOrganizationTrail        *bool   `json:"IsOrganizationTrail"`
}

// updateTrail changes the members given and leaves the others. The log
// group and role go together: both set, or both cleared with empty strings
// (`aws cloudtrail update-trail --cloud-watch-logs-log-group-arn=""
// --cloud-watch-logs-role-arn=""`, as the guide stops delivery). Nothing
// changes when CloudTrail refuses the new settings.
func updateTrail(c *call, in *updateTrailIn) (any, error) {
	t, err := c.homeTrail(in.Name)
	if err != nil {
		return nil, err
	}
	next := *t
	setString := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	setBool := func(dst *bool, v *bool) {
		if v != nil {
			*dst = *v
		}
	}
	setString(&next.S3BucketName, in.S3BucketName)
	setString(&next.S3KeyPrefix, in.S3KeyPrefix)
	if in.SnsTopicName != nil {
		next.SnsTopicName, next.SnsTopicARN = *in.SnsTopicName, ""
		if *in.SnsTopicName != "" {
			next.SnsTopicARN = c.st.arn("sns", *in.SnsTopicName)
		}
	}
	setBool(&next.IncludeGlobalServiceEvents, in.IncludeGlobalServiceEvents)
	setBool(&next.IsMultiRegionTrail, in.IsMultiRegionTrail)
	setBool(&next.LogFileValidationEnabled, in.EnableLogFileValidation)
	setString(&next.KmsKeyID, in.KmsKeyID)
	setString(&next.CloudWatchLogsLogGroupArn, in.CloudWatchLogsLogGroupArn)
	setString(&next.CloudWatchLogsRoleArn, in.CloudWatchLogsRoleArn)
	if in.IsOrganizationTrail != nil && *in.IsOrganizationTrail != t.IsOrganizationTrail {
		if err := c.checkOrgTrailCaller(); err != nil {
			return nil, err
		}
		next.IsOrganizationTrail = *in.IsOrganizationTrail
	}
	if in.S3BucketName != nil && *in.S3BucketName == "" {
		return nil, ctError("InvalidS3BucketNameException", "S3 bucket name cannot be empty.")
	}
	if in.CloudWatchLogsLogGroupArn != nil || in.CloudWatchLogsRoleArn != nil || in.IsOrganizationTrail != nil {
		// A role set over the wire is judged from now on, even on a
		// trail seeded with an unverified one.
		next.roleUnverified = false
		if err := c.srv.validateCWL(&next); err != nil {
			return nil, err
		}
	}
	if next.CloudWatchLogsLogGroupArn != t.CloudWatchLogsLogGroupArn {
		// A new destination starts with no delivery history, and
		// releases what SetTrailDelivery pinned.
		next.LatestCloudWatchLogsDeliveryTime, next.LatestCloudWatchLogsDeliveryError = time.Time{}, ""
		next.deliveryPinned = false
	}
	*t = next
	return trailResponse(t), nil
}

// SetTrailDelivery pins what GetTrailStatus reports for the CloudWatch Logs
// delivery of a trail homed in account ("" for the default account) and
// region: at is LatestCloudWatchLogsDeliveryTime (zero for never) and
// errText LatestCloudWatchLogsDeliveryError ("" for none). Tests use it to
// make a delivery stale or broken without waiting a day. Records keep being
// delivered (or refused) as before, but the two values stay as set, since
// the test's own calls would otherwise count as fresh deliveries at once;
// UpdateTrail to another log group releases them.
func (s *Server) SetTrailDelivery(account, region, name string, at time.Time, errText string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.regions[regionKey{s.accountOr(account), region}]
	if st == nil || st.trails[name] == nil {
		return fmt.Errorf("localaws: no trail %s in %s %s", name, s.accountOr(account), region)
	}
	t := st.trails[name]
	t.LatestCloudWatchLogsDeliveryTime, t.LatestCloudWatchLogsDeliveryError = at.UTC(), errText
	t.deliveryPinned = true
	return nil
}
