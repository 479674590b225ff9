// Package ruletest runs cwpat's rule tests: every rule's example events
// (must match, must not match, documented false positives and negatives)
// and alarm tests over time in the style of promtool test rules: a strict
// YAML file of input events at times, expected metric values and expected
// alarm states at evaluation times. An empty list of expected alarms means
// none is firing.
//
// The runner produces Results; one Reporter interface renders them as text
// (PASS n/N), JSON, JUnit XML or GitHub annotations.
package ruletest
