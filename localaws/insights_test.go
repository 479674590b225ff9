package localaws

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The local Insights reads filter expressions as AWS's query-syntax pages
// describe them.
func TestInsightsFilter(t *testing.T) {
	ev := newIQEvent(logEvent{ts: 1_700_000_000_000, msg: `{"eventName":"CreateUser","userIdentity":{"type":"IAMUser"},"n":5,"ok":true,"gone":null}`}, "s", "g")
	cases := []struct {
		filter string
		want   bool
	}{
		{`eventName = "CreateUser"`, true},
		{`userIdentity.type = 'IAMUser'`, true},
		{`errorCode != "AccessDenied"`, true}, // != is true on a missing field
		{`ispresent(errorCode)`, false},
		{`ispresent(gone)`, false},
		{`@message like "Create"`, true},        // a substring
		{`@message like "create"`, false},       // case-sensitive
		{`eventName like /^Create[A-Z]/`, true}, // a regex search
		{`eventName =~ /User\z/`, true},
		{`not (eventName like "Delete") and n > 4`, true},
		{`n = 5 or eventName = "x"`, true},
		{`substr(eventName, 6) = "User"`, true},
		{`substr(eventName, 0, strlen(eventName) - 4) = "Create"`, true},
		{"`eventName` = \"CreateUser\"", true},
	}
	for _, c := range cases {
		q, err := parseInsights("filter " + c.filter)
		require.NoError(t, err, c.filter)
		require.Equal(t, c.want, q.keeps(ev), c.filter)
	}
	_, err := parseInsights("filter eventName = ")
	require.Error(t, err)
	_, err = parseInsights("parse @message 'x'")
	require.Error(t, err)
}
