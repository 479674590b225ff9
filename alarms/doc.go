// Package alarms deploys, audits and tears down a CloudWatch Logs metric-filter
// alarm baseline (CIS AWS Foundations "Monitoring" by default) in an AWS
// account, through the real aws-sdk-go-v2 clients.
//
// The flow is plan -> apply, as with terraform: Read the account's current
// state, compute a Plan against a Desired state built from a rule set, show it,
// and change nothing unless Apply is called. cwpat owns only what it created:
// resources carry a name prefix and the tag managed-by=cwpat, and a resource
// with a colliding name that cwpat does not own is reported, never modified.
//
// Audit judges what an account really watches by behaviour: a CIS control is
// covered when a filter on the trail's log group matches the control's example
// events and none of its near-misses, an alarm on that filter's metric fires on
// one event, and the alarm notifies a topic with a confirmed subscription.
//
// The package never prints and never exits; callers render Plans and Reports.
package alarms
