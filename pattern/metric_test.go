package pattern

import (
	"github.com/cwpat/cwpat/awslimits"

	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/diag"
)

func mt(value string) MetricTransformation {
	return MetricTransformation{MetricName: "M", MetricNamespace: "NS", MetricValue: value}
}

func TestNewMetricFilterValid(t *testing.T) {
	def := 0.0
	cases := []struct {
		pattern string
		t       MetricTransformation
	}{
		{`ERROR`, mt("1")},
		{``, mt("1")},
		{`ERROR`, mt("-2.5e3")},
		{`ERROR`, MetricTransformation{MetricName: "M", MetricNamespace: "NS", MetricValue: "1", DefaultValue: &def, Unit: "Count"}},
		{`{ $.latency = * }`, mt("$.latency")},
		{`{ $.a = 1 }`, mt("$.a.b[0]")},
		{`[ip, user, ..., size]`, mt("$size")},
		{`[ip, user, ..., size]`, mt("$7")},
		{`[ip, server, size]`, MetricTransformation{MetricName: "M", MetricNamespace: "NS", MetricValue: "$size",
			Dimensions: map[string]string{"Server": "$server", "IP": "$ip"}, Unit: "Bytes/Second"}},
		{`{ $.a = 1 }`, MetricTransformation{MetricName: "M", MetricNamespace: "NS", MetricValue: "1",
			Dimensions: map[string]string{"A": "$.a", "B": "$.b", "C": "$.c"}}},
	}
	for _, c := range cases {
		_, err := NewMetricFilter(c.pattern, c.t)
		assert.NoError(t, err, "%s %+v", c.pattern, c.t)
	}
}

func TestNewMetricFilterRefused(t *testing.T) {
	def := 1.0
	dims4 := map[string]string{"A": "$.a", "B": "$.b", "C": "$.c", "D": "$.d"}
	cases := []struct {
		pattern string
		t       MetricTransformation
		code    string
		aws     string
	}{
		{`{ $.a = `, mt("1"), "unclosed-brace", awslimits.MsgUnclosedBrace},
		{`ERROR`, MetricTransformation{MetricNamespace: "NS", MetricValue: "1"}, "invalid-metric-name",
			"1 validation error detected: Value '' at 'metricTransformations.1.member.metricName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{`ERROR`, MetricTransformation{MetricName: "a:b", MetricNamespace: "NS", MetricValue: "1"}, "invalid-metric-name",
			"1 validation error detected: Value 'a:b' at 'metricTransformations.1.member.metricName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*$]*"},
		{`ERROR`, MetricTransformation{MetricName: "M", MetricNamespace: "N$", MetricValue: "1"}, "invalid-metric-namespace", ""},
		{`ERROR`, MetricTransformation{MetricName: strings.Repeat("m", 256), MetricNamespace: "NS", MetricValue: "1"}, "invalid-metric-name", ""},
		{`ERROR`, mt(""), "invalid-metric-value", ""},
		{`ERROR`, mt(strings.Repeat("1", 101)), "invalid-metric-value", ""},
		{`ERROR`, mt("length"), "invalid-metric-value", ""},
		{`ERROR`, mt("$size"), "invalid-metric-value", ""},
		{`{ $.a = 1 }`, mt("$size"), "invalid-metric-value", ""},
		{`{ $.a = 1 }`, mt("$.a[*]"), "invalid-metric-value", ""},
		{`[a, b]`, mt("$c"), "invalid-metric-value", ""},
		{`[a, b]`, mt("$0"), "invalid-metric-value", ""},
		{`ERROR`, MetricTransformation{MetricName: "M", MetricNamespace: "NS", MetricValue: "1", Unit: "Furlongs"}, "invalid-unit", ""},
		{`ERROR`, MetricTransformation{MetricName: "M", MetricNamespace: "NS", MetricValue: "1", Dimensions: map[string]string{"A": "$a"}},
			"dimensions-not-supported", awslimits.MsgDoesNotSupportDimensions},
		{``, MetricTransformation{MetricName: "M", MetricNamespace: "NS", MetricValue: "1", Dimensions: map[string]string{"A": "$a"}},
			"dimensions-not-supported", awslimits.MsgDoesNotSupportDimensions},
		{`{ $.a = 1 }`, MetricTransformation{MetricName: "M", MetricNamespace: "NS", MetricValue: "1", Dimensions: dims4}, "too-many-dimensions", ""},
		{`{ $.a = 1 }`, MetricTransformation{MetricName: "M", MetricNamespace: "NS", MetricValue: "1", DefaultValue: &def,
			Dimensions: map[string]string{"A": "$.a"}}, "default-value-with-dimensions", ""},
		{`{ $.a = 1 }`, MetricTransformation{MetricName: "M", MetricNamespace: "NS", MetricValue: "1",
			Dimensions: map[string]string{"A": "constant"}}, "invalid-dimension", ""},
		{`[a, b]`, MetricTransformation{MetricName: "M", MetricNamespace: "NS", MetricValue: "1",
			Dimensions: map[string]string{"A": "$.a"}}, "invalid-dimension", ""},
	}
	for _, c := range cases {
		_, err := NewMetricFilter(c.pattern, c.t)
		require.Error(t, err, "%s %+v", c.pattern, c.t)
		l, ok := diag.As(err)
		require.True(t, ok)
		assert.Equal(t, c.code, l[0].Code, "%s %+v", c.pattern, c.t)
		if c.aws != "" {
			assert.Equal(t, c.aws, l[0].AWSMessage)
		}
		assert.NotEqual(t, awslimits.MsgInvalidMetricFilterPattern, l[len(l)-1].AWSMessage, "transformation errors are not pattern errors")
		if l[0].Code != "unclosed-brace" {
			assert.False(t, l[0].Pos.IsValid(), "a transformation error has no position in the pattern")
		}
	}
}

func TestApply(t *testing.T) {
	f, err := NewMetricFilter(`{ $.latency = * }`, mt("$.latency"))
	require.NoError(t, err)
	dp, ok := f.Apply([]byte(`{"latency": 50, "requestType": "GET"}`))
	require.True(t, ok)
	assert.Equal(t, 50.0, dp.Value)
	assert.Nil(t, dp.Dimensions)
	dp, ok = f.Apply([]byte(`{"latency": "12.5"}`))
	require.True(t, ok)
	assert.Equal(t, 12.5, dp.Value)
	_, ok = f.Apply([]byte(`{"latency": "slow"}`))
	assert.False(t, ok, "a non-numeric value publishes nothing")
	_, ok = f.Apply([]byte(`{"other": 1}`))
	assert.False(t, ok)

	f, err = NewMetricFilter(`[ip, server, username, timestamp, request, status_code, bytes > 1000]`, MetricTransformation{
		MetricName: "Bytes", MetricNamespace: "Web", MetricValue: "$bytes", Dimensions: map[string]string{"server": "$server"}})
	require.NoError(t, err)
	dp, ok = f.Apply([]byte(`127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534`))
	require.True(t, ok)
	assert.Equal(t, Datapoint{Value: 1534, Dimensions: map[string]string{"server": "Prod"}}, dp)

	f, err = NewMetricFilter(`[..., bytes]`, mt("$7"))
	require.NoError(t, err)
	dp, ok = f.Apply([]byte(`127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534`))
	require.True(t, ok)
	assert.Equal(t, 1534.0, dp.Value)

	f, err = NewMetricFilter(`ERROR`, mt("1"))
	require.NoError(t, err)
	dp, ok = f.Apply([]byte(`ERROR x`))
	assert.True(t, ok)
	assert.Equal(t, 1.0, dp.Value)
	_, ok = f.Apply([]byte(`INFO x`))
	assert.False(t, ok)

	f, err = NewMetricFilter(`{ $.eventType = "*" }`, MetricTransformation{MetricName: "M", MetricNamespace: "NS", MetricValue: "1",
		Dimensions: map[string]string{"Type": "$.eventType", "Region": "$.awsRegion"}})
	require.NoError(t, err)
	dp, ok = f.Apply([]byte(`{"eventType":"AwsApiCall","awsRegion":"eu-west-1"}`))
	require.True(t, ok)
	assert.Equal(t, map[string]string{"Type": "AwsApiCall", "Region": "eu-west-1"}, dp.Dimensions)
	_, ok = f.Apply([]byte(`{"eventType":"AwsApiCall"}`))
	assert.False(t, ok, "a missing dimension value publishes nothing")
}

func TestTestMetricFilter(t *testing.T) {
	// API reference, example 5: the trailing comma is an unnamed seventh field.
	// The example numbers events from 0; AWS's CLI example and code that
	// drives the real service number them from 1 (SEMANTICS.md).
	msgs := []string{
		`127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /about-us/index.html HTTP/1.0" 200 5324`,
		`127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /apache_pb.gif HTTP/1.0" 404 4355`,
		`127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /products/index.html HTTP/1.0" 400 1534`,
	}
	out, err := TestMetricFilter(`[..., request=*.html*, status_code=4*,]`, msgs)
	require.NoError(t, err)
	require.Len(t, out.Matches, 1)
	assert.Equal(t, MetricFilterMatch{EventNumber: 3, EventMessage: msgs[2], ExtractedValues: map[string]string{
		"$1": "127.0.0.1", "$2": "-", "$3": "frank", "$4": "10/Oct/2000:13:25:15 -0700",
		"$request": "GET /products/index.html HTTP/1.0", "$status_code": "400", "$7": "1534"}}, out.Matches[0])

	// Term patterns: extractedValues is {} (examples 6 and 7).
	out, err = TestMetricFilter(`"[ERROR]" Exception`, []string{"[INFO] ok", "[ERROR] InvalidQueryException: x", "[ERROR] x"})
	require.NoError(t, err)
	require.Len(t, out.Matches, 1)
	assert.Equal(t, 2, out.Matches[0].EventNumber)
	assert.Equal(t, map[string]string{}, out.Matches[0].ExtractedValues)

	// No match: an empty list, not null.
	out, err = TestMetricFilter(`NOPE`, []string{"a"})
	require.NoError(t, err)
	assert.NotNil(t, out.Matches)
	assert.Empty(t, out.Matches)
}

func TestTestMetricFilterRefused(t *testing.T) {
	cases := []struct {
		msgs []string
		code string
		aws  string
	}{
		{nil, "too-few-test-messages",
			"1 validation error detected: Value '[]' at 'logEventMessages' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{make51(), "too-many-test-messages", ""},
		{[]string{"a", ""}, "empty-test-message",
			"1 validation error detected: Value '[a, ]' at 'logEventMessages' failed to satisfy constraint: Member must satisfy constraint: [Member must have length greater than or equal to 1]"},
	}
	for _, c := range cases {
		_, err := TestMetricFilter(`ERROR`, c.msgs)
		l, ok := diag.As(err)
		require.True(t, ok)
		assert.Equal(t, c.code, l[0].Code)
		assert.True(t, strings.HasPrefix(l[0].AWSMessage, "1 validation error detected: "))
		if c.aws != "" {
			assert.Equal(t, c.aws, l[0].AWSMessage)
		}
	}
	_, err := TestMetricFilter(`{ $.a = `, []string{"x"})
	l, _ := diag.As(err)
	assert.Equal(t, awslimits.MsgUnclosedBrace, l[0].AWSMessage)
	out, err := TestMetricFilter(`ERROR`, make([]string, 50))
	assert.Nil(t, out)
	assert.Error(t, err, "50 messages are allowed, but not empty ones")
}

func make51() []string {
	out := make([]string, 51)
	for i := range out {
		out[i] = "m"
	}
	return out
}

// AWS's published example for `aws logs test-metric-filter`: the first two
// of three messages match and are numbered 1 and 2 (SEMANTICS.md,
// "eventNumber").
func TestEventNumberIsOneBased(t *testing.T) {
	out, err := TestMetricFilter(`ERROR`, []string{"[ERROR] 400 BAD REQUEST", "[ERROR] 400 BAD REQUEST", "[INFO] 200 OK"})
	require.NoError(t, err)
	require.Len(t, out.Matches, 2)
	assert.Equal(t, 1, out.Matches[0].EventNumber)
	assert.Equal(t, 2, out.Matches[1].EventNumber)
}
