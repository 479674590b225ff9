// Package rules holds CloudWatch Logs metric-filter alarm rules as tested
// data: the CIS AWS Foundations monitoring controls of every benchmark
// version, AWS Security Hub's CloudWatch.1-14, the CloudTrail User Guide's
// sample alarms and cwpat's corrected "recommended" set, each rule proven by
// example CloudTrail records that must and must not match.
//
// # Built-in sets
//
// cis-1.2, cis-1.4, cis-1.5, cis-2.0, cis-3.0, cis-4.0 and cis-5.0 carry
// each benchmark version's remediation text verbatim (cis is the newest);
// securityhub carries Security Hub's spelling of CloudWatch.1-14;
// cloudtrail-sample the ten alarms of AWS's CloudFormation template plus the
// user guide's three additional examples; recommended is CIS v5.0.0 with
// the known gaps closed, each difference explained in the rule's
// description. A published pattern that is logically wrong ships verbatim
// with Broken set and false-positive examples that show it.
//
// # Rule files
//
// Rule files are strict YAML: unknown keys, duplicate keys and type mistakes
// are diagnostics at file:line:col. Keys use AWS's API names where the
// concept is AWS's:
//
//	set: acme                      # name of the resulting set (optional)
//	extends: cis-5.0               # start from a built-in set (optional)
//	namePrefix: acme-              # prefix every filter, metric and alarm name
//	nameSuffix: -prod              # and/or suffix them
//	disable: [vpc-changes]         # drop rules by id
//	defaults:                      # applied to every rule, before per-rule keys
//	  severity: low
//	  metricTransformation: {metricNamespace: Acme}
//	  alarm: {treatMissingData: notBreaching}
//	rules:
//	  - id: unauthorized-api-calls # a known id overrides only the keys given
//	    alarm: {threshold: 10}
//	  - id: s3-public-access       # a new id adds a rule (CIS recipe defaults:
//	    title: S3 Block Public Access changes   # value 1, Sum over 300 s, >= 1)
//	    description: why it matters
//	    severity: high             # informational, low, medium, high, critical
//	    references: {cis: {"5.0.0": "4.8"}, securityHub: CloudWatch.8, urls: [...]}
//	    broken: ""                 # why a published pattern is wrong, if it is
//	    filterName: S3PublicAccess # default: the metric name
//	    filterPattern: '{ ($.eventSource = s3.amazonaws.com) && ($.eventName = PutBucketPublicAccessBlock) }'
//	    metricTransformation:      # PutMetricFilter's metricTransformations
//	      {metricName: s3_pab, metricNamespace: Acme, metricValue: "1", defaultValue: 0, unit: Count}
//	    alarm:                     # PutMetricAlarm's settings
//	      alarmName: s3_pab_alarm
//	      alarmDescription: ...
//	      statistic: Sum           # Sum, Average, Minimum, Maximum, SampleCount
//	      period: 300              # seconds
//	      evaluationPeriods: 1
//	      datapointsToAlarm: 1     # M of N; default N
//	      threshold: 1
//	      comparisonOperator: GreaterThanOrEqualToThreshold
//	      treatMissingData: notBreaching   # missing (AWS default), notBreaching, breaching, ignore
//	    examples:                  # names from the example library, or inline events
//	      match: [s3-put-bucket-public-access-block]
//	      noMatch:
//	        - name: versioning
//	          event: {eventSource: s3.amazonaws.com, eventName: PutBucketVersioning}
//	      falsePositives: []       # should not match by intent, but do (documents breakage)
//	      falseNegatives: []       # should match by intent, but do not
//
// Files load in order on top of each other (Load); Builtin returns a private
// copy of a built-in set. Every rule remembers where it was defined
// (Rule.Source), so a problem inside a filter pattern is reported at its
// line and column in the YAML (Rule.PatternDiagnostic).
//
// # Example library
//
// BuiltinExamples is one library of named CloudTrail records shared by all
// rules: real records from the invictus-ir and TrailDiscover data sets
// (attribution in Notice and in each record's source) and records written by
// hand from the CloudTrail User Guide's record shapes where no real one
// exists.
package rules
