package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeepTerraformRefused: before the fix, each of these crashed the
// whole run with "fatal error: stack overflow" inside the HCL parser and
// lost the findings of every other file. Now the deep file is an input
// error at the place it goes too deep, and the good file is still checked.
func TestDeepTerraformRefused(t *testing.T) {
	const n = 300000
	deep := map[string]string{
		"brackets.tf": "x = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n",
		"parens.tf":   "locals {\n  x = " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) + "\n}\n",
		"not.tf":      "x = " + strings.Repeat("!", n) + "true\n",
		"neg.tf":      "x = " + strings.Repeat("- ", n) + "1\n",
		"splat.tf":    "x = a" + strings.Repeat("[*]", n) + "\n",
		"interp.tf":   "x = \"" + strings.Repeat("${\"", n/2) + "\n",
		"heredoc.tf":  "x = <<EOT\n" + strings.Repeat("${[", n/2) + "\nEOT\n",
	}
	fsys := fstest.MapFS{"t/good.tf": {Data: []byte("resource \"aws_cloudwatch_log_metric_filter\" \"f\" {\n  pattern = \"{ $.a = \"\n}\n")}}
	for name, src := range deep {
		fsys["t/"+name] = &fstest.MapFile{Data: []byte(src)}
	}
	r := Lint([]string{"t"}, Options{FS: fsys})
	byFile := map[string][]string{}
	for _, d := range r.Diagnostics {
		byFile[d.Pos.File] = append(byFile[d.Pos.File], d.Code)
		if d.Code == CodeHCLTooDeep {
			assert.True(t, d.Pos.IsValid())
			assert.Contains(t, d.Message, "1000 levels")
		}
	}
	for name := range deep {
		assert.Equal(t, []string{CodeHCLTooDeep}, byFile["t/"+name], name)
	}
	assert.Contains(t, byFile["t/good.tf"], "unclosed-brace")
	assert.Equal(t, len(deep), r.InputErrors)
}

// TestNestingCountedOnlyInCode: brackets in strings, comments and heredocs
// do not count (a pattern full of parentheses is fine), interpolations do;
// lint's own Terraform test files all pass the check.
func TestNestingCountedOnlyInCode(t *testing.T) {
	parens := strings.Repeat("(", 2000)
	for _, src := range []string{
		"x = \"" + parens + "\"\n",
		"# " + parens + "\n",
		"/* " + parens + " */\n",
		"x = <<-EOT\n  " + parens + "\n  EOT\n",
		"x = \"$${" + parens + "\"\n",
		"x = [" + strings.Repeat("-1, ", 5000) + "]\n",
		"x = 1" + strings.Repeat(" -\n 1", 5000) + "\n",
	} {
		assert.Equal(t, -1, hclTooDeep(src, maxHCLDepth), src[:20])
	}
	assert.Equal(t, 10, hclTooDeep("x = \"${[[[[\"", 4), "an interpolation opens a level")
	assert.Equal(t, 8, hclTooDeep("x = !!!!!true", 4), "the fifth operator is one too many")

	files, err := filepath.Glob("testdata/*/*.tf")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.Equal(t, -1, hclTooDeep(string(b), 30), f)
	}
}
