// Package rules holds CloudWatch Logs metric-filter alarm rules as tested
// data: the CIS AWS Foundations monitoring controls of every benchmark
// version, AWS Security Hub's CloudWatch.1-14, the CloudTrail User Guide's
// sample alarms and cwpat's corrected "recommended" set, each rule proven by
// example CloudTrail records that must and must not match.
//
// Rule files are strict YAML: unknown keys and type mistakes are
// diagnostics at file:line:col. A file may extend a built-in set, override
// any field of a rule by id, add rules, disable rules, set defaults for all
// rules and prefix or suffix every name:
//
//	extends: cis-5.0
//	namePrefix: acme-
//	disable: [vpc-changes]
//	defaults:
//	  alarm: {treatMissingData: notBreaching}
//	rules:
//	  - id: unauthorized-api-calls
//	    alarm: {threshold: 10}
//
// Built-in sets are embedded; Builtin returns a private copy.
package rules
