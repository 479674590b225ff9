package alarms

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A connection the endpoint breaks after accepting it (a reset, a kept-alive
// connection it had just closed) is retried on a fresh one, as the SDK's
// default retryer does: fail-fast is for endpoints that cannot be reached at
// all (TestRefusedEndpointFailsAtTheFirstAttempt), not for one that is there.
func TestBrokenConnectionIsRetried(t *testing.T) {
	isolate(t)
	fakeKeys(t)
	var calls atomic.Int32
	srv := newRecorder(t, func(w http.ResponseWriter, _ string) {
		if calls.Add(1) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			require.NoError(t, err)
			conn.Close() // the answer never comes: the connection just ends
			return
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		_, _ = io.WriteString(w, `{"logGroups":[]}`)
	})
	c, err := Connect(context.Background(), ClientOptions{EndpointURL: srv.URL, MaxAttempts: 3, MaxBackoff: time.Millisecond})
	require.NoError(t, err)
	_, err = c.Logs.DescribeLogGroups(context.Background(), &cloudwatchlogs.DescribeLogGroupsInput{})
	require.NoError(t, err)
	assert.Equal(t, int32(2), calls.Load())
}
