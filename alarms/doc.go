// Package alarms deploys and tears down a CloudWatch Logs metric-filter
// alarm baseline (CIS AWS Foundations "Monitoring" by default) in an AWS
// account, through the real aws-sdk-go-v2 clients, and holds the
// account-reading calls (trails, log groups, filters, alarms, topics, keys)
// that deploy and package audit share.
//
// The flow is plan -> apply, as with terraform: Read the account's current
// state, compute a Plan against a Desired state built from a rule set
// (BuildDesired), show it, and change nothing unless Apply is called. cwpat
// owns only what it created: names carry a prefix (and optional suffix),
// alarms and topics the tag managed-by=cwpat, and each alarm names the metric
// filter it watches (filters cannot be tagged). A resource with a colliding
// name that cwpat does not own is reported as Foreign, never modified.
//
// Package export writes the same Desired state as CloudFormation or
// Terraform. The package never prints and never exits; callers render Plans.
package alarms
