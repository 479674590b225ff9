// Package ruletest runs cwpat's rule tests: every rule's example events
// (must match, must not match, documented false positives and negatives)
// and alarm tests over time in the style of promtool test rules. The runner
// produces Results; one Reporter interface renders them as text (PASS n/N),
// JSON, JUnit XML or GitHub annotations.
//
// # Test files
//
// A test file is strict YAML with a top-level tests: key:
//
//	set: cis                  # a built-in set, or
//	sets: [cis-1.2, cis-5.0]  # run the same tests against several, or
//	ruleFiles: [rules.yaml]   # your rule files, relative to this file
//	start: 2026-01-01T00:00:00Z   # when the alarms are created (optional)
//	tests:
//	  - name: ten refused calls make one datapoint of 10
//	    sets: [cis-5.0]                  # only for some of the file's sets
//	    rules: [unauthorized-api-calls]  # rules under test (default: all)
//	    events:
//	      - {at: 0s+30sx9, example: ec2-unauthorized-operation-invictus}
//	      - at: 7m
//	        event: {eventName: DescribeInstances, errorCode: AccessDenied}
//	    expect:
//	      - at: 5m
//	        alarms: [unauthorized-api-calls]   # exactly the rules in ALARM
//	        metrics: {unauthorized-api-calls: 10}
//	      - at: 30m
//	        alarms: []                          # none firing
//	        states: {unauthorized-api-calls: INSUFFICIENT_DATA}
//
// Times are offsets from start. "0s+30sx9" is a repetition: the first event
// at 0s and nine more 30 s apart. Every event goes to every rule under test,
// as a CloudTrail log group feeds every metric filter on it. metrics: is the
// alarm's statistic over the last complete period before at (~ for no
// datapoint); states: is OK, ALARM or INSUFFICIENT_DATA. The alarms are
// simulated by package sim under CloudWatch's rules.
package ruletest
