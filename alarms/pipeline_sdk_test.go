package alarms

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
	"github.com/cwpat/cwpat/rules"
)

// TestDeployedBaselineNotifiesForEveryControl is the whole chain cwpat
// deploys, run: each control's example event reaches the trail's log group,
// the deployed filter publishes its metric, the alarm fires and the topic
// delivers to the confirmed subscription, once per control.
func TestDeployedBaselineNotifiesForEveryControl(t *testing.T) {
	clk := localawstest.NewClock(time.Date(2026, 11, 22, 3, 0, 10, 0, time.UTC))
	a := newAccountTB(t, localaws.Options{Now: clk.Now})
	set := cisSet(t)
	d := a.desired(t, set, DeployOptions{Subscriptions: []Subscription{{"email", "soc@example.com"}}})
	a.deploy(t, d)
	topic := a.state().Topics[0]
	_, err := a.srv.ConfirmSubscription(topic, "soc@example.com")
	require.NoError(t, err)

	stream := localaws.DefaultAccount + "_CloudTrail_us-east-1"
	_, err = a.c.Logs.CreateLogStream(a.ctx, &cloudwatchlogs.CreateLogStreamInput{LogGroupName: aws.String(testLogGroup), LogStreamName: aws.String(stream)})
	require.NoError(t, err)
	var events []logstypes.InputLogEvent
	lib, err := rules.BuiltinExamples()
	require.NoError(t, err)
	for i, r := range set.Rules {
		require.NotEmpty(t, r.Examples.Match, r.ID)
		ev, ok := lib.Resolve(r.Examples.Match[0])
		require.True(t, ok, r.ID)
		events = append(events, logstypes.InputLogEvent{Timestamp: aws.Int64(clk.Now().UnixMilli() + int64(i)), Message: aws.String(string(ev.Message))})
	}
	_, err = a.c.Logs.PutLogEvents(a.ctx, &cloudwatchlogs.PutLogEventsInput{LogGroupName: aws.String(testLogGroup), LogStreamName: aws.String(stream), LogEvents: events})
	require.NoError(t, err)

	clk.Add(5 * time.Minute) // the period holding the events is complete
	fired := map[string]bool{}
	for _, m := range a.srv.Published(topic) {
		assert.Equal(t, []string{"soc@example.com"}, m.DeliveredTo)
		for _, al := range d.Alarms {
			if strings.Contains(m.Subject, `"`+al.Name+`"`) && strings.HasPrefix(m.Subject, "ALARM:") {
				fired[al.Name] = true
			}
		}
	}
	var want, got []string
	for _, al := range d.Alarms {
		want = append(want, al.Name)
	}
	for n := range fired {
		got = append(got, n)
	}
	sort.Strings(want)
	sort.Strings(got)
	assert.Equal(t, want, got, "every deployed alarm notified")
}
