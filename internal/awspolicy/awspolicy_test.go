package awspolicy

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAllows(t *testing.T) {
	const defaultTopic = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:Publish"],"Resource":"arn","Condition":{"StringEquals":{"AWS:SourceOwner":"123456789012"}}}]}`
	const iamOnly = `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sns:Publish"}}`
	const service = `{"Statement":[{"Effect":"Allow","Principal":{"Service":["events.amazonaws.com","cloudwatch.amazonaws.com"]},"Action":"sns:*"}]}`
	const denied = `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*"},{"Effect":"Deny","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish"}]}`
	const key = `{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*"}]}`
	const keyDecryptOnly = `{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*"}]}`
	const awsManagedKey = `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Condition":{"StringEquals":{"kms:ViaService":"sns.us-east-1.amazonaws.com"}}}]}`

	for _, tc := range []struct {
		name    string
		policy  string
		who     Principals
		actions []string
		want    bool
	}{
		{"default topic policy admits alarms of the owner", defaultTopic, ServiceOrAnyone, []string{"sns:Publish"}, true},
		{"IAM principals only", iamOnly, ServiceOrAnyone, []string{"sns:Publish"}, false},
		{"service named in a list, action wildcard", service, ServiceOrAnyone, []string{"sns:Publish"}, true},
		{"deny wins", denied, ServiceOrAnyone, []string{"sns:Publish"}, false},
		{"key grants both", key, ServiceOnly, []string{"kms:Decrypt", "kms:GenerateDataKey"}, true},
		{"key grants one of two", keyDecryptOnly, ServiceOnly, []string{"kms:Decrypt", "kms:GenerateDataKey"}, false},
		{"anyone does not count for keys", awsManagedKey, ServiceOnly, []string{"kms:Decrypt"}, false},
		{"unreadable policy", `{not json`, ServiceOrAnyone, []string{"sns:Publish"}, false},
		{"no statements", `{"Statement":[]}`, ServiceOrAnyone, []string{"sns:Publish"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Allows(tc.policy, CloudWatch, tc.who, tc.actions...))
		})
	}
}

func TestWildcardMatch(t *testing.T) {
	assert.True(t, wildcardMatch("kms:generatedatakey*", "kms:generatedatakey"))
	assert.True(t, wildcardMatch("kms:generatedatakey*", "kms:generatedatakeywithoutplaintext"))
	assert.True(t, wildcardMatch("*", "sns:publish"))
	assert.True(t, wildcardMatch("sns:pub?ish", "sns:publish"))
	assert.False(t, wildcardMatch("sns:get*", "sns:publish"))
	assert.False(t, wildcardMatch("kms:decrypt", "kms:decrypt2"))
}
