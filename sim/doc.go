// Package sim simulates what CloudWatch does with a metric filter and an
// alarm over time: the metric datapoints a metric filter publishes for
// timestamped log events, and the alarm's state at every evaluation under
// CloudWatch's documented rules (statistics, M out of N datapoints, the four
// ways of treating missing data, INSUFFICIENT_DATA at creation).
//
// Everything here is a pure function of its inputs: no clocks, no goroutines,
// no AWS. The local AWS endpoint and the backtester reuse it, so the answers
// cwpat gives offline are the answers a deployed alarm would give.
//
// Where CloudWatch's documentation is silent, sim makes these choices:
//   - periods are aligned to multiples of the period since the Unix epoch, and
//     the alarm is evaluated at each period boundary using complete periods only;
//   - the evaluation range (how far back CloudWatch looks for datapoints when
//     some are missing) is EvaluationPeriods+2 periods, as in the worked
//     examples of "How alarm state is evaluated when data is missing";
//   - with missing data treated as missing, one rule (decideMissing) fits
//     every row of that section's tables as printed in 2019 and 2023,
//     including "avoiding premature transitions to alarm state";
//   - state reasons and StateReasonData take the forms AWS has been recorded
//     writing (reason.go, reasondata.go); where no recording exists (the
//     premature INSUFFICIENT_DATA, a state kept by treatMissingData ignore)
//     the words are cwpat's, in the same shape;
//   - a metric filter's default value is published once for every log event
//     that does not match (MetricTransformation.defaultValue: "the value to
//     emit when a filter pattern does not match a log event").
package sim
