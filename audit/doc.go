// Package audit judges what an AWS account really watches, by behaviour,
// against a rule set's monitoring controls. It only reads the account
// (through the same account-reading calls of package alarms that deploy
// uses) and never changes it.
//
// A control is covered when a filter on the trail's log group matches the
// control's example events and none of its near-misses, an alarm on that
// filter's metric fires on one event (simulated with package sim), and the
// alarm notifies a topic with a confirmed subscription. Judge is pure; Run
// reads the account and judges it; VerifyWithAWS asks CloudWatch Logs'
// TestMetricFilter to confirm the filter verdicts. The package never prints:
// callers render Reports.
package audit
