package localaws

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// FuzzServeHTTP sends arbitrary bodies through every protocol and operation
// route: the server must answer each with a status and never panic.
func FuzzServeHTTP(f *testing.F) {
	seeds := []struct{ route, body string }{
		{"json:Logs_20140328.PutMetricFilter", `{"logGroupName":"g","filterName":"f","filterPattern":"{ $.a = 1 }","metricTransformations":[{"metricName":"m","metricNamespace":"n","metricValue":"1","dimensions":{"a":"$.a"}}]}`},
		{"json:Logs_20140328.PutLogEvents", `{"logGroupName":"g","logStreamName":"s","logEvents":[{"timestamp":1,"message":"x"}]}`},
		{"json:Logs_20140328.TestMetricFilter", `{"filterPattern":"[a,b]","logEventMessages":["1 2"]}`},
		{"json:Logs_20140328.FilterLogEvents", `{"logGroupName":"g","filterPattern":"%a+%","limit":-1}`},
		{"json:CloudTrail_20131101.PutEventSelectors", `{"TrailName":"t","EventSelectors":[{"ReadWriteType":"x"}]}`},
		{"json:TrentService.DescribeKey", `{"KeyId":"arn:aws:kms:us-east-1:1:alias/aws/sns"}`},
		{"json:GraniteServiceVersion20100801.PutMetricAlarm", `{"AlarmName":"a","Period":1e99,"EvaluationPeriods":-1,"Threshold":"x"}`},
		{"cbor:PutMetricAlarm", "\xa2\x69AlarmName\x61a\x66Period\x19\x01\x2c"},
		{"cbor:GetMetricData", "\xa1\x69StartTime\xc1\xfb\x41\xda\xbf\x3c\x9e\x00\x00\x00"},
		{"query:", "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=a&Dimensions.member.1.Name=x&Period=60&EvaluationPeriods=1"},
		{"query:", "Action=CreateTopic&Version=2010-03-31&Name=t&Attributes.entry.1.key=Policy&Attributes.entry.1.value=%7B"},
		{"query:", "Action=SetAlarmState&Version=2010-08-01&AlarmName.x=1&AlarmName=2"},
	}
	for _, s := range seeds {
		f.Add(s.route, s.body)
	}
	f.Fuzz(func(t *testing.T, route, body string) {
		// A fresh server per input, so that a failure reproduces from the
		// one input the fuzzer reports.
		srv := New(Options{})
		kind, target, _ := strings.Cut(route, ":")
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		switch kind {
		case "json":
			req.Header.Set("X-Amz-Target", target)
		case "cbor":
			// Set the path directly: a target may hold bytes no URL allows.
			req.URL.Path = cborServicePath + target
			req.Header.Set("Smithy-Protocol", "rpc-v2-cbor")
		default:
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		w := httptest.NewRecorder()
		done := make(chan struct{})
		go func() {
			defer close(done)
			srv.ServeHTTP(w, req)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("no answer in 10s to %q %q", route, body)
		}
		if w.Code < 200 || w.Code > 599 {
			t.Fatalf("status %d", w.Code)
		}
		if w.Code >= 500 && w.Code != 500 {
			t.Fatalf("unexpected status %d: %s", w.Code, w.Body)
		}
	})
}
