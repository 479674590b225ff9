package localaws

import "strings"

// Whether a topic's access policy lets CloudWatch publish an alarm
// notification, and whether a key policy lets CloudWatch use the topic's KMS
// key. CloudWatch acts as the service principal cloudwatch.amazonaws.com on
// behalf of the alarm's account (aws:SourceOwner and aws:SourceAccount), so
// the default topic policy ("AWS": "*" limited to the owner account) admits
// it, and so does a statement naming the service; a policy that only names
// IAM principals shuts it out.
//
// The judgement is the endpoint's own IAM policy evaluation (iam_policy.go),
// written from AWS's policy reference: the audit judges the same policies
// with cwpat's product code (internal/awspolicy), and the endpoint is the
// referee of the product, so the two must not share code.

// cloudWatchPrincipal is the principal CloudWatch alarm actions act as.
const cloudWatchPrincipal = "cloudwatch.amazonaws.com"

// cloudWatchActing is a request by CloudWatch on behalf of account.
func cloudWatchActing(action, resource, account, sourceARN string) policyRequest {
	return policyRequest{
		Principals: map[string][]string{"Service": {cloudWatchPrincipal}},
		Action:     action, Resource: resource,
		Context: map[string]string{"aws:sourceowner": account, "aws:sourceaccount": account, "aws:sourcearn": sourceARN},
	}
}

// policyAdmitsCloudWatch reports whether CloudWatch, alarming for account,
// may publish to topic under policy: an Allow statement covers it and no
// Deny statement does. A missing policy is the default one, which admits
// it; a policy the endpoint cannot read admits nothing.
func policyAdmitsCloudWatch(policy, topic, account, alarmARN string) bool {
	if strings.TrimSpace(policy) == "" {
		return true
	}
	doc, err := parsePolicy(policy, resourcePolicy)
	if err != nil {
		return false
	}
	return evaluate([]*policyDoc{doc}, cloudWatchActing("sns:Publish", topic, account, alarmARN)).Allowed
}

// keyAdmitsCloudWatch reports whether a key policy lets CloudWatch use the
// key for an encrypted topic: kms:Decrypt and kms:GenerateDataKey*.
func keyAdmitsCloudWatch(policy, key, account, alarmARN string) bool {
	doc, err := parsePolicy(policy, resourcePolicy)
	if err != nil {
		return false
	}
	for _, action := range []string{"kms:Decrypt", "kms:GenerateDataKey"} {
		if !evaluate([]*policyDoc{doc}, cloudWatchActing(action, key, account, alarmARN)).Allowed {
			return false
		}
	}
	return true
}
