package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
)

// TestFormatGolden formats every file under testdata/fmt, compares the
// result with its golden file, and checks that formatting is idempotent.
func TestFormatGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "fmt", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(name)
			require.NoError(t, err)
			res, err := Format(name, src, TypeAuto)
			require.NoError(t, err)
			assert.True(t, res.Changed, "every fmt test file has something to rewrite")
			var b strings.Builder
			require.NoError(t, diag.WriteText(&b, res.Diagnostics, diag.TextOptions{}))
			golden(t, "fmt/"+filepath.Base(name), res.Output)
			golden(t, "fmt/"+filepath.Base(name)+".diags", []byte(b.String()))

			again, err := Format(name, res.Output, TypeAuto)
			require.NoError(t, err)
			assert.False(t, again.Changed, "fmt of fmt output changed it:\n%s", UnifiedDiff(name, res.Output, again.Output))
			assert.Equal(t, string(res.Output), string(again.Output))
		})
	}
}

// TestFormatTouchesOnlyPatterns decodes a template before and after fmt
// and checks that every value but the filter patterns is the same, and that
// the patterns now read as their canonical forms.
func TestFormatTouchesOnlyPatterns(t *testing.T) {
	for _, name := range []string{"styles.yaml", "styles.json"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", "fmt", name)
			src, err := os.ReadFile(path)
			require.NoError(t, err)
			res, err := Format(path, src, TypeAuto)
			require.NoError(t, err)
			var before, after map[string]any
			require.NoError(t, yaml.Unmarshal(src, &before))
			require.NoError(t, yaml.Unmarshal(res.Output, &after))
			bp, ap := map[string]any{}, map[string]any{}
			for id, r := range before["Resources"].(map[string]any) {
				props := r.(map[string]any)["Properties"].(map[string]any)
				bp[id] = props["FilterPattern"]
				delete(props, "FilterPattern")
			}
			for id, r := range after["Resources"].(map[string]any) {
				props := r.(map[string]any)["Properties"].(map[string]any)
				ap[id] = props["FilterPattern"]
				delete(props, "FilterPattern")
			}
			assert.Equal(t, before, after, "fmt changed something besides a pattern")
			for id, v := range ap {
				s, ok := v.(string)
				if !ok {
					continue // !Join and other intrinsics decode as something else
				}
				p, err := pattern.Parse(s)
				if err != nil {
					assert.Equal(t, bp[id], v, "%s: a broken pattern must be left alone", id)
					continue
				}
				assert.Equal(t, p.String(), strings.TrimRight(s, "\n"), id)
			}
		})
	}
}

// TestFormatQuoting checks values that need re-quoting in each syntax.
func TestFormatQuoting(t *testing.T) {
	tests := []struct {
		name, file, src, want string
	}{
		{"yaml plain becomes quoted when it must", "t.yaml",
			"Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: ERROR  \"a:b\"\n",
			"Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: 'ERROR \"a:b\"'\n"},
		{"yaml single doubles its quotes", "t.yaml",
			"Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: '\"it''s\"   x'\n",
			"Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: '\"it''s\" x'\n"},
		{"yaml Sub keeps ${! escapes", "t.yaml",
			"Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: !Sub '\"${!a}\"   x'\n",
			"Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: !Sub '\"${!a}\" x'\n"},
		{"hcl keeps $${ escapes", "t.tf",
			"resource \"aws_cloudwatch_log_subscription_filter\" \"s\" {\n  filter_pattern = \"\\\"$${a}\\\"   x\"\n}\n",
			"resource \"aws_cloudwatch_log_subscription_filter\" \"s\" {\n  filter_pattern = \"\\\"$${a}\\\" x\"\n}\n"},
		{"flush heredoc keeps its indent", "t.tf",
			"resource \"aws_cloudwatch_log_subscription_filter\" \"s\" {\n  filter_pattern = <<-EOT\n    ERROR    x\n  EOT\n}\n",
			"resource \"aws_cloudwatch_log_subscription_filter\" \"s\" {\n  filter_pattern = <<-EOT\n    ERROR x\n  EOT\n}\n"},
		{"json escapes quotes and backslashes", "t.json",
			`{"Resources": {"F": {"Type": "AWS::Logs::MetricFilter", "Properties": {"FilterPattern": "{$.a=\"b\\\\c\"}"}}}}`,
			`{"Resources": {"F": {"Type": "AWS::Logs::MetricFilter", "Properties": {"FilterPattern": "{ $.a = \"b\\\\c\" }"}}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Format(tt.file, []byte(tt.src), TypeAuto)
			require.NoError(t, err)
			assert.Empty(t, res.Diagnostics)
			assert.Equal(t, tt.want, string(res.Output))
		})
	}
}

// TestFormatKeepsCRLF: a multi-line pattern in a Windows file is rewritten
// with Windows line endings, and fmt stays idempotent.
func TestFormatKeepsCRLF(t *testing.T) {
	src := strings.ReplaceAll("Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: |\n        {($.a=1)||\n         ($.b=2)}\n      LogGroupName: x\n", "\n", "\r\n")
	res, err := Format("t.yaml", []byte(src), TypeAuto)
	require.NoError(t, err)
	want := strings.ReplaceAll("Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: |\n        { ($.a = 1) || ($.b = 2) }\n      LogGroupName: x\n", "\n", "\r\n")
	assert.Equal(t, want, string(res.Output))
	again, err := Format("t.yaml", res.Output, TypeAuto)
	require.NoError(t, err)
	assert.False(t, again.Changed)
}

// TestFormatKeepsPublishedPatterns: a pattern written exactly as a published
// CIS / Security Hub pattern is left alone, with a note.
func TestFormatKeepsPublishedPatterns(t *testing.T) {
	const sh = `{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}`
	src := "Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: '" + sh + "'\n  G:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: '{($.errorCode=\"x\")}'\n"
	res, err := Format("t.yaml", []byte(src), TypeAuto)
	require.NoError(t, err)
	assert.Contains(t, string(res.Output), "FilterPattern: '"+sh+"'")
	assert.Contains(t, string(res.Output), `FilterPattern: '{ ($.errorCode = "x") }'`)
	require.Len(t, res.Diagnostics, 1)
	assert.Equal(t, CodeKeptPublished, res.Diagnostics[0].Code)
	assert.Equal(t, 5, res.Diagnostics[0].Pos.Line)
}

// TestFormatNeverExceedsTheLimit (issue 13): a pattern whose canonical form
// would be longer than AWS accepts is left as written.
func TestFormatNeverExceedsTheLimit(t *testing.T) {
	long := "{" + strings.Repeat("$.a=1||", 143) + "$.a=1}" // 1,008 characters; canonical: 1,584
	src := "Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: '" + long + "'\n      LogGroupName: x\n"
	res, err := Format("t.yaml", []byte(src), TypeAuto)
	require.NoError(t, err)
	assert.False(t, res.Changed)
	assert.Equal(t, src, string(res.Output))
}
