package lint

import "github.com/cwpat/cwpat/diag"

// What a file reader finds: filter patterns with their metric
// transformations, and alarms, each with positions in the file.

// Use is what a found pattern is for.
type Use int

// Uses of a pattern.
const (
	UsePattern            Use = iota // a bare pattern (pattern file, stdin)
	UseMetricFilter                  // AWS::Logs::MetricFilter, aws_cloudwatch_log_metric_filter, a rule
	UseSubscriptionFilter            // AWS::Logs::SubscriptionFilter, aws_cloudwatch_log_subscription_filter
)

// found is one filter pattern in a file.
type found struct {
	pattern text
	// resource names where it is, in the file's own words
	// ("Resources.RootUsage", "aws_cloudwatch_log_metric_filter.root").
	resource string
	use      Use
	logGroup *text
	// logGroupRef is the log group resource logGroup refers to in the same
	// file (a CloudFormation logical id, a Terraform address), or "".
	logGroupRef string
	metric      *metricDef
	// cloudTrail caches whether the pattern is a CloudTrail filter:
	// 0 not known yet, 1 yes, -1 no (checkFound knows it once parsed).
	cloudTrail int8
}

// metricDef is a metric filter's MetricTransformation as written.
type metricDef struct {
	name, namespace, value *text
	defaultValue           *text
	unit                   *text
	dimensions             []dimension
	// at is the file offset of the transformation (for findings about it as a whole).
	at int
	// count is how many transformations the resource declares (AWS allows exactly 1).
	count int
}

// dimension is one metric dimension: a name and the field it takes its value from.
type dimension struct {
	key, value *text
}

// alarmDef is a CloudWatch alarm on a metric.
type alarmDef struct {
	resource        string
	name, namespace *text
	period          *text
	at              int
}

// trailDef is a CloudTrail trail and its link to CloudWatch Logs.
type trailDef struct {
	resource string
	// logGroupArn and roleArn are nil when the template does not set them.
	logGroupArn, roleArn *text
	// logGroupRef is the log group resource the ARN refers to, or "".
	logGroupRef string
	at          int
}

// logGroupDef is a CloudWatch Logs log group.
type logGroupDef struct {
	resource string
	// ref is what other resources of the file refer to it by: the logical
	// id, or the Terraform address ("aws_cloudwatch_log_group.trail").
	ref             string
	name, retention *text
	at              int
}

// scan is everything read from one file.
type scan struct {
	file     *file
	patterns []*found
	alarms   []*alarmDef
	trails   []*trailDef
	groups   []*logGroupDef
	// diags are findings of the reader itself (a rule file's unknown keys).
	diags diag.List
}

// literal returns t's value when it is a literal, for comparisons.
func literal(t *text) (string, bool) {
	if t == nil || !t.Literal {
		return "", false
	}
	return t.Value, true
}
