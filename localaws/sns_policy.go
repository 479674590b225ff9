package localaws

import (
	"strings"

	"github.com/cwpat/cwpat/internal/awspolicy"
)

// Whether a topic's access policy lets CloudWatch publish an alarm
// notification. CloudWatch publishes as the service principal
// cloudwatch.amazonaws.com with the alarm's account as aws:SourceOwner, so
// the default topic policy ("AWS": "*" limited to the owner account) admits
// it, and so does a statement naming the service; a policy that only names
// IAM principals shuts it out. The reading is shared with the audit
// (internal/awspolicy), so what the audit calls broken is what this endpoint
// refuses to deliver.

// policyAdmitsCloudWatch reports whether CloudWatch may publish under policy:
// an Allow statement admits it and no Deny statement shuts it out. A missing
// policy is the default one, which admits it.
func policyAdmitsCloudWatch(policy string) bool {
	if strings.TrimSpace(policy) == "" {
		return true
	}
	return awspolicy.Allows(policy, awspolicy.CloudWatch, awspolicy.ServiceOrAnyone, "sns:Publish")
}
