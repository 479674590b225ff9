package audit

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/diag"
)

func TestJudgeTrailsAsCIS34(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	recent, old := now.Add(-time.Hour), now.Add(-50*time.Hour)
	delivering := alarms.Trail{Name: "main", ARN: "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", HomeRegion: "us-east-1",
		LogGroupName: "CT", LogGroupARN: "arn:aws:logs:us-east-1:111122223333:log-group:CT:*", LogGroupAccount: "111122223333",
		RoleARN: "arn:aws:iam::111122223333:role/ct", LatestDeliveryTime: &recent}
	tests := []struct {
		name    string
		edit    func(*alarms.Trail)
		code    string
		message string
	}{
		{"healthy", func(*alarms.Trail) {}, "", ""},
		{"not integrated", func(t *alarms.Trail) { t.LogGroupName, t.LogGroupARN = "", "" }, CodeNotIntegrated, "CloudWatchLogsLogGroupArn is empty"},
		{"delivery error names the role", func(t *alarms.Trail) { t.LatestDeliveryError = "Access denied." },
			CodeDeliveryError, "cannot deliver to CloudWatch Logs (Access denied.): fix its role arn:aws:iam::111122223333:role/ct"},
		{"stale", func(t *alarms.Trail) { t.LatestDeliveryTime = &old }, CodeDeliveryStale, "2d ago: older than --max-delivery-age 24h0m0s"},
		{"never delivered", func(t *alarms.Trail) { t.LatestDeliveryTime = nil }, CodeDeliveryStale, "has never delivered"},
		{"another Region's trail is judged there", func(t *alarms.Trail) { t.HomeRegion, t.LogGroupARN, t.LogGroupName = "eu-west-1", "", "" }, "", ""},
		{"log group in another account", func(t *alarms.Trail) { t.LogGroupAccount = "999999999999" }, CodeLogGroupOtherAccount, "in account 999999999999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := delivering
			tt.edit(&tr)
			got := judgeTrails(Input{Region: "us-east-1", Account: "111122223333", Trails: []alarms.Trail{tr}, Now: now, MaxDeliveryAge: 24 * time.Hour})
			if tt.code == "" {
				assert.Empty(t, got)
				return
			}
			if assert.NotEmpty(t, got) {
				assert.Equal(t, tt.code, got[0].Code)
				assert.Contains(t, got[0].Message, tt.message)
				assert.NotEmpty(t, got[0].Resource)
			}
		})
	}
}

func TestJudgeLogGroup(t *testing.T) {
	tr := alarms.Trail{Name: "main", LogGroupName: "CT"}
	missing := judgeLogGroup(Input{Region: "us-east-1", LogGroupName: "CT", Trail: &tr})
	if assert.Len(t, missing, 1) {
		assert.Equal(t, CodeLogGroupMissing, missing[0].Code)
		assert.Contains(t, missing[0].Message, "log group CT, where trail main delivers, does not exist")
	}
	short := judgeLogGroup(Input{Region: "us-east-1", LogGroupName: "CT", Trail: &tr, LogGroup: &alarms.LogGroup{Name: "CT", RetentionDays: 90}})
	if assert.Len(t, short, 1) {
		assert.Equal(t, CodeRetention, short[0].Code)
		assert.Equal(t, diag.Warning, short[0].Severity)
		assert.Contains(t, short[0].Hint, "--retention-in-days 365")
	}
	assert.Empty(t, judgeLogGroup(Input{LogGroupName: "CT", LogGroup: &alarms.LogGroup{Name: "CT"}}), "kept forever is fine")
	assert.Empty(t, judgeLogGroup(Input{LogGroupName: "CT", LogGroup: &alarms.LogGroup{Name: "CT", RetentionDays: 400}}))
}
