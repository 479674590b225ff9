package localaws

import (
	"testing"
	"time"
)

// BenchmarkRecordedCall measures a management call (PutMetricAlarm, which
// the recorder records with its request and response members) on a server
// with no trail, and with a logging trail whose role lets CloudTrail write
// to a log group holding the CIS CloudTrail-changes filter: the cost of
// building the record, judging the role's policies and ingesting the record.
func BenchmarkRecordedCall(b *testing.B) {
	for _, connected := range []bool{false, true} {
		name := "trail=none"
		if connected {
			name = "trail=connected"
		}
		b.Run(name, func(b *testing.B) {
			now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
			s := New(Options{Now: func() time.Time { return now }, MaxEvents: 10000})
			if connected {
				jsonCall(b, s, "Logs_20140328.CreateLogGroup", map[string]any{"logGroupName": "CloudTrail/logs"})
				jsonCall(b, s, "Logs_20140328.PutMetricFilter", map[string]any{"logGroupName": "CloudTrail/logs", "filterName": "cis",
					"filterPattern":         `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`,
					"metricTransformations": []map[string]any{{"metricName": "CloudTrailEventCount", "metricNamespace": "CIS", "metricValue": "1"}}})
				trust, err := parsePolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"sts:AssumeRole"}]}`, trustPolicy)
				if err != nil {
					b.Fatal(err)
				}
				perms, err := parsePolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],`+
					`"Resource":"arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/logs:log-stream:123456789012_CloudTrail_us-east-1*"}]}`, identityPolicy)
				if err != nil {
					b.Fatal(err)
				}
				s.iamAccount(DefaultAccount).roles["ct"] = &iamRole{name: "ct", arn: "arn:aws:iam::123456789012:role/ct",
					trustDoc: trust, docs: map[string]*policyDoc{"p": perms}}
				s.PutTrail("", DefaultRegion, Trail{Name: "main", S3BucketName: "b", IsLogging: true,
					CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/logs:*",
					CloudWatchLogsRoleArn:     "arn:aws:iam::123456789012:role/ct"})
			}
			in := map[string]any{"AlarmName": "a", "MetricName": "M", "Namespace": "N", "Statistic": "Sum",
				"Period": 300, "EvaluationPeriods": 1, "Threshold": 1, "ComparisonOperator": "GreaterThanThreshold"}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				now = now.Add(time.Millisecond)
				jsonCall(b, s, "GraniteServiceVersion20100801.PutMetricAlarm", in)
			}
			b.StopTimer()
			g := s.regions[regionKey{DefaultAccount, DefaultRegion}].logGroups["CloudTrail/logs"]
			if connected && (g == nil || len(g.streams["123456789012_CloudTrail_us-east-1"].events) == 0) {
				b.Fatal("no record was delivered")
			}
		})
	}
}
