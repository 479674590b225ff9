package lint

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
)

// chainFindings lints one file and returns "code@text-at-position" for the
// chain checks' codes only.
func chainFindings(t *testing.T, name, src string) []string {
	t.Helper()
	r := Lint([]string{name}, Options{FS: fstest.MapFS{name: {Data: []byte(src)}}})
	var out []string
	for _, d := range r.Diagnostics {
		switch d.Code {
		case CodeTrailWithoutLogs, CodeInvalidLogGroupName, CodeShortRetention, CodeAlarmPeriodTooShort:
			at := src[d.Pos.Offset:]
			if i := strings.IndexAny(at, "\n"); i >= 0 {
				at = at[:i]
			}
			out = append(out, d.Code+"@"+at)
		}
	}
	return out
}

func TestChainChecksCloudFormation(t *testing.T) {
	src := `Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: b
      CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn
  Bare:
    Type: AWS::CloudTrail::Trail
    Properties: {S3BucketName: b}
  TrailLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: trail-logs
      RetentionInDays: 30
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: app logs
      RetentionInDays: 7
  Root:
    Type: AWS::Logs::MetricFilter
    Properties:
      LogGroupName: !Ref TrailLogs
      FilterPattern: '{ $.userIdentity.type = "Root" }'
      MetricTransformations: [{MetricName: RootUsage, MetricNamespace: CIS, MetricValue: "1"}]
  App:
    Type: AWS::Logs::MetricFilter
    Properties:
      LogGroupName: app:logs
      FilterPattern: '{ $.level = "ERROR" }'
      MetricTransformations: [{MetricName: Errors, MetricNamespace: App, MetricValue: "1"}]
  RootAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties: {MetricName: RootUsage, Namespace: CIS, Period: 60, Statistic: Sum, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: GreaterThanOrEqualToThreshold}
  AppAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties: {MetricName: Errors, Namespace: App, Period: 60, Statistic: Sum, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: GreaterThanOrEqualToThreshold}
`
	assert.Equal(t, []string{
		CodeTrailWithoutLogs + "@Trail:",
		CodeTrailWithoutLogs + "@Bare:",
		CodeShortRetention + "@30",
		CodeInvalidLogGroupName + "@ logs",
		CodeInvalidLogGroupName + "@:logs",
		CodeAlarmPeriodTooShort + "@60, Statistic: Sum, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: GreaterThanOrEqualToThreshold}",
	}, chainFindings(t, "t.yaml", src), "the trail's log group and the one a CloudTrail filter reads are CloudTrail's; the app's are not")
	r := Lint([]string{"t.yaml"}, Options{FS: fstest.MapFS{"t.yaml": {Data: []byte(src)}}})
	for _, d := range r.Diagnostics {
		if d.Code == CodeTrailWithoutLogs && d.Pos.Line == 2 {
			assert.Contains(t, d.Message, "the role ARN is not set")
		}
		if d.Code == CodeTrailWithoutLogs && d.Pos.Line == 7 {
			assert.Contains(t, d.Message, "the log group ARN and the role ARN are not set (CIS 3.4)")
		}
	}
}

func TestChainChecksTerraform(t *testing.T) {
	src := `resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "b"
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.ct.arn
}

resource "aws_cloudtrail" "other" {
  name                       = "other"
  s3_bucket_name             = "b"
  cloud_watch_logs_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:bad name:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/ct"
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = "audit"
  retention_in_days = 180
}

resource "aws_cloudwatch_log_group" "forever" {
  name = "CloudTrail/Forever"
}

resource "aws_cloudwatch_log_group" "named" {
  name              = "my-CloudTrail-logs"
  retention_in_days = 365
}
`
	assert.Equal(t, []string{
		CodeInvalidLogGroupName + "@ name:*\"",
		CodeShortRetention + "@180",
	}, chainFindings(t, "main.tf", src))

	long := `{"resource": {"aws_cloudwatch_log_group": {"g": {"name": "` + strings.Repeat("a", 513) + `", "retention_in_days": 1}},
 "aws_cloudwatch_log_metric_filter": {"f": {"name": "f", "log_group_name": "${aws_cloudwatch_log_group.g.name}", "pattern": "{ $.eventName = ConsoleLogin }",
   "metric_transformation": {"name": "M", "namespace": "N", "value": "1"}}},
 "aws_cloudwatch_metric_alarm": {"a": {"alarm_name": "a", "metric_name": "M", "namespace": "N", "period": 120}},
 "aws_cloudtrail": {"t": {"name": "t", "s3_bucket_name": "b"}}}}`
	got := chainFindings(t, "main.tf.json", long)
	assert.Len(t, got, 4, "%v", got)
	assert.Equal(t, CodeInvalidLogGroupName, strings.Split(got[0], "@")[0], "513 characters")
	assert.Equal(t, CodeShortRetention+"@1}},", got[1], "a CloudTrail filter reads the group")
	assert.Equal(t, CodeAlarmPeriodTooShort+"@120}},", got[2])
	assert.Equal(t, CodeTrailWithoutLogs, strings.Split(got[3], "@")[0])
}
