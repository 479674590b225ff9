package localaws_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/smithy-go/encoding/cbor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

// post sends one raw request and returns status, headers and body.
func post(t *testing.T, url string, header map[string]string, body string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	require.NoError(t, err)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, string(b)
}

func TestRawProtocolErrors(t *testing.T) {
	srv := localawstest.Start(t)
	tests := []struct {
		name       string
		path       string
		header     map[string]string
		body       string
		status     int
		wantHeader map[string]string
		wantBody   string
	}{
		{"unknown json target", "/", map[string]string{"X-Amz-Target": "Nope_2020.Do", "Content-Type": "application/x-amz-json-1.1"}, "{}",
			400, map[string]string{"X-Amzn-ErrorType": "UnknownOperationException"}, `"Unknown X-Amz-Target Nope_2020.Do"`},
		{"unimplemented logs operation", "/", map[string]string{"X-Amz-Target": "Logs_20140328.StartLiveTail"}, "{}",
			400, map[string]string{"X-Amzn-ErrorType": "UnknownOperationException"}, "does not implement logs.StartLiveTail"},
		{"malformed json", "/", map[string]string{"X-Amz-Target": "Logs_20140328.CreateLogGroup"}, "{",
			400, map[string]string{"X-Amzn-ErrorType": "SerializationException"}, "could not decode the JSON body"},
		{"wrong json type", "/", map[string]string{"X-Amz-Target": "Logs_20140328.CreateLogGroup"}, `{"logGroupName": 5}`,
			400, map[string]string{"X-Amzn-ErrorType": "SerializationException"}, "could not decode"},
		{"query without action", "/", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, "Version=2010-03-31",
			400, nil, "<Code>MissingAction</Code>"},
		{"query unknown action", "/", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, "Action=Frobnicate&Version=2010-03-31",
			400, nil, "<Code>InvalidAction</Code><Message>The action Frobnicate is not valid for this web service.</Message>"},
		{"query unknown version", "/", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, "Action=ListTopics&Version=1999-01-01",
			400, nil, "<Code>InvalidAction</Code>"},
		{"query bad list index", "/", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, "Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.x=a",
			400, nil, "<Code>ValidationError</Code>"},
		{"json body sent as text/plain (a web page's simple request)", "/", map[string]string{"X-Amz-Target": "Logs_20140328.DescribeLogGroups", "Content-Type": "text/plain"}, "{}",
			400, map[string]string{"X-Amzn-ErrorType": "UnknownOperationException"}, "is not a JSON protocol's"},
		{"cbor with bytes after the map", "/service/GraniteServiceVersion20100801/operation/DescribeAlarms", map[string]string{"Smithy-Protocol": "rpc-v2-cbor", "Content-Type": "application/cbor"}, "\xa1\x61\x61\x01\x02",
			400, map[string]string{"X-Amzn-Query-Error": "MalformedInput;Sender"}, ""},
		{"cbor map header cut short", "/service/GraniteServiceVersion20100801/operation/DescribeAlarms", map[string]string{"Smithy-Protocol": "rpc-v2-cbor", "Content-Type": "application/cbor"}, "\xb9\x01",
			400, map[string]string{"X-Amzn-Query-Error": "MalformedInput;Sender"}, ""},
		{"bad cbor", "/service/GraniteServiceVersion20100801/operation/DescribeAlarms", map[string]string{"Smithy-Protocol": "rpc-v2-cbor", "Content-Type": "application/cbor"}, "\xff\xff",
			400, map[string]string{"X-Amzn-Query-Error": "MalformedInput;Sender", "Smithy-Protocol": "rpc-v2-cbor"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, h, body := post(t, srv.URL+tt.path, tt.header, tt.body)
			assert.Equal(t, tt.status, status, body)
			for k, v := range tt.wantHeader {
				assert.Equal(t, v, h.Get(k), k)
			}
			assert.Contains(t, body, tt.wantBody)
			assert.NotEmpty(t, h.Get("X-Amzn-RequestId"))
		})
	}
	// Refused requests are logged too, so `cwpat serve -v` shows them.
	assert.Contains(t, srv.Calls(), localaws.Call{Service: "logs", Operation: "StartLiveTail", Protocol: "awsJson1_1",
		Account: "123456789012", Region: "us-east-1", ErrorCode: "UnknownOperationException",
		Message: "cwpat's local endpoint does not implement logs.StartLiveTail"})
}

func TestRawCBORErrorShape(t *testing.T) {
	srv := localawstest.Start(t)
	body := cbor.Encode(cbor.Map{"AlarmName": cbor.String("nope"), "StateValue": cbor.String("ALARM"), "StateReason": cbor.String("x")})
	status, h, resp := post(t, srv.URL+"/service/GraniteServiceVersion20100801/operation/SetAlarmState",
		map[string]string{"Smithy-Protocol": "rpc-v2-cbor", "Content-Type": "application/cbor", "X-Amzn-Query-Mode": "true"}, string(body))
	assert.Equal(t, 404, status)
	assert.Equal(t, "ResourceNotFound;Sender", h.Get("X-Amzn-Query-Error"))
	assert.Equal(t, "application/cbor", h.Get("Content-Type"))
	v, err := cbor.Decode([]byte(resp))
	require.NoError(t, err)
	m, ok := v.(cbor.Map)
	require.True(t, ok)
	assert.Equal(t, cbor.String("com.amazonaws.cloudwatch#ResourceNotFound"), m["__type"])
	assert.Equal(t, cbor.String(""), m["message"], "SetAlarmState on a missing alarm: ResourceNotFound with an empty message, as AWS answers")
}

func TestNonPostIsRefused(t *testing.T) {
	srv := localawstest.Start(t)
	resp, err := http.Get(srv.URL + "/")
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	assert.Equal(t, 400, resp.StatusCode)
	assert.Contains(t, string(b), "Only POST is supported")
}

// Accounts come from 12-digit access keys, regions from the signature:
// each pair has its own state.
func TestAccountsAndRegionsAreIsolated(t *testing.T) {
	srv := localawstest.Start(t)
	a := cloudwatchlogs.NewFromConfig(srv.ConfigFor("us-east-1", "111111111111"))
	b := cloudwatchlogs.NewFromConfig(srv.ConfigFor("us-east-1", "222222222222"))
	aEU := cloudwatchlogs.NewFromConfig(srv.ConfigFor("eu-west-1", "111111111111"))
	_, err := a.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("g")})
	require.NoError(t, err)
	_, err = b.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("g")})
	require.NoError(t, err, "another account has its own namespace")
	out, err := aEU.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{})
	require.NoError(t, err)
	assert.Empty(t, out.LogGroups)
	out, err = b.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{})
	require.NoError(t, err)
	require.Len(t, out.LogGroups, 1)
	assert.Equal(t, "arn:aws:logs:us-east-1:222222222222:log-group:g:*", aws.ToString(out.LogGroups[0].Arn))

	topic, err := sns.NewFromConfig(srv.ConfigFor("eu-west-1", "111111111111")).CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("t")})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:sns:eu-west-1:111111111111:t", aws.ToString(topic.TopicArn))
	assert.Equal(t, []string{"g"}, keys(srv.Snapshot("111111111111", "us-east-1").LogGroups))
	assert.Equal(t, []string{"arn:aws:sns:eu-west-1:111111111111:t"}, srv.Snapshot("111111111111", "eu-west-1").Topics)

	srv.Reset()
	assert.Empty(t, srv.Snapshot("111111111111", "us-east-1").LogGroups)
}

func keys(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestListenRefusesNonLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:0", "[::]:0", "example.com:80", "127.0.0.1"} {
		_, err := localaws.Listen(addr, localaws.Options{})
		require.Error(t, err, addr)
	}
	for _, addr := range []string{"127.0.0.1:0", "localhost:0"} {
		e, err := localaws.Listen(addr, localaws.Options{})
		require.NoError(t, err, addr)
		assert.True(t, strings.HasPrefix(e.URL, "http://127.0.0.1:"), e.URL)
		require.NoError(t, e.Close())
		require.NoError(t, e.Wait())
	}
}

// CloudWatch in AWS JSON 1.0, as botocore sends it: epoch-second
// timestamps both ways, query-compatible error codes in a header.
func TestCloudWatchJSON10(t *testing.T) {
	srv := localawstest.Start(t)
	h := func(op string) map[string]string {
		return map[string]string{"X-Amz-Target": "GraniteServiceVersion20100801." + op, "Content-Type": "application/x-amz-json-1.0"}
	}
	status, _, body := post(t, srv.URL, h("PutMetricData"),
		`{"Namespace":"App","MetricData":[{"MetricName":"Hits","Value":3,"Timestamp":1795316410.5,"Unit":"Count"}]}`)
	require.Equal(t, 200, status, body)
	status, hdr, body := post(t, srv.URL, h("GetMetricStatistics"),
		`{"Namespace":"App","MetricName":"Hits","StartTime":1795316400,"EndTime":1795317000,"Period":60,"Statistics":["Sum"]}`)
	require.Equal(t, 200, status, body)
	assert.Equal(t, "application/x-amz-json-1.0", hdr.Get("Content-Type"))
	assert.JSONEq(t, `{"Label":"Hits","Datapoints":[{"Timestamp":1795316400,"Sum":3,"Unit":"Count"}]}`, body)

	status, hdr, body = post(t, srv.URL, h("SetAlarmState"), `{"AlarmName":"nope","StateValue":"OK","StateReason":"x"}`)
	assert.Equal(t, 404, status)
	assert.Equal(t, "ResourceNotFound;Sender", hdr.Get("X-Amzn-Query-Error"))
	assert.JSONEq(t, `{"__type":"com.amazonaws.cloudwatch#ResourceNotFound","message":""}`, body)
}

func TestHealth(t *testing.T) {
	srv := localawstest.Start(t)
	resp, err := http.Get(srv.URL + localaws.HealthPath)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.JSONEq(t, `{"status":"running","services":["logs","monitoring","sns","cloudtrail","kms","iam","sts","athena"]}`, string(b))
}
