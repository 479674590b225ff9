package lint

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
)

// TestCRLFAndBOM: Windows line endings and a UTF-8 byte order mark change
// neither what is found nor where.
func TestCRLFAndBOM(t *testing.T) {
	const mf = "Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: "
	const tf = "resource \"aws_cloudwatch_log_subscription_filter\" \"s\" {\n  filter_pattern = "
	tests := []struct{ name, file, src string }{
		{"yaml double folded", "t.yaml", mf + "\"ERROR\n        x@y\"\n"},
		{"yaml plain folded", "t.yaml", mf + "ERROR\n        x@y\n"},
		{"yaml literal block", "t.yaml", mf + "|\n        ERROR\n        x@y\n"},
		{"yaml folded block", "t.yaml", mf + ">-\n        ERROR\n        x@y\n"},
		{"json", "t.json", "{\"Resources\": {\"F\": {\"Type\": \"AWS::Logs::MetricFilter\",\n \"Properties\": {\"FilterPattern\": \"ERROR x@y\"}}}}\n"},
		{"terraform heredoc", "t.tf", tf + "<<EOT\nERROR\nx@y\nEOT\n}\n"},
		{"pattern file", "t.patterns", "# c\nERROR x@y\n"},
	}
	for _, tt := range tests {
		for _, variant := range []struct{ name, prefix, nl string }{{"crlf", "", "\r\n"}, {"bom", "\ufeff", "\n"}} {
			t.Run(tt.name+"/"+variant.name, func(t *testing.T) {
				src := variant.prefix + strings.ReplaceAll(tt.src, "\n", variant.nl)
				r := Lint([]string{tt.file}, Options{FS: fstest.MapFS{tt.file: {Data: []byte(src)}}})
				var codes []string
				for _, d := range r.Diagnostics {
					codes = append(codes, d.Code)
					if d.Code == "unquoted-special-character" {
						assert.True(t, strings.HasPrefix(src[d.Pos.Offset:], "@y"), "points at %q", src[d.Pos.Offset:])
					}
				}
				assert.Equal(t, []string{"unquoted-special-character"}, codes)
			})
		}
	}
}
