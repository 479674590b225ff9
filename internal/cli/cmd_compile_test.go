package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/rules"
)

// TestCompiledTemplatesLintClean reads every export back with 'cwpat lint',
// whose CloudFormation and Terraform readers are written independently of
// the exporter: each must find every rule's pattern and no error.
func TestCompiledTemplatesLintClean(t *testing.T) {
	set, err := rules.Builtin("cis")
	require.NoError(t, err)
	dir := t.TempDir()
	for _, tc := range []struct{ file, target, format string }{
		{"cis.template.json", "cloudformation", "json"},
		{"cis.template.yaml", "cloudformation", "yaml"},
		{"cis.tf.json", "terraform", "json"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			r := runCwpat(t, "compile", "--target", tc.target, "--format", tc.format, "--log-group-name", "CloudTrail/Logs", "--email", "sec@example.com")
			require.Equal(t, 0, r.code, r.stderr)
			path := filepath.Join(dir, tc.file)
			require.NoError(t, os.WriteFile(path, []byte(r.stdout), 0o644))
			lint := runCwpat(t, "lint", path)
			assert.Equal(t, 0, lint.code, lint.stderr)
			assert.NotContains(t, lint.stdout, ": error:")
			assert.Contains(t, lint.stderr+lint.stdout, countText(len(set.Rules))+" patterns checked")
			assert.True(t, strings.Contains(r.stdout, "cloudwatch.amazonaws.com"))
		})
	}
}
