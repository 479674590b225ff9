package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
)

// awsTestEnv gives the SDK static test credentials and keeps it away from
// the machine's AWS files and instance metadata.
func awsTestEnv(t *testing.T) {
	t.Helper()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_SESSION_TOKEN": "",
		"AWS_PROFILE": "", "AWS_CONFIG_FILE": t.TempDir() + "/config", "AWS_SHARED_CREDENTIALS_FILE": t.TempDir() + "/credentials",
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "",
	} {
		t.Setenv(k, v)
	}
}

func runCompare(t *testing.T, endpoint string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	full := append([]string{"test-metric-filter", "--compare", "--region", "us-east-1", "--endpoint-url", endpoint}, args...)
	code := Run(context.Background(), full, strings.NewReader(""), &stdout, &stderr, nil)
	return code, stdout.String(), stderr.String()
}

func TestCompareWithLocalEndpointAgrees(t *testing.T) {
	awsTestEnv(t)
	srv := httptest.NewServer(localaws.New(localaws.Options{}))
	defer srv.Close()

	code, stdout, stderr := runCompare(t, srv.URL, "--filter-pattern", "[ip, user, status=4*, size]",
		"--log-event-messages", "10.0.0.1 alice 404 512", "10.0.0.2 bob 200 64")
	assert.Equal(t, ExitOK, code, stderr)
	assert.Equal(t, srv.URL+" agrees with cwpat\n", stderr)
	assert.Contains(t, stdout, `"$status": "404"`)

	// Both refuse a broken pattern: still an input error, and they agree.
	code, _, stderr = runCompare(t, srv.URL, "--filter-pattern", "{ $.a = ", "--log-event-messages", "x")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, srv.URL+" agrees with cwpat\n")
	assert.Contains(t, stderr, "InvalidParameterException: ")
}

// An endpoint that answers TestMetricFilter with a fixed body, through the
// real SDK client, to show how differences are reported.
func fixedLogsEndpoint(t *testing.T, status int, body string) *httptest.Server {
	t.Helper()
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		require.Equal(t, "Logs_20140328.TestMetricFilter", r.Header.Get("X-Amz-Target"))
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
}

func TestCompareReportsEveryDifference(t *testing.T) {
	awsTestEnv(t)
	srv := fixedLogsEndpoint(t, http.StatusOK,
		`{"matches":[{"eventNumber":2,"eventMessage":"b","extractedValues":{}},{"eventNumber":3,"eventMessage":"x y","extractedValues":{"$a":"x","$b":"z"}}]}`)
	defer srv.Close()

	code, stdout, stderr := runCompare(t, srv.URL, "--filter-pattern", "[a, b]", "--log-event-messages", "p q", "b", "x y")
	assert.Equal(t, ExitFindings, code, "a difference is a finding")
	assert.Contains(t, stdout, `"eventNumber": 1`, "cwpat's own answer is still printed")
	assert.Equal(t, srv.URL+" and cwpat differ:\n"+
		"  event 1: cwpat matches, "+srv.URL+" does not\n"+
		"  event 2: "+srv.URL+" matches, cwpat does not\n"+
		`  event 3: extractedValues differ: $b: cwpat "y", AWS "z"`+"\n", stderr)
}

func TestCompareReportsARefusal(t *testing.T) {
	awsTestEnv(t)
	srv := fixedLogsEndpoint(t, http.StatusBadRequest, `{"__type":"InvalidParameterException","message":"Invalid metric filter pattern"}`)
	defer srv.Close()

	code, _, stderr := runCompare(t, srv.URL, "--filter-pattern", "ERROR", "--log-event-messages", "ERROR x")
	assert.Equal(t, ExitFindings, code)
	assert.Contains(t, stderr, srv.URL+" refuses the pattern (Invalid metric filter pattern), cwpat accepts it")
}

func TestCompareNeedsARegion(t *testing.T) {
	awsTestEnv(t)
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_DEFAULT_REGION", "")
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"test-metric-filter", "--compare", "--endpoint-url", "http://127.0.0.1:1",
		"--filter-pattern", "x", "--log-event-messages", "x"}, strings.NewReader(""), &stdout, &stderr, nil)
	assert.Equal(t, ExitFindings, code)
	assert.Contains(t, stderr.String(), "no AWS region")
	assert.Empty(t, stdout.String())
}
