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
// AWS's limits (lengths counted in UTF-16 code units, as AWS counts them;
// quotas) and error texts come from package awslimits, which the local
// endpoint, lint and the CLI also ask. Of cwpat, this package imports only
// diag and awslimits.
//
// A parsed Pattern exposes a read-only syntax tree (Expr, Fields, Terms,
// Inspect) with cwpat's own positions (Span); the parser library behind it
// is private and may change.
//
// Stages, one file each: lexer.go (tokens, one lexer state per
// sub-language), grammar.go (the parser's private grammar structs),
// parse.go (dispatch, parser errors in the user's words), lexcheck.go and
// check.go (AWS's validation), build.go (the read-only tree of ast.go),
// print.go (canonical form, and Format, which never exceeds AWS's limit),
// walk.go (Inspect), warnings.go (accepted but dangerous patterns),
// match*.go (the reference evaluators), explain.go (why an event matched,
// for people), metric.go and testmetric.go (metric filters).
package pattern
