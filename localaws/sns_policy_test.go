package localaws

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPolicyAdmitsCloudWatch(t *testing.T) {
	tests := []struct {
		name   string
		policy string
		want   bool
	}{
		{"no policy is the default", "", true},
		{"the default policy", defaultTopicPolicy("arn:aws:sns:us-east-1:123456789012:t", "123456789012"), true},
		{"the service by name", `{"Statement":[{"Effect":"Allow","Principal":{"Service":["events.amazonaws.com","cloudwatch.amazonaws.com"]},"Action":"sns:Publish","Resource":"*"}]}`, true},
		{"a single statement object", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"SNS:Publish","Resource":"*"}}`, true},
		{"only an IAM role", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/ops"},"Action":"sns:Publish","Resource":"*"}]}`, false},
		{"publish not granted", `{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Subscribe","Resource":"*"}]}`, false},
		{"allowed then denied", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sns:*"},{"Effect":"Deny","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish"}]}`, false},
		{"not JSON", `{`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, policyAdmitsCloudWatch(tt.policy))
		})
	}
}
