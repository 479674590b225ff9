// Package testenv decides, in one place, what a test does when a tool it
// drives (Debian's AWS CLI, boto3, Chromium, DuckDB's C library) is missing:
// on a developer's machine it skips with the install command; in CI, whose
// .ci/run installs every such tool, a missing tool fails the test, so a
// broken install step can never turn into silently skipped coverage.
//
// Only tests import it.
package testenv

import (
	"os"
	"testing"
)

// InCI reports whether the tests run under CI (.ci/run sets CI=true, as most
// CI services do).
func InCI() bool {
	v := os.Getenv("CI")
	return v != "" && v != "false" && v != "0"
}

// NeedTool skips t (or fails it under CI) when err says a tool is missing.
// what names the tool, install says how to get it, e.g.
//
//	testenv.NeedTool(t, err, "the AWS CLI", "apt-get install -y awscli")
func NeedTool(t testing.TB, err error, what, install string) {
	t.Helper()
	if err == nil {
		return
	}
	if InCI() {
		t.Fatalf("%s is missing but CI must run this test (.ci/run installs it: %s): %v", what, install, err)
	}
	t.Skipf("%s is missing (%s); CI runs this test: %v", what, install, err)
}
