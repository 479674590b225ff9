// Package alarms deploys, audits and tears down a CloudWatch Logs metric-filter
// alarm baseline (CIS AWS Foundations "Monitoring" by default) in an AWS
// account, through the real aws-sdk-go-v2 clients.
//
// The flow is plan -> apply, as with terraform: Read the account's current
// state, compute a Plan against a Desired state built from a rule set
// (BuildDesired), show it, and change nothing unless Apply is called. cwpat
// owns only what it created: names carry a prefix (and optional suffix),
// alarms and topics the tag managed-by=cwpat, and each alarm names the metric
// filter it watches (filters cannot be tagged). A resource with a colliding
// name that cwpat does not own is reported as Foreign, never modified.
//
// Audit judges what an account really watches by behaviour (Judge): a
// control is covered when a filter on the trail's log group matches the
// control's example events and none of its near-misses, an alarm on that
// filter's metric fires on one event (simulated with package sim), and the
// alarm notifies a topic with a confirmed subscription. VerifyWithAWS asks
// CloudWatch Logs' TestMetricFilter to confirm the filter verdicts.
//
// Package export writes the same Desired state as CloudFormation or
// Terraform. The package never prints and never exits; callers render Plans
// and Reports.
package alarms
