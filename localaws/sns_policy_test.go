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
		{"the default policy seen from another account", defaultTopicPolicy("arn:aws:sns:us-east-1:210987654321:t", "210987654321"), false},
		{"only another topic", `{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish","Resource":"arn:aws:sns:us-east-1:123456789012:other"}]}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, policyAdmitsCloudWatch(tt.policy, "arn:aws:sns:us-east-1:123456789012:t", "123456789012", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:a"))
		})
	}
}

func TestKeyAdmitsCloudWatch(t *testing.T) {
	const key = "arn:aws:kms:us-east-1:123456789012:key/k"
	for name, tt := range map[string]struct {
		policy string
		want   bool
	}{
		"the default key policy (account root only)":           {defaultKeyPolicy("123456789012"), false},
		"both actions for the service":                         {`{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*"}]}`, true},
		"decrypt only":                                         {`{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*"}]}`, false},
		"anyone through SNS only (an AWS managed key's shape)": {`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"sns.us-east-1.amazonaws.com"}}}]}`, false},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tt.want, keyAdmitsCloudWatch(tt.policy, key, "123456789012", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:a"))
		})
	}
}
