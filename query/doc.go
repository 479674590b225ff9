// Package query translates filter patterns into queries that run where
// CloudTrail archives live: Amazon Athena (Trino SQL) over AWS's documented
// CloudTrail table, the same table shape in DuckDB, and CloudWatch Logs
// Insights over the log group the metric filters read.
//
// A translation is exact or it is refused: every construct either becomes a
// predicate that selects exactly the records CloudWatch Logs' matcher
// selects, or Compile returns an *Error naming the construct and why. Where a
// translation is exact only under a condition about the data (a column that
// cannot tell a JSON boolean from the string "true", say), the Query lists
// that Condition; callers print it as a warning.
//
// The package is pure: it reads pattern's syntax tree, never matches records
// and never talks to AWS.
package query
