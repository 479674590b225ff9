package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
	"github.com/cwpat/cwpat/rules"
)

// TestConnectedTrailFiresTheAlarm is the chain made real: after cwpat
// connects a trail that delivered nowhere and deploys the CIS baseline, an
// API call to the endpoint (StopLogging) arrives as a CloudTrail record in
// the log group, moves the CIS CloudTrail-changes metric, and the alarm goes
// to ALARM at the period boundary and notifies the topic.
func TestConnectedTrailFiresTheAlarm(t *testing.T) {
	isolateAWS(t)
	clk := localawstest.NewClock(time.Date(2026, 12, 3, 10, 0, 30, 0, time.UTC))
	srv := localawstest.Start(t, localaws.Options{Now: clk.Now})
	srv.PutTrail("", "us-east-1", localaws.Trail{Name: "main", S3BucketName: "b", IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, IsLogging: true})
	ep := []string{"--endpoint-url", srv.URL}
	r := runCwpat(t, append([]string{"deploy", "--connect-trail", "main", "--sqs", "arn:aws:sqs:us-east-1:123456789012:alerts", "--apply"}, ep...)...)
	require.Equal(t, 0, r.code, r.stderr)
	set, err := rules.Builtin("cis")
	require.NoError(t, err)
	d, err := alarms.BuildDesired(set, alarms.DeployOptions{LogGroupName: alarms.DefaultConnectLogGroup, Prefix: alarms.DefaultPrefix, TopicName: alarms.DefaultTopicName})
	require.NoError(t, err)
	alarmName := ""
	for _, a := range d.Alarms {
		if a.RuleID == "cloudtrail-config-changes" {
			alarmName = a.Name
		}
	}
	require.NotEmpty(t, alarmName)

	ctx := context.Background()
	cfg := srv.Config()
	clk.Add(time.Minute)
	ct := cloudtrail.NewFromConfig(cfg)
	_, err = ct.StopLogging(ctx, &cloudtrail.StopLoggingInput{Name: aws.String("main")})
	require.NoError(t, err)
	_, err = ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String("main")})
	require.NoError(t, err)

	found, err := cloudwatchlogs.NewFromConfig(cfg).FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{
		LogGroupName: aws.String("CloudTrail/DefaultLogGroup"), FilterPattern: aws.String(`{ $.eventName = "StopLogging" }`)})
	require.NoError(t, err)
	require.Len(t, found.Events, 1, "the call arrived as a CloudTrail record")
	assert.Equal(t, localaws.DefaultAccount+"_CloudTrail_us-east-1", aws.ToString(found.Events[0].LogStreamName))
	assert.Contains(t, aws.ToString(found.Events[0].Message), `"eventSource":"cloudtrail.amazonaws.com"`)

	clk.Add(4 * time.Minute) // past the period boundary
	srv.EvaluateAlarms()
	al, err := cloudwatch.NewFromConfig(cfg).DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{alarmName}})
	require.NoError(t, err)
	require.Len(t, al.MetricAlarms, 1)
	assert.Equal(t, "ALARM", string(al.MetricAlarms[0].StateValue))
	topic := srv.Snapshot("", "us-east-1").Topics[0]
	notified := false
	for _, m := range srv.Published(topic) {
		notified = notified || strings.Contains(m.Subject, alarmName)
	}
	assert.True(t, notified, "the topic was notified")

	r = runCwpat(t, append([]string{"audit", "--max-delivery-age", "0"}, ep...)...)
	assert.Equal(t, 0, r.code, r.stdout)
	assert.Contains(t, r.stdout, "main  delivers to CloudTrail/DefaultLogGroup, last delivery 2026-12-03T10:05:30Z")
	assert.Contains(t, r.stdout, "15 of 15 controls covered.")
}
