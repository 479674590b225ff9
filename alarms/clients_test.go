package alarms

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/smithy-go/logging"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is an HTTP server on 127.0.0.1 that keeps every request it gets
// and answers with answer.
type recorder struct {
	*httptest.Server
	mu       sync.Mutex
	requests []string // "METHOD path body"
}

func newRecorder(t *testing.T, answer func(w http.ResponseWriter, body string)) *recorder {
	t.Helper()
	r := &recorder{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.requests = append(r.requests, req.Method+" "+req.URL.Path+" "+string(b))
		r.mu.Unlock()
		answer(w, string(b))
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *recorder) seen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.requests...)
}

// isolate gives the test an environment with no AWS configuration but what
// it sets: empty config and credentials files, no keys, no profile.
func isolate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"config", "credentials"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), nil, 0o600))
	}
	t.Setenv("HOME", dir)
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
		"AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN"} {
		t.Setenv(k, "")
	}
	t.Setenv("AWS_REGION", "us-east-1")
	return dir
}

func fakeKeys(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDFAKE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "fake")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

func TestEndpointURLCredentialChainNeverAsksInstanceMetadata(t *testing.T) {
	isolate(t)
	// The instance metadata service is redirected to a recorder on
	// 127.0.0.1: if the chain asked it, the recorder would see the call.
	imdsCalls := newRecorder(t, func(w http.ResponseWriter, _ string) { w.WriteHeader(http.StatusNotFound) })
	t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", imdsCalls.URL)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "")
	endpoint := newRecorder(t, func(w http.ResponseWriter, _ string) { w.WriteHeader(http.StatusInternalServerError) })

	_, err := Connect(context.Background(), ClientOptions{EndpointURL: endpoint.URL})
	require.Error(t, err)
	var ce *CredentialsError
	require.ErrorAs(t, err, &ce)
	assert.Contains(t, err.Error(), "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
	assert.Empty(t, imdsCalls.seen(), "the credential chain asked the instance metadata service")
	assert.Empty(t, endpoint.seen())

	// The load options say so too: the chain is built without IMDS.
	u, _ := url.Parse(endpoint.URL)
	var lo config.LoadOptions
	for _, fn := range loadOptions(ClientOptions{EndpointURL: endpoint.URL}, u) {
		require.NoError(t, fn(&lo))
	}
	assert.Equal(t, imds.ClientDisabled, lo.EC2IMDSClientEnableState)
	assert.Equal(t, endpoint.URL, lo.BaseEndpoint)
}

const assumeRoleAnswer = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>ASIAFAKE</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>
<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
<AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/audit/cwpat</Arn><AssumedRoleId>AROAFAKE:cwpat</AssumedRoleId></AssumedRoleUser>
</AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`

func TestEndpointURLSendsAssumeRoleOfAProfileToTheEndpoint(t *testing.T) {
	dir := isolate(t)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "config"), []byte(
		"[profile audit]\nrole_arn = arn:aws:iam::111122223333:role/audit\nsource_profile = base\nregion = us-east-1\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "credentials"), []byte(
		"[base]\naws_access_key_id = AKIDFAKE\naws_secret_access_key = fake\n"), 0o600))
	sts := newRecorder(t, func(w http.ResponseWriter, body string) {
		w.Header().Set("Content-Type", "text/xml")
		_, _ = io.WriteString(w, assumeRoleAnswer)
	})

	c, err := Connect(context.Background(), ClientOptions{Profile: "audit", EndpointURL: sts.URL})
	require.NoError(t, err)
	seen := sts.seen()
	require.Len(t, seen, 1)
	assert.Contains(t, seen[0], "Action=AssumeRole")
	creds, err := c.Config().Credentials.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "ASIAFAKE", creds.AccessKeyID)

	// Clients.AssumeRole (audit --role-arn) goes to the endpoint as well.
	other, err := c.AssumeRole("arn:aws:iam::444455556666:role/audit", "")
	require.NoError(t, err)
	_, err = other.Config().Credentials.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Len(t, sts.seen(), 2)
}

func TestEndpointURLRefusesAnyOtherHost(t *testing.T) {
	u, _ := url.Parse("http://127.0.0.1:4566")
	h := newHTTPClient(ClientOptions{}, u)
	// The guard answers before any connection is made.
	req, _ := http.NewRequest(http.MethodPost, "https://sts.amazonaws.com/", nil)
	_, err := h.Do(req)
	var fe *ForeignHostError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "sts.amazonaws.com", fe.Host)
}

// closedPort returns a 127.0.0.1 URL nothing listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return "http://" + addr
}

func TestRetriesOnlyThrottlingAndServerErrors(t *testing.T) {
	isolate(t)
	fakeKeys(t)
	answers := map[string]func(w http.ResponseWriter, _ string){
		"throttled": func(w http.ResponseWriter, _ string) {
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, `{"__type":"ThrottlingException","message":"Rate exceeded"}`)
		},
		"503": func(w http.ResponseWriter, _ string) { w.WriteHeader(http.StatusServiceUnavailable) },
		"denied": func(w http.ResponseWriter, _ string) {
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, `{"__type":"AccessDeniedException","message":"no"}`)
		},
	}
	for name, want := range map[string]int{"throttled": 3, "503": 3, "denied": 1} {
		t.Run(name, func(t *testing.T) {
			srv := newRecorder(t, answers[name])
			var waits []string
			c, err := Connect(context.Background(), ClientOptions{EndpointURL: srv.URL, MaxAttempts: 3,
				MaxBackoff: time.Millisecond, OnWait: func(s string) { waits = append(waits, s) }})
			require.NoError(t, err)
			_, err = c.Logs.DescribeLogGroups(context.Background(), &cloudwatchlogs.DescribeLogGroupsInput{})
			require.Error(t, err)
			assert.Len(t, srv.seen(), want)
			assert.Empty(t, waits, "waits under a second are not announced")
		})
	}
}

func TestRefusedEndpointFailsAtTheFirstAttempt(t *testing.T) {
	isolate(t)
	fakeKeys(t)
	c, err := Connect(context.Background(), ClientOptions{EndpointURL: closedPort(t), MaxAttempts: 10})
	require.NoError(t, err)
	_, err = c.Logs.DescribeLogGroups(context.Background(), &cloudwatchlogs.DescribeLogGroupsInput{})
	require.Error(t, err)
	var maxed *retry.MaxAttemptsError
	assert.False(t, errors.As(err, &maxed), "a refused connection was retried: %v", err)
	assert.Contains(t, err.Error(), "connection refused")
	op := &OpError{Service: "logs", Operation: "DescribeLogGroups", Err: err}
	assert.Contains(t, op.Hint(), "check --endpoint-url")
}

func TestAnnouncesLongWaits(t *testing.T) {
	var got []string
	r := newRetryer(ClientOptions{MaxAttempts: 3, MaxBackoff: 20 * time.Second, OnWait: func(s string) { got = append(got, s) }})()
	ar, ok := r.(*announcingRetryer)
	require.True(t, ok)
	// Standard backoff is random in [0, 2^attempt): over many draws some
	// waits reach a second, and each of those is announced.
	throttled := &retry.MaxAttemptsError{} // any error: RetryDelay does not judge it
	long := 0
	for range 200 {
		if d, err := ar.RetryDelay(2, throttled); err == nil && d >= time.Second {
			long++
		}
	}
	require.Positive(t, long)
	assert.Len(t, got, long)
	assert.True(t, strings.HasPrefix(got[0], "AWS answered ") && strings.Contains(got[0], "before attempt 3 of 3"), got[0])
}

func TestSDKLogsAreDiscardedUnlessALoggerIsGiven(t *testing.T) {
	isolate(t)
	fakeKeys(t)
	cfg, err := LoadConfig(context.Background(), ClientOptions{})
	require.NoError(t, err)
	assert.IsType(t, logging.Nop{}, cfg.Logger)
}
