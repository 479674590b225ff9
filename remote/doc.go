// Package remote runs a rule set's translated queries where the CloudTrail
// archive lives — Amazon Athena or CloudWatch Logs Insights — through
// aws-sdk-go-v2, and returns per-rule counts per UTC minute for the
// backtest's alarm simulation and report.
//
// It never prints and never exits; every failure is an error that says
// which query, which state and why.
package remote
