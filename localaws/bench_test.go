package localaws

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// jsonCall answers one JSON 1.1 request in-process and fails the benchmark on
// an error reply.
func jsonCall(b *testing.B, s *Server, target string, in any) {
	body, err := json.Marshal(in)
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(body)))
	req.Header.Set("X-Amz-Target", target)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		b.Fatalf("%s: %d %s", target, w.Code, w.Body)
	}
}

// BenchmarkPutLogEvents measures ingesting CloudTrail-shaped events into a
// log group with 15 CIS-style metric filters: decode, match every filter,
// publish datapoints.
func BenchmarkPutLogEvents(b *testing.B) {
	now := time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC)
	s := New(Options{Now: func() time.Time { return now }})
	jsonCall(b, s, "Logs_20140328.CreateLogGroup", map[string]any{"logGroupName": "trail"})
	jsonCall(b, s, "Logs_20140328.CreateLogStream", map[string]any{"logGroupName": "trail", "logStreamName": "s"})
	patterns := []string{
		`{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`,
		`{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }`,
		`{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`,
		`{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }`,
		`{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }`,
		`{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`,
		`{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = DeleteBucketPolicy)) }`,
		`{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel)) }`,
		`{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }`,
		`{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) }`,
		`{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) }`,
		`{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = DeleteRouteTable) }`,
		`{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) }`,
		`{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "CreateAccount") || ($.eventName = "LeaveOrganization")) }`,
		`{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = AttachRolePolicy) }`,
	}
	for i, p := range patterns {
		jsonCall(b, s, "Logs_20140328.PutMetricFilter", map[string]any{"logGroupName": "trail", "filterName": fmt.Sprintf("cis-%02d", i),
			"filterPattern": p, "metricTransformations": []map[string]any{{"metricName": fmt.Sprintf("M%d", i), "metricNamespace": "CIS", "metricValue": "1"}}})
	}
	const batch = 1000
	events := make([]map[string]any, batch)
	names := []string{"ConsoleLogin", "GetObject", "DescribeInstances", "PutBucketPolicy", "AssumeRole"}
	for i := range events {
		events[i] = map[string]any{"timestamp": now.UnixMilli() + int64(i), "message": fmt.Sprintf(
			`{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"u%d"},"eventSource":"s3.amazonaws.com","eventName":%q,"eventType":"AwsApiCall","awsRegion":"us-east-1","sourceIPAddress":"10.0.0.%d"}`,
			i, names[i%len(names)], i%250)}
	}
	body, err := json.Marshal(map[string]any{"logGroupName": "trail", "logStreamName": "s", "logEvents": events})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(body)))
		req.Header.Set("X-Amz-Target", "Logs_20140328.PutLogEvents")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkRequestsWithAlarms measures a request that involves no alarm
// (TestMetricFilter) on a server holding 0 or 5,000 alarms, with the clock
// moving a millisecond per request (a server answering 1,000 requests a
// second), so period boundaries pass as they would: evaluation work happens
// once per boundary (about 5 µs an alarm), not once per request.
func BenchmarkRequestsWithAlarms(b *testing.B) {
	for _, n := range []int{0, 5000} {
		b.Run(fmt.Sprintf("alarms=%d", n), func(b *testing.B) {
			now := time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC)
			s := New(Options{Now: func() time.Time { return now }})
			for i := 0; i < n; i++ {
				jsonCall(b, s, "GraniteServiceVersion20100801.PutMetricAlarm", map[string]any{
					"AlarmName": fmt.Sprintf("a-%04d", i), "MetricName": "M", "Namespace": "N", "Statistic": "Sum",
					"Period": 60, "EvaluationPeriods": 1, "Threshold": 1, "ComparisonOperator": "GreaterThanThreshold"})
			}
			in := map[string]any{"filterPattern": "ERROR", "logEventMessages": []string{"ERROR x"}}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				now = now.Add(time.Millisecond)
				jsonCall(b, s, "Logs_20140328.TestMetricFilter", in)
			}
		})
	}
}
