package localaws_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

// A web page in the developer's browser must not be able to drive the
// endpoint: a cross-site form POST (the query protocol's own content type,
// so no CORS preflight) and a DNS-rebound host name are both refused, while
// the SDK and the AWS CLI, which send neither Origin nor a foreign Host, pass.
func TestRefusesRequestsFromWebPages(t *testing.T) {
	c := newClients(t)
	_, err := c.cw.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{
		AlarmName: aws.String("keep-me"), MetricName: aws.String("M"), Namespace: aws.String("N"),
		Statistic: cwtypes.StatisticSum, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(1),
		Threshold: aws.Float64(1), ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanOrEqualToThreshold,
	})
	require.NoError(t, err)
	u, err := url.Parse(c.srv.URL)
	require.NoError(t, err)
	form := "Action=DeleteAlarms&Version=2010-08-01&AlarmNames.member.1=keep-me"
	post := func(host, origin, fetchSite string) *http.Response {
		req, err := http.NewRequest(http.MethodPost, c.srv.URL+"/", strings.NewReader(form))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if host != "" {
			req.Host = host
		}
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		if fetchSite != "" {
			req.Header.Set("Sec-Fetch-Site", fetchSite)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	for _, tc := range []struct{ name, host, origin, site string }{
		{"cross-site form post", "", "https://evil.example", ""},
		{"null origin (sandboxed page)", "", "null", ""},
		{"loopback page on another port", "", "http://127.0.0.1:1", ""},
		{"DNS rebinding", "rebind.evil.example:" + u.Port(), "", ""},
		{"another port in Host", "127.0.0.1:1", "", ""},
		{"fetch metadata says cross-site", "", "", "cross-site"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := post(tc.host, tc.origin, tc.site)
			assert.Equal(t, http.StatusForbidden, resp.StatusCode)
		})
	}
	out, err := c.cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{"keep-me"}})
	require.NoError(t, err)
	require.Len(t, out.MetricAlarms, 1, "a refused request deleted the alarm")

	// localhost and the endpoint's own origin are the endpoint itself.
	resp := post("localhost:"+u.Port(), "http://127.0.0.1:"+u.Port(), "")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	out, err = c.cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{"keep-me"}})
	require.NoError(t, err)
	assert.Empty(t, out.MetricAlarms, "a same-origin request is answered")
}

// Slow bodies and idle keep-alive connections are cut after the read and
// idle timeouts instead of being held forever.
func TestSlowAndIdleConnectionsAreCut(t *testing.T) {
	c := newClients(t, localaws.Options{ReadTimeout: 200 * time.Millisecond, IdleTimeout: 200 * time.Millisecond})
	addr := strings.TrimPrefix(c.srv.URL, "http://")
	closedWithin := func(t *testing.T, conn net.Conn, d time.Duration) {
		t.Helper()
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(d)))
		_, err := io.Copy(io.Discard, conn)
		var ne net.Error
		if err != nil && (assert.ErrorAs(t, err, &ne) && ne.Timeout()) {
			t.Fatalf("the server still held the connection after %v", d)
		}
	}
	t.Run("slow body", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		_, err = fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: %s\r\nX-Amz-Target: Logs_20140328.DescribeLogGroups\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 100\r\n\r\n{", addr)
		require.NoError(t, err)
		closedWithin(t, conn, 5*time.Second)
	})
	t.Run("idle keep-alive", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		_, err = fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", localaws.HealthPath, addr)
		require.NoError(t, err)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		closedWithin(t, conn, 5*time.Second)
	})
}

// putEvents sends n events of size bytes to group/stream in batches.
func putEvents(t *testing.T, c *clients, group, stream string, start time.Time, n, size, batch int) {
	t.Helper()
	msg := `{"eventName":"CreateTrail","pad":"` + strings.Repeat("x", max(0, size-40)) + `"}`
	for sent := 0; sent < n; sent += batch {
		events := make([]logtypes.InputLogEvent, 0, batch)
		for i := 0; i < batch && sent+i < n; i++ {
			events = append(events, logtypes.InputLogEvent{Message: aws.String(msg), Timestamp: aws.Int64(start.UnixMilli())})
		}
		_, err := c.logs.PutLogEvents(ctx, &cloudwatchlogs.PutLogEventsInput{LogGroupName: aws.String(group), LogStreamName: aws.String(stream), LogEvents: events})
		require.NoError(t, err)
	}
}

// countedStream makes log group trail with stream s and a metric filter f
// counting CreateTrail events into CIS/Trails.
func countedStream(t *testing.T, c *clients) {
	t.Helper()
	mustCreateGroup(t, c, "trail")
	_, err := c.logs.CreateLogStream(ctx, &cloudwatchlogs.CreateLogStreamInput{LogGroupName: aws.String("trail"), LogStreamName: aws.String("s")})
	require.NoError(t, err)
	_, err = c.logs.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{LogGroupName: aws.String("trail"), FilterName: aws.String("f"),
		FilterPattern: aws.String(`{ $.eventName = CreateTrail }`), MetricTransformations: []logtypes.MetricTransformation{{
			MetricName: aws.String("Trails"), MetricNamespace: aws.String("CIS"), MetricValue: aws.String("1")}}})
	require.NoError(t, err)
}

// The endpoint keeps at most Options.MaxEvents log events, dropping the
// oldest; metric filters have counted every event on arrival.
func TestLogEventsStayWithinMaxEvents(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 30, 0, time.UTC)
	c := newClients(t, localaws.Options{MaxEvents: 2000, Now: func() time.Time { return now }})
	countedStream(t, c)
	putEvents(t, c, "trail", "s", now, 10_000, 100, 1000)

	kept, dropped := c.srv.EventsKept()
	assert.Equal(t, 2000, kept)
	assert.Equal(t, int64(8000), dropped)
	got, err := c.logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String("trail"), Limit: aws.Int32(10000)})
	require.NoError(t, err)
	n := len(got.Events)
	for got.NextToken != nil {
		got, err = c.logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String("trail"), NextToken: got.NextToken, Limit: aws.Int32(10000)})
		require.NoError(t, err)
		n += len(got.Events)
	}
	assert.Equal(t, 2000, n, "searching sees the events kept")
	st, err := c.cw.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{Namespace: aws.String("CIS"), MetricName: aws.String("Trails"),
		StartTime: aws.Time(now.Add(-time.Hour)), EndTime: aws.Time(now.Add(time.Hour)), Period: aws.Int32(3600), Statistics: []cwtypes.Statistic{cwtypes.StatisticSum}})
	require.NoError(t, err)
	require.Len(t, st.Datapoints, 1)
	assert.Equal(t, 10_000.0, *st.Datapoints[0].Sum, "the metric counted every event, dropped or not")
}

// heapInUse is the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// Streaming many events through a metric filter keeps memory flat: events
// beyond MaxEvents are dropped and metric samples of one second merge. A
// bounded hostile-input run: 60,000 events of 1 KB (60 MB), 127.0.0.1 only.
func TestMemoryStaysBoundedWhileEventsStream(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 60 MB through the endpoint")
	}
	clk := localawstest.NewClock(time.Date(2026, 12, 3, 9, 0, 30, 0, time.UTC))
	const kept = 5000
	rounds := 12 / raceScale
	c := newClients(t, localaws.Options{MaxEvents: kept, Now: clk.Now})
	countedStream(t, c)
	before := heapInUse()
	for round := 0; round < rounds; round++ {
		putEvents(t, c, "trail", "s", clk.Now(), kept, 1024, 500)
		clk.Add(time.Second)
	}
	grown := int64(heapInUse()) - int64(before)
	gotKept, dropped := c.srv.EventsKept()
	assert.Equal(t, kept, gotKept)
	assert.Equal(t, int64((rounds-1)*kept), dropped)
	// 5,000 kept events of 1 KB are about 6 MB; without the bound the 60,000
	// (15,000 under the race detector) would hold 17 to 70 MB.
	t.Logf("heap grew by %.1f MB while streaming %d MB", float64(grown)/(1<<20), rounds*kept>>10)
	assert.Less(t, grown, int64(12<<20), "heap grew by %d MB while streaming %d MB", grown>>20, rounds*kept>>10)
}

// With thousands of alarms, a request between period boundaries evaluates
// none of them, and a boundary evaluates each alarm once: the work of a
// request no longer grows with the number of alarms (measured as work, not
// time, so the test does not depend on the machine).
func TestManyAlarmsCostNothingBetweenBoundaries(t *testing.T) {
	clk := localawstest.NewClock(time.Date(2026, 12, 3, 9, 0, 10, 0, time.UTC))
	c := newClients(t, localaws.Options{Now: clk.Now})
	alarms := 5000 / raceScale
	for i := 0; i < alarms; i++ {
		// In-process, not over HTTP: creating 5,000 alarms through the SDK
		// is most of this test's time, and not what it measures.
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(fmt.Sprintf(`{"AlarmName":"a-%04d","MetricName":"M","Namespace":"N",`+
			`"Statistic":"Sum","Period":60,"EvaluationPeriods":1,"Threshold":1,"ComparisonOperator":"GreaterThanOrEqualToThreshold"}`, i)))
		req.Header.Set("X-Amz-Target", "GraniteServiceVersion20100801.PutMetricAlarm")
		req.Header.Set("Content-Type", "application/x-amz-json-1.0")
		w := httptest.NewRecorder()
		c.srv.ServeHTTP(w, req)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	}
	tmf := func() {
		_, err := c.logs.TestMetricFilter(ctx, &cloudwatchlogs.TestMetricFilterInput{FilterPattern: aws.String("ERROR"), LogEventMessages: []string{"ERROR x"}})
		require.NoError(t, err)
	}
	tmf() // settles whatever creation left to evaluate
	base := c.srv.AlarmsEvaluated()
	for i := 0; i < 50; i++ {
		tmf()
	}
	assert.Equal(t, base, c.srv.AlarmsEvaluated(), "requests between boundaries evaluated alarms")

	clk.Add(time.Minute)
	for i := 0; i < 50; i++ {
		tmf()
	}
	assert.Equal(t, base+int64(alarms), c.srv.AlarmsEvaluated(), "one boundary evaluates each alarm once")
}
