package lint

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPositionsLandOnTheText checks, for every way a pattern can be
// written, that a finding inside the pattern points at the exact character
// in the file: the '@' of an unquoted x@y (unquoted-special-character).
// Quotes, escapes, folding and block indentation before it shift columns.
func TestPositionsLandOnTheText(t *testing.T) {
	const mf = "Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: "
	const tf = "resource \"aws_cloudwatch_log_subscription_filter\" \"s\" {\n  filter_pattern = "
	tests := []struct {
		name, file, src string
		at              string // the file text at the finding starts with this
	}{
		{"yaml plain", "t.yaml", mf + "ERROR x@y\n", "@y\n"},
		{"yaml single quoted with ''", "t.yaml", mf + "'\"it''s\" x@y'\n", "@y'"},
		{"yaml double quoted with escapes", "t.yaml", mf + "\"\\\"a\\\\b\\\" \\u00e9 x@y\"\n", "@y\""},
		{"yaml double quoted folded", "t.yaml", mf + "\"ERROR\n        x@y\"\n", "@y\""},
		{"yaml plain folded", "t.yaml", mf + "ERROR\n        x@y\n", "@y\n"},
		{"yaml literal block", "t.yaml", mf + "|\n        ERROR\n        x@y\n", "@y\n"},
		{"yaml folded block", "t.yaml", mf + ">-\n        ERROR\n        x@y\n", "@y\n"},
		{"yaml block with explicit indent", "t.yaml", mf + "|2-\n          ERROR x@y\n", "@y\n"},
		{"yaml !Sub with ${!}", "t.yaml", mf + "!Sub '\"${!a}\" x@y'\n", "@y'"},
		{"yaml Fn::Sub mapping", "t.yaml", mf + "\n        Fn::Sub: \"ERROR x@y\"\n", "@y\""},
		{"yaml !Join", "t.yaml", mf + "!Join [' ', [ERROR, 'x@y']]\n", "@y'"},
		{"yaml anchor and alias", "t.yaml", "P: &p \"ERROR x@y\"\n" + mf + "*p\n", "@y\"\nR"},
		{"json with escapes", "t.json", `{"Resources": {"F": {"Type": "AWS::Logs::MetricFilter", "Properties": {"FilterPattern": "\"\u00e9\\\\\" x@y"}}}}`, "@y\"}"},
		{"json Fn::Join", "t.json", `{"Resources": {"F": {"Type": "AWS::Logs::MetricFilter", "Properties": {"FilterPattern": {"Fn::Join": [" ", ["ERROR", "x@y"]]}}}}}`, "@y\"]"},
		{"terraform quoted with escapes", "t.tf", tf + `"\"x\\\\y\" \"$${c}\" x@y"` + "\n}\n", "@y\"\n}"},
		{"terraform heredoc", "t.tf", tf + "<<EOT\nERROR\nx@y\nEOT\n}\n", "@y\nEOT"},
		{"terraform flush heredoc", "t.tf", tf + "<<-EOT\n    ERROR\n      x@y\n  EOT\n}\n", "@y\n  EOT"},
		{"terraform local", "t.tf", "locals {\n  p = \"ERROR x@y\"\n}\n" + tf + "local.p\n}\n", "@y\"\n}"},
		{"terraform for_each over a local", "t.tf", "locals {\n  m = {\n    a = { p = \"ERROR x@y\" }\n  }\n}\nresource \"aws_cloudwatch_log_subscription_filter\" \"s\" {\n  for_each = local.m\n  filter_pattern = each.value.p\n}\n", "@y\" }"},
		{"terraform json", "t.tf.json", `{"resource": {"aws_cloudwatch_log_subscription_filter": {"s": {"filter_pattern": "\"$${a}\" \u00e9 x@y"}}}}`, "@y\"}"},
		{"pattern file", "t.patterns", "# c\n\n   ERROR x@y   \n", "@y   \n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Lint([]string{tt.file}, Options{FS: fstest.MapFS{tt.file: {Data: []byte(tt.src)}}})
			var got []string
			for _, d := range r.Diagnostics {
				got = append(got, d.Code)
				if d.Code != "unquoted-special-character" {
					continue
				}
				require.True(t, d.Pos.IsValid())
				assert.True(t, strings.HasPrefix(tt.src[d.Pos.Offset:], tt.at), "points at %q", tt.src[d.Pos.Offset:])
				line := strings.Split(tt.src, "\n")[d.Pos.Line-1]
				assert.Equal(t, line, d.SourceLine)
				assert.Equal(t, "@", string([]rune(line)[d.Pos.Column-1]), "column %d of %q", d.Pos.Column, line)
				return
			}
			t.Fatalf("no unquoted-special-character finding; got %v", got)
		})
	}
}
