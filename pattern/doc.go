// Package pattern is the CloudWatch Logs filter-pattern language, answered
// exactly as AWS answers it: Parse reads and checks a pattern against AWS's
// syntax, limits and error messages; String prints it canonically; Compile
// builds an immutable, concurrency-safe Matcher; NewMetricFilter and
// TestMetricFilter apply metric-filter semantics.
//
// The kind of a pattern is decided by its first non-blank character, as AWS
// decides it: '{' starts a JSON pattern, '[' a space-delimited pattern,
// anything else a term pattern; an empty or blank pattern, "" and " " match
// every event. SEMANTICS.md records every point where AWS's documentation is
// silent and what this package decided.
//
// Stages, one file each: lexer.go (tokens, one lexer state per
// sub-language), ast.go (the grammar structs, which are the syntax tree),
// parse.go (dispatch, participle errors in the user's words), lexcheck.go
// and check.go (AWS's validation), print.go (canonical form), walk.go
// (Inspect and accessors for lint rules), warnings.go (accepted but
// dangerous patterns), match*.go (the reference evaluators), metric.go and
// testmetric.go (metric filters).
package pattern
