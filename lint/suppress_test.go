package lint

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
)

// TestInlineIgnore checks cwpat:ignore comments: on the finding's line or
// alone on the line before, for all codes or the named ones only.
func TestInlineIgnore(t *testing.T) {
	const head = "Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      LogGroupName: CloudTrail/DefaultLogGroup\n"
	tests := []struct {
		name, file, src string
		want            []string
	}{
		{"no directive", "t.yaml", head + "      FilterPattern: '{ $.eventname != x }'\n", []string{"ne-missing-field", "unknown-cloudtrail-field"}},
		{"same line, all codes", "t.yaml", head + "      FilterPattern: '{ $.eventname != x }' # cwpat:ignore\n", nil},
		{"same line, one code", "t.yaml", head + "      FilterPattern: '{ $.eventname != x }' # cwpat:ignore ne-missing-field\n", []string{"unknown-cloudtrail-field"}},
		{"line before, two codes", "t.yaml", head + "      # cwpat:ignore ne-missing-field,unknown-cloudtrail-field\n      FilterPattern: '{ $.eventname != x }'\n", nil},
		{"line before must be a comment alone", "t.yaml", head + "      Foo: 1 # cwpat:ignore\n      FilterPattern: '{ $.eventname != x }'\n", []string{"ne-missing-field", "unknown-cloudtrail-field"}},
		{"other code does not silence", "t.yaml", head + "      FilterPattern: '{ $.eventname != x }' # cwpat:ignore never-matches\n", []string{"ne-missing-field", "unknown-cloudtrail-field"}},
		{"terraform // comment", "t.tf", "resource \"aws_cloudwatch_log_subscription_filter\" \"s\" {\n  // cwpat:ignore\n  filter_pattern = \"{ $.a != 1 }\"\n}\n", nil},
		{"pattern file", "t.patterns", "# cwpat:ignore ignored-or-terms\n?ERROR WARN\n?ERROR WARN\n", []string{"ignored-or-terms"}},
		{"not inside a pattern", "t.patterns", "\"cwpat:ignore\" ?ERROR WARN\n", []string{"ignored-or-terms"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Lint([]string{tt.file}, Options{FS: fstest.MapFS{tt.file: {Data: []byte(tt.src)}}})
			var got []string
			for _, d := range r.Diagnostics {
				got = append(got, d.Code)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestExclude checks --exclude globs against whole paths and path elements.
func TestExclude(t *testing.T) {
	fsys := fstest.MapFS{
		"repo/a.patterns":                {Data: []byte("ERROR\n")},
		"repo/testdata/bad.patterns":     {Data: []byte("{\n")},
		"repo/build/gen.patterns":        {Data: []byte("{\n")},
		"repo/x/skip.generated.patterns": {Data: []byte("{\n")},
	}
	r := Lint([]string{"repo"}, Options{FS: fsys, Exclude: []string{"testdata", "repo/build", "*.generated.patterns"}})
	assert.Equal(t, []string{"repo/a.patterns"}, r.Inputs)
	assert.Empty(t, r.Diagnostics)
}
