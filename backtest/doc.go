// Package backtest replays CloudTrail archives through a rule set and says
// what the deployed metric filters and alarms would have done: per rule, the
// events it matched, the metric series CloudWatch would have built, and every
// alarm state change, from CloudWatch's own evaluation rules (package sim).
//
// Run is a pipeline that uses every core: sources are decompressed and split
// into records by several readers at once, N matcher workers run the whole
// rule set over each record in one pass (pattern.Set), and each worker sums
// what it publishes per rule per minute. Memory stays flat in the size of the
// archive: nothing is kept per event, only per rule per minute with matches.
package backtest
