package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// AWSCLIAccessKeyID is the fake access key the AWS CLI signs with under
// AWSCLIEnv; the local endpoint records it as the caller's.
const AWSCLIAccessKeyID = "AKIDLOCALTEST"

// AWSCLIRegion is the region the AWS CLI asks for under AWSCLIEnv.
const AWSCLIRegion = "us-east-1"

// AWSCLIEnv is the environment of an AWS CLI process that talks to the
// local endpoint at url and to nothing else, whatever the user's machine
// holds: the test's environment without any AWS_ variable, a home of its own
// (so no ~/.aws: no profile, alias or cache), no config or credentials file,
// fake credentials, region us-east-1, no instance metadata, no pager or
// prompt, and AWS_ENDPOINT_URL=url (honoured from AWS CLI 2.13 and 1.29;
// older CLIs need --endpoint-url, which AWSCLIRunner passes too).
// PYENV_ROOT is kept, so that a pyenv shim still finds its Python.
func AWSCLIEnv(t testing.TB, url string) []string {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") && !strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, "PYENV_ROOT=") {
			env = append(env, kv)
		}
	}
	if root := pyenvRoot(); root != "" {
		env = append(env, "PYENV_ROOT="+root)
	}
	return append(env, "HOME="+t.TempDir(),
		"AWS_CONFIG_FILE="+os.DevNull, "AWS_SHARED_CREDENTIALS_FILE="+os.DevNull,
		"AWS_ACCESS_KEY_ID="+AWSCLIAccessKeyID, "AWS_SECRET_ACCESS_KEY=local-secret",
		"AWS_DEFAULT_REGION="+AWSCLIRegion, "AWS_REGION="+AWSCLIRegion,
		"AWS_ENDPOINT_URL="+url, "AWS_EC2_METADATA_DISABLED=true", "AWS_PAGER=", "AWS_CLI_AUTO_PROMPT=off")
}

// pyenvRoot is where pyenv lives: $PYENV_ROOT, else ~/.pyenv when it exists.
func pyenvRoot() string {
	if root := os.Getenv("PYENV_ROOT"); root != "" {
		return root
	}
	if home, err := os.UserHomeDir(); err == nil {
		if _, err := os.Stat(filepath.Join(home, ".pyenv")); err == nil {
			return filepath.Join(home, ".pyenv")
		}
	}
	return ""
}

// AWSCLIRunner returns a function that runs the AWS CLI at cli against the
// local endpoint at url, with AWSCLIEnv's environment and --output json.
// With wantOK the call must succeed and the function returns its stdout;
// otherwise the call must fail and it returns its stderr.
func AWSCLIRunner(t testing.TB, cli, url string) func(wantOK bool, args ...string) string {
	t.Helper()
	env := AWSCLIEnv(t, url)
	return func(wantOK bool, args ...string) string {
		t.Helper()
		cmd := exec.Command(cli, append([]string{"--endpoint-url", url, "--output", "json"}, args...)...)
		cmd.Env = env
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		switch {
		case wantOK && err != nil:
			t.Fatalf("aws %s: %v\nstderr: %s", strings.Join(args, " "), err, stderr.String())
		case !wantOK && err == nil:
			t.Fatalf("aws %s should fail; stdout: %s", strings.Join(args, " "), stdout.String())
		case wantOK:
			return stdout.String()
		}
		return stderr.String()
	}
}
