package pattern

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAWSSamplePatterns: every alarm pattern AWS prints in the CloudTrail
// User Guide (testdata/aws-samples, see NOTICE.md there) parses exactly as
// printed, line breaks included, and round-trips through String.
func TestAWSSamplePatterns(t *testing.T) {
	b, err := os.ReadFile("testdata/aws-samples/cloudtrail-alarms.txt")
	require.NoError(t, err)
	samples := strings.Split(strings.TrimSpace(string(b)), "\n%%\n")
	require.Len(t, samples, 14)
	multiLine := 0
	for _, src := range samples {
		p, err := Parse(src)
		require.NoError(t, err, src)
		assert.Equal(t, JSON, p.Kind())
		assertRoundTrip(t, p)
		if strings.Contains(src, "\n") {
			multiLine++
			assert.NotContains(t, p.String(), "\n", "the canonical form is one line")
		}
	}
	assert.Greater(t, multiLine, 5)

	// Each sample matches the event it was written for, and not a neighbour.
	cases := []struct {
		sample int
		event  string
		want   bool
	}{
		{0, `{"eventSource":"s3.amazonaws.com","eventName":"PutBucketPolicy"}`, true},
		{0, `{"eventSource":"s3.amazonaws.com","eventName":"GetBucketPolicy"}`, false},
		{1, `{"eventName":"AuthorizeSecurityGroupEgress"}`, true},
		{2, `{"eventName":"ReplaceNetworkAclAssociation"}`, true},
		{4, `{"eventName":"ModifyVpcAttribute"}`, true},
		{6, `{"eventName":"RunInstances","requestParameters":{"instanceType":"m5.8xlarge"}}`, true},
		{6, `{"eventName":"RunInstances","requestParameters":{"instanceType":"m5.large"}}`, false},
		{8, `{"eventName":"ConsoleLogin","errorMessage":"Failed authentication"}`, true},
		{10, `{"eventName":"DetachGroupPolicy"}`, true},
		{11, `{"userIdentity":{"type":"Root"},"eventType":"AwsApiCall"}`, true},
		{11, `{"userIdentity":{"type":"Root","invokedBy":"support.amazonaws.com"},"eventType":"AwsApiCall"}`, false},
		{12, `{"userIdentity":{"sessionContext":{"attributes":{"mfaAuthenticated":"false"}}}}`, true},
		{12, `{"userIdentity":{"type":"AWSService"}}`, false},
		{13, `{"eventName":"ConsoleLogin","additionalEventData":{"MFAUsed":"No"}}`, true},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, MustCompile(samples[c.sample]).MatchString(c.event), "sample %d on %s", c.sample, c.event)
	}
}
