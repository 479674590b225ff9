package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// AWSCLI returns the AWS CLI the tests drive: $CWPAT_AWS_CLI when set, else
// Debian's /usr/bin/aws (version 2, which .ci/run installs; a pip-installed
// AWS CLI v1 earlier on PATH speaks another protocol to CloudWatch), else
// aws from PATH. Without one the test skips, or fails under CI.
func AWSCLI(t testing.TB) string {
	t.Helper()
	p, err := findAWSCLI()
	NeedTool(t, err, "the AWS CLI", "apt-get install -y awscli")
	return p
}

func findAWSCLI() (string, error) {
	if p := os.Getenv("CWPAT_AWS_CLI"); p != "" {
		return exec.LookPath(p)
	}
	if _, err := os.Stat("/usr/bin/aws"); err == nil {
		return "/usr/bin/aws", nil
	}
	return exec.LookPath("aws")
}
