// Package backtest replays CloudTrail archives through a rule set and says
// what the deployed metric filters and alarms would have done: per rule, the
// events it matched, the metric series CloudWatch would have built, and every
// alarm state change, from CloudWatch's own evaluation rules (package sim).
//
// Run is a pipeline that uses every core (trail.Reader.Parallel): each
// source being read is decompressed and cut at line ends by its own
// goroutine, and N workers check the records and run the whole rule set
// over each in one pass (pattern.Set), so even one file or one gzip stream
// is spread over the cores; each worker sums what it publishes per rule per
// minute and the values that drive each rule's matches (Drivers). Memory
// stays flat in the size of the archive: nothing is kept per event, only per
// rule per minute with matches. FromCounts builds the same report from
// per-minute match counts taken elsewhere (a query engine).
//
// Choices where a replay has to decide what CloudWatch never faces:
//   - each alarm is created at the first record replayed (the earliest
//     eventTime, or the first inside Options.Start/End), in INSUFFICIENT_DATA,
//     and evaluated until the period boundary after the last record: what
//     happens after the archive ends is not known, so not reported;
//   - the log event timestamp is the record's eventTime (CloudTrail delivers
//     it so); records CloudTrail would not deliver to CloudWatch Logs (over
//     256 KB) are skipped with a warning, as no metric filter sees them;
//   - a metric value that is a field ($.x) is read from each matching event
//     with the metric filter; a metric filter with dimensions publishes a
//     metric the rule's alarm (which names no dimensions) cannot see, and
//     the report says so;
//   - "matched" counts events the pattern matched, "published" the values the
//     metric filter emitted for them (AWS skips an event whose value field is
//     missing or not a number).
package backtest
