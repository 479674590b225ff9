package lint

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// bigTemplate is a CloudFormation template with n metric filters (CIS
// patterns in several quoting styles) and an alarm on each.
func bigTemplate(n int) string {
	patterns := []string{
		`'{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'`,
		`"{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }"`,
		"|\n        {($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||\n         ($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)}",
		`!Sub '{ ($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }'`,
	}
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n")
	for i := range n {
		fmt.Fprintf(&b, "  Filter%d:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      LogGroupName: CloudTrail/DefaultLogGroup\n      FilterPattern: %s\n      MetricTransformations:\n        - MetricName: M%d\n          MetricNamespace: CISBenchmark\n          MetricValue: \"1\"\n", i, patterns[i%len(patterns)], i)
		fmt.Fprintf(&b, "  Alarm%d:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      MetricName: M%d\n      Namespace: CISBenchmark\n      Statistic: Sum\n      Period: 300\n      EvaluationPeriods: 1\n      Threshold: 1\n      ComparisonOperator: GreaterThanOrEqualToThreshold\n", i, i)
	}
	return b.String()
}

// BenchmarkLintTemplate lints a 400-filter template: bytes/s of template.
func BenchmarkLintTemplate(b *testing.B) {
	src := bigTemplate(400)
	fsys := fstest.MapFS{"t.yaml": {Data: []byte(src)}}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		r := Lint([]string{"t.yaml"}, Options{FS: fsys})
		if r.Patterns != 400 {
			b.Fatalf("found %d patterns", r.Patterns)
		}
	}
}

// BenchmarkFormatTemplate formats the same template.
func BenchmarkFormatTemplate(b *testing.B) {
	src := []byte(bigTemplate(400))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Format("t.yaml", src, TypeAuto); err != nil {
			b.Fatal(err)
		}
	}
}
