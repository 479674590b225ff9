package audit

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/sim"
)

// Events written by hand from the record shapes in the CloudTrail user guide.
const (
	evAccessDenied   = `{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"anaya"},"eventSource":"s3.amazonaws.com","eventName":"GetBucketPolicy","errorCode":"AccessDenied","sourceIPAddress":"192.0.2.0","eventType":"AwsApiCall"}`
	evUnauthorizedOp = `{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"anaya"},"eventSource":"ec2.amazonaws.com","eventName":"RunInstances","errorCode":"Client.UnauthorizedOperation","sourceIPAddress":"192.0.2.0","eventType":"AwsApiCall"}`
	evDescribeOK     = `{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"anaya"},"eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","sourceIPAddress":"192.0.2.0","eventType":"AwsApiCall"}`
	evThrottled      = `{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"anaya"},"eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","errorCode":"ThrottlingException","sourceIPAddress":"192.0.2.0","eventType":"AwsApiCall"}`
	evRootLogin      = `{"userIdentity":{"type":"Root","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333"},"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"MFAUsed":"No"},"eventType":"AwsConsoleSignIn"}`
	evRootByService  = `{"userIdentity":{"type":"Root","invokedBy":"cloudformation.amazonaws.com","accountId":"111122223333"},"eventSource":"s3.amazonaws.com","eventName":"PutBucketPolicy","eventType":"AwsApiCall"}`
	evServiceEvent   = `{"userIdentity":{"accountId":"123456789012","invokedBy":"AWS Internal"},"eventSource":"kms.amazonaws.com","eventName":"RotateKey","eventType":"AwsServiceEvent"}`
	evIAMUserCall    = `{"userIdentity":{"type":"IAMUser","userName":"anaya"},"eventSource":"iam.amazonaws.com","eventName":"CreateUser","eventType":"AwsApiCall"}`
)

const (
	patUnauthCIS12 = `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }`
	patUnauthV14   = `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") || ($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket") }`
	patRootCIS     = `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`
	patRootReorder = `{$.eventType!="AwsServiceEvent"&&$.userIdentity.invokedBy NOT EXISTS&&$.userIdentity.type="Root"}`
)

func testControls() []Control {
	return []Control{
		{ID: "unauthorized-api-calls", Title: "Unauthorized API calls", Pattern: patUnauthCIS12,
			Matches: []string{evAccessDenied, evUnauthorizedOp}, NearMisses: []string{evDescribeOK, evThrottled}},
		{ID: "root-usage", Title: "Root account usage", Pattern: patRootCIS,
			Matches: []string{evRootLogin}, NearMisses: []string{evRootByService, evServiceEvent, evIAMUserCall}},
	}
}

const auditTopic = "arn:aws:sns:us-east-1:111122223333:security"

// goodAccount covers both controls.
func goodAccount() Input {
	trail := alarms.Trail{Name: "main", MultiRegion: true, Logging: true, ManagementRead: true, ManagementWrite: true, LogGroupName: "CT"}
	in := Input{Region: "us-east-1", Trails: []alarms.Trail{trail}, LogGroupName: "CT", LogGroup: &alarms.LogGroup{Name: "CT", ARN: "arn:aws:logs:us-east-1:111122223333:log-group:CT:*"},
		Topics: map[string]*Topic{auditTopic: {CurrentTopic: alarms.CurrentTopic{ARN: auditTopic, Attributes: map[string]string{},
			Subscriptions: []alarms.CurrentSubscription{{ARN: auditTopic + ":1", Protocol: "email", Endpoint: "a@example.com"}}}}}}
	in.Trail = &in.Trails[0]
	for _, f := range []struct{ name, pattern, metric string }{
		{"Unauthorized", patUnauthCIS12, "UnauthorizedAPICalls"},
		{"Root", patRootReorder, "RootUsage"},
	} {
		in.Filters = append(in.Filters, alarms.MetricFilter{LogGroupName: "CT", Name: f.name, Pattern: f.pattern,
			MetricName: f.metric, MetricNamespace: "CISBenchmark", MetricValue: "1"})
		in.Alarms = append(in.Alarms, alarms.CurrentAlarm{Alarm: alarms.Alarm{Name: f.name + "Alarm", MetricName: f.metric, Namespace: "CISBenchmark",
			Alarm:          sim.Alarm{Statistic: "Sum", Period: 300, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: "GreaterThanOrEqualToThreshold"},
			ActionsEnabled: true, AlarmActions: []string{auditTopic}}})
	}
	return in
}

func verdicts(r *Report) map[string]string {
	out := map[string]string{}
	for _, c := range r.Controls {
		out[c.Control.ID] = c.Findings[0].Code
	}
	return out
}

func TestAuditCoveredIncludingReorderedPattern(t *testing.T) {
	r := Judge(goodAccount(), testControls())
	assert.Equal(t, map[string]string{"unauthorized-api-calls": CodeCovered, "root-usage": CodeCovered}, verdicts(r))
	assert.Equal(t, 2, r.Covered())
	assert.Equal(t, "Root", r.Controls[1].Filter)
	assert.Equal(t, "RootAlarm", r.Controls[1].Alarm)
}

func TestAuditFindings(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(in *Input)
		control string
		code    string
		message string
	}{
		{"v1.4 all-|| pattern matches everything", func(in *Input) { in.Filters[0].Pattern = patUnauthV14 },
			"unauthorized-api-calls", CodeFilterInvalid, "also matches 2 of 2 near-miss events"},
		{"filter missing", func(in *Input) { in.Filters = in.Filters[1:] },
			"unauthorized-api-calls", CodeFilterMissing, "no metric filter on CT matches"},
		{"root filter that forgot the service-event exclusion", func(in *Input) { in.Filters[1].Pattern = `{ $.userIdentity.type = "Root" }` },
			"root-usage", CodeFilterInvalid, "near-miss"},
		{"filter narrower than the control", func(in *Input) { in.Filters[0].Pattern = `{ $.errorCode = "AccessDenied" }` },
			"unauthorized-api-calls", CodeFilterInvalid, "misses 1 of 2 events it must match (e.g. RunInstances"},
		{"alarm on another namespace", func(in *Input) { in.Alarms[0].Namespace = "LogMetrics" },
			"unauthorized-api-calls", CodeAlarmMissing, "no alarm watches that metric"},
		{"Average with threshold 5 never fires", func(in *Input) {
			in.Alarms[0].Statistic, in.Alarms[0].Threshold = "Average", 5
		}, "unauthorized-api-calls", CodeAlarmSilent, "never reaches ALARM on one matching event: one event makes Average 1 in a 300s period, but the alarm needs Average >= 5"},
		{"two of three periods", func(in *Input) {
			in.Alarms[0].EvaluationPeriods, in.Alarms[0].DatapointsToAlarm = 3, 2
			in.Alarms[0].TreatMissingData = "notBreaching"
		}, "unauthorized-api-calls", CodeAlarmSilent, "in 2 of 3 periods"},
		{"LessThan alarms on silence", func(in *Input) {
			in.Alarms[0].ComparisonOperator, in.Alarms[0].TreatMissingData = "LessThanThreshold", "breaching"
		}, "unauthorized-api-calls", CodeAlarmSilent, "with no event at all"},
		{"actions disabled", func(in *Input) { in.Alarms[1].ActionsEnabled = false },
			"root-usage", CodeAlarmActionsDisabled, "actions disabled"},
		{"no actions", func(in *Input) { in.Alarms[1].AlarmActions = nil },
			"root-usage", CodeAlarmNoActions, "no SNS topic"},
		{"pending subscription only", func(in *Input) { in.Topics[auditTopic].Subscriptions[0].ARN = "PendingConfirmation" },
			"root-usage", CodeNoSubscription, "pending confirmation"},
		{"aws/sns key", func(in *Input) { in.Topics[auditTopic].Attributes["KmsMasterKeyId"] = "alias/aws/sns" },
			"root-usage", CodeTopicInvalid, "alias/aws/sns"},
		{"topic deleted", func(in *Input) { delete(in.Topics, auditTopic) },
			"root-usage", CodeTopicInvalid, "could not be read"},
		{"trail not multi-region", func(in *Input) {
			in.Trail.MultiRegion = false
			in.Trail.Problems = []string{"is not multi-Region (IsMultiRegionTrail=false)"}
		}, "root-usage", CodeTrail, "does not meet CIS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := goodAccount()
			tt.edit(&in)
			r := Judge(in, testControls())
			var got *ControlResult
			for i := range r.Controls {
				if r.Controls[i].Control.ID == tt.control {
					got = &r.Controls[i]
				}
			}
			require.NotNil(t, got)
			assert.False(t, got.Covered)
			require.NotEmpty(t, got.Findings)
			assert.Equal(t, tt.code, got.Findings[0].Code, got.Findings[0].Message)
			assert.Contains(t, got.Findings[0].Message, tt.message)
			assert.True(t, strings.HasPrefix(got.Findings[0].Message, tt.control+": "))
		})
	}
}

func TestAuditNotesSecurityHubExactText(t *testing.T) {
	controls := testControls()
	controls[1].SecurityHub = "CloudWatch.1"
	r := Judge(goodAccount(), controls)
	root := r.Controls[1]
	require.True(t, root.Covered)
	require.Len(t, root.Findings, 2, "the reordered root filter works but is not Security Hub's text")
	assert.Equal(t, CodeTextDiffers, root.Findings[1].Code)

	in := goodAccount()
	in.Filters[1].Pattern = "{$.userIdentity.type = \"Root\"   &&  $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\"}"
	r = Judge(in, controls)
	assert.Len(t, r.Controls[1].Findings, 1, "spacing alone does not matter to Security Hub")
}

func TestAuditWarnsWhenTheSetsOwnPatternIsBroken(t *testing.T) {
	controls := testControls()
	controls[0].Broken = "joined with ||"
	r := Judge(goodAccount(), controls)
	require.True(t, r.Controls[0].Covered)
	require.Len(t, r.Controls[0].Findings, 2)
	assert.Equal(t, diag.Warning, r.Controls[0].Findings[1].Severity)
	assert.Contains(t, r.Controls[0].Findings[1].Message, "known to be wrong: joined with ||")
}

func TestAuditCrossAccountTopicIsAWarning(t *testing.T) {
	in := goodAccount()
	in.Account = "999999999999"
	in.Topics[auditTopic].ReadError = "AuthorizationError: not authorized"
	r := Judge(in, testControls())
	d := r.Controls[0].Findings[0]
	assert.Equal(t, CodeCrossAccount, d.Code)
	assert.Equal(t, diag.Warning, d.Severity)
	assert.Contains(t, d.Message, "belongs to account 111122223333")

	in.Account = "111122223333" // the same account: an unreadable topic is an error
	r = Judge(in, testControls())
	assert.Equal(t, CodeTopicInvalid, r.Controls[0].Findings[0].Code)
}

func TestAuditPrefersAWorkingChain(t *testing.T) {
	in := goodAccount()
	// A second, silent alarm on the same metric must not hide the good one.
	bad := in.Alarms[0]
	bad.Name, bad.Statistic, bad.Threshold = "AAA-silent", "Average", 5
	in.Alarms = append([]alarms.CurrentAlarm{bad}, in.Alarms...)
	r := Judge(in, testControls())
	assert.Equal(t, CodeCovered, verdicts(r)["unauthorized-api-calls"])
	assert.Equal(t, "UnauthorizedAlarm", r.Controls[0].Alarm)
}

func TestAuditNoTrail(t *testing.T) {
	in := goodAccount()
	in.Trail, in.LogGroupName = nil, ""
	r := Judge(in, testControls())
	require.NotEmpty(t, r.Account)
	assert.Equal(t, CodeNoTrail, r.Account[0].Code)
	assert.Equal(t, 0, r.Covered())
}

func TestFindingsPointAtTheRule(t *testing.T) {
	controls := testControls()
	controls[0].Pos = diag.Position{File: "rules/acme.yaml", Line: 12, Column: 5}
	in := goodAccount()
	in.Filters = in.Filters[1:]
	r := Judge(in, controls)
	assert.Equal(t, "rules/acme.yaml:12:5", r.Controls[0].Findings[0].Pos.String())
	assert.False(t, r.Controls[1].Findings[0].Pos.IsValid())
}

func TestEveryAuditCodeIsDescribed(t *testing.T) {
	for _, code := range []string{CodeTrail, CodeNoTrail, CodeFilterMissing, CodeFilterInvalid, CodeAlarmMissing, CodeAlarmSilent,
		CodeAlarmNoActions, CodeTopicInvalid, CodeNoSubscription, CodeCovered, CodeTextDiffers, CodeCrossAccount, CodeAWSDisagrees} {
		assert.NotEmpty(t, CodeDescriptions[code], code)
		if code != CodeCovered && code != CodeTextDiffers {
			assert.NotEmpty(t, SecurityHubReason[code], code)
		}
	}
}

// Issue 14 §6: Security Hub's CloudWatch.3 text changed on 2022-05-19; a
// filter still carrying the old text works but no longer passes Security
// Hub, and the audit says so with the current text.
func TestAuditSaysWhenAFilterCarriesASupersededText(t *testing.T) {
	const old = `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`
	const login = `{"eventName":"ConsoleLogin","eventType":"AwsConsoleSignIn","userIdentity":{"type":"IAMUser"},"additionalEventData":{"MFAUsed":"No"},"responseElements":{"ConsoleLogin":"Success"}}`
	const withMFA = `{"eventName":"ConsoleLogin","eventType":"AwsConsoleSignIn","userIdentity":{"type":"IAMUser"},"additionalEventData":{"MFAUsed":"Yes"},"responseElements":{"ConsoleLogin":"Success"}}`
	controls := []Control{{ID: "console-signin-without-mfa", Pattern: old, SecurityHub: "CloudWatch.3", Matches: []string{login}, NearMisses: []string{withMFA}}}
	in := goodAccount()
	in.Filters = in.Filters[:1]
	in.Filters[0].Pattern = "{($.eventName=\"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\")}"
	r := Judge(in, controls)
	res := r.Controls[0]
	require.True(t, res.Covered, "%v", res.Findings)
	require.Len(t, res.Findings, 2)
	assert.Equal(t, CodeTextSuperseded, res.Findings[1].Code)
	assert.Contains(t, res.Findings[1].Message, "CloudWatch.3 text published until 2022-05-19")
	assert.Contains(t, res.Findings[1].Hint, `($.userIdentity.type = "IAMUser")`)
}
