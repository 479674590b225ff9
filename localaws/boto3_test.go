package localaws_test

import (
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/cwpat/cwpat/internal/testenv"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

// debianPython is the interpreter Debian's python3-boto3 installs into; a
// pyenv or virtualenv python3 earlier on PATH would not see it.
const debianPython = "/usr/bin/python3"

// TestBoto3Client drives the endpoint with boto3 (Debian's python3-boto3,
// botocore 1.29): a client nobody on this project wrote, speaking the
// protocols its own service models choose (the query protocol for
// CloudWatch), checked against what AWS documents.
func TestBoto3Client(t *testing.T) {
	err := exec.Command(debianPython, "-c", "import boto3").Run()
	if err != nil {
		err = errors.New(debianPython + " cannot import boto3: " + err.Error())
	}
	testenv.NeedTool(t, err, "boto3", "apt-get install -y python3-boto3")
	srv := localawstest.Start(t)
	cmd := exec.Command(debianPython, "testdata/boto3_client.py", srv.URL)
	cmd.Env = []string{"HOME=" + t.TempDir(), "AWS_EC2_METADATA_DISABLED=true", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null"}
	out, err := cmd.CombinedOutput()
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if strings.HasPrefix(line, "FAIL") {
			t.Error(line)
		} else {
			t.Log(line)
		}
	}
	if err != nil {
		t.Fatalf("boto3 client: %v\n%s", err, out)
	}
}
