package testenv

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Nothing of the user's AWS configuration reaches the AWS CLI: every AWS_
// variable is replaced, the home is a fresh one, and the endpoint is the
// local one.
func TestAWSCLIEnvLeavesNothingOfTheUser(t *testing.T) {
	t.Setenv("AWS_PROFILE", "production")
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIAREALKEY")
	t.Setenv("AWS_SESSION_TOKEN", "real-token")
	t.Setenv("AWS_ENDPOINT_URL", "https://logs.us-east-1.amazonaws.com")
	env := map[string][]string{}
	for _, kv := range AWSCLIEnv(t, "http://127.0.0.1:4566") {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = append(env[k], v)
	}
	for k, vs := range env {
		assert.Len(t, vs, 1, "%s set once", k)
	}
	assert.NotContains(t, env, "AWS_PROFILE")
	assert.NotContains(t, env, "AWS_SESSION_TOKEN")
	assert.Equal(t, []string{AWSCLIAccessKeyID}, env["AWS_ACCESS_KEY_ID"])
	assert.Equal(t, []string{"http://127.0.0.1:4566"}, env["AWS_ENDPOINT_URL"])
	assert.Equal(t, []string{"true"}, env["AWS_EC2_METADATA_DISABLED"])
	assert.Equal(t, []string{os.DevNull}, env["AWS_CONFIG_FILE"])
	assert.Equal(t, []string{os.DevNull}, env["AWS_SHARED_CREDENTIALS_FILE"])
	home, _ := os.UserHomeDir()
	assert.NotEqual(t, []string{home}, env["HOME"], "a home of its own")
	assert.Equal(t, []string{os.Getenv("PATH")}, env["PATH"], "the rest of the environment is kept")
}
