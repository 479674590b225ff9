package alarms

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const auditTopic = "arn:aws:sns:us-east-1:111122223333:security"

func TestTrailSelectors(t *testing.T) {
	tests := []struct {
		name        string
		trail       Trail
		wantProblem string
	}{
		{"compliant", Trail{MultiRegion: true, Logging: true, ManagementRead: true, ManagementWrite: true, LogGroupName: "g"}, ""},
		{"write only", Trail{MultiRegion: true, Logging: true, ManagementWrite: true, LogGroupName: "g"}, "only write"},
		{"not logging", Trail{MultiRegion: true, ManagementRead: true, ManagementWrite: true, LogGroupName: "g"}, "not logging"},
		{"no log group", Trail{MultiRegion: true, Logging: true, ManagementRead: true, ManagementWrite: true}, "CloudWatch Logs"},
		{"other region", Trail{MultiRegion: true, Logging: true, ManagementRead: true, ManagementWrite: true, LogGroupName: "g", LogGroupRegion: "eu-west-1"}, "--region eu-west-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.trail.judge("us-east-1")
			if tt.wantProblem == "" {
				assert.Empty(t, tt.trail.Problems)
				return
			}
			assert.Contains(t, strings.Join(tt.trail.Problems, "\n"), tt.wantProblem)
		})
	}
}

func TestLogGroupFromARN(t *testing.T) {
	name, arn, err := LogGroupFromARN("arn:aws:logs:us-east-1:111122223333:log-group:aws-controltower/CloudTrailLogs:*")
	require.NoError(t, err)
	assert.Equal(t, "aws-controltower/CloudTrailLogs", name)
	assert.Equal(t, "111122223333", arn.Account)
	for _, bad := range []string{"", "arn:aws:s3:::bucket", "arn:aws:logs:us-east-1:1:log-group::*", "log-group:x"} {
		_, _, err := LogGroupFromARN(bad)
		assert.Error(t, err, bad)
	}
}

func TestPolicyAllowsCloudWatch(t *testing.T) {
	own, err := TopicPolicy(auditTopic)
	require.NoError(t, err)
	tests := []struct {
		policy string
		want   bool
	}{
		{own, true},
		{`{"Statement":{"Effect":"Allow","Principal":"*","Action":"SNS:Publish"}}`, true},
		{`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:Subscribe","SNS:Publish"]}]}`, true},
		{`{"Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sns:Publish"}]}`, false},
		{`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sns:*"},{"Effect":"Deny","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish"}]}`, false},
		{`not json`, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, PolicyAllowsCloudWatch(tt.policy), tt.policy)
	}
	assert.True(t, keyPolicyAllowsCloudWatch(`{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":["kms:Decrypt","kms:GenerateDataKey*"]}]}`))
	assert.False(t, keyPolicyAllowsCloudWatch(`{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":["kms:Decrypt"]}]}`))
}
