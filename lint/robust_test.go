package lint

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/diag"
)

// failingFS is a file system where one file cannot be read.
type failingFS struct {
	fstest.MapFS
	bad string
}

func (f failingFS) Open(name string) (fs.File, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("permission denied")}
	}
	return f.MapFS.Open(name)
}

func (f failingFS) ReadFile(name string) ([]byte, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("permission denied")}
	}
	return f.MapFS.ReadFile(name)
}

func (f failingFS) Stat(name string) (fs.FileInfo, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: errors.New("permission denied")}
	}
	return f.MapFS.Stat(name)
}

// TestBadInputKeepsGoing lints a tree full of hostile files next to a good
// one: every bad file gets one clear error naming it (with a position where
// there is one), nothing panics, and the good file is still checked.
func TestBadInputKeepsGoing(t *testing.T) {
	long := "{ $.a = \"" + strings.Repeat("x", 5000) + "\" }"
	deep := strings.Repeat("[", 100000)
	laughs := "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n" +
		"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\nResources: {X: {Type: 'AWS::Logs::MetricFilter', Properties: {FilterPattern: '{ $.a = ', Y: *h}}}\n"
	fsys := failingFS{MapFS: fstest.MapFS{
		"t/long.pattern":     {Data: []byte("# a pattern AWS refuses for its length\n" + long + "\n")},
		"t/garbage.patterns": {Data: []byte("\x7fELF\x02\x01\x01\x00\x00\xff\xfe")},
		"t/latin1.pattern":   {Data: []byte("ERROR caf\xe9\n")},
		"t/broken.yaml":      {Data: []byte("Resources:\n  X:\n    Type: [\n")},
		"t/broken.tf":        {Data: []byte("resource \"aws_cloudwatch_log_metric_filter\" \"x\" {\n  pattern = \"ERROR\n}\n")},
		"t/deep.json":        {Data: []byte(deep)},
		"t/laughs.yaml":      {Data: []byte(laughs)},
		"t/secret.pattern":   {Data: []byte("ERROR\n")},
		"t/good.pattern":     {Data: []byte("{ $.eventName = ConsoleLogin \n")},
	}, bad: "t/secret.pattern"}
	r := Lint([]string{"t", "t/missing.yaml"}, Options{FS: fsys})

	byFile := map[string][]string{}
	for _, d := range r.Diagnostics {
		byFile[d.Pos.File] = append(byFile[d.Pos.File], d.Code)
		assert.NotEmpty(t, d.Message)
	}
	assert.Contains(t, byFile["t/long.pattern"], "pattern-too-long")
	assert.Equal(t, []string{CodeFileNotText}, byFile["t/garbage.patterns"])
	assert.Equal(t, []string{CodeFileNotText}, byFile["t/latin1.pattern"])
	assert.Equal(t, []string{CodeYAMLSyntax}, byFile["t/broken.yaml"])
	assert.Equal(t, []string{CodeHCLSyntax}, byFile["t/broken.tf"])
	assert.Equal(t, []string{CodeJSONSyntax}, byFile["t/deep.json"])
	assert.Contains(t, byFile["t/laughs.yaml"], "unclosed-brace")
	assert.Equal(t, []string{CodeFileUnreadable}, byFile["t/secret.pattern"])
	assert.Equal(t, []string{CodeFileUnreadable}, byFile["t/missing.yaml"])
	assert.Contains(t, byFile["t/good.pattern"], "unclosed-brace", "the good file is still checked")
	assert.Equal(t, 7, r.InputErrors)

	for _, d := range r.Diagnostics {
		switch d.Pos.File {
		case "t/secret.pattern", "t/missing.yaml":
			assert.False(t, d.Pos.IsValid(), "an unreadable file has no position")
		default:
			assert.True(t, d.Pos.IsValid(), "%s: %s has a position", d.Pos.File, d.Code)
		}
	}
	latin := find(r.Diagnostics, "t/latin1.pattern")
	assert.Equal(t, 1, latin.Pos.Line)
	assert.Equal(t, 10, latin.Pos.Column, "points at the byte that is not UTF-8")
	assert.Contains(t, latin.Message, "0xe9")
}

func find(l diag.List, file string) diag.Diagnostic {
	for _, d := range l {
		if d.Pos.File == file {
			return d
		}
	}
	return diag.Diagnostic{}
}

// TestUnrecognizedExplicitFile: a named file lint cannot read is an input
// error with a hint; the same file found by walking a folder is skipped.
func TestUnrecognizedExplicitFile(t *testing.T) {
	fsys := fstest.MapFS{
		"d/notes.txt":    {Data: []byte("hello")},
		"d/package.json": {Data: []byte(`{"name": "x"}`)},
	}
	r := Lint([]string{"d"}, Options{FS: fsys})
	assert.Empty(t, r.Diagnostics)
	assert.Equal(t, 1, r.Files, "package.json is examined and found to be no template; notes.txt is not read")

	r = Lint([]string{"d/notes.txt", "d/package.json"}, Options{FS: fsys})
	require.Len(t, r.Diagnostics, 2)
	for _, d := range r.Diagnostics {
		assert.Equal(t, CodeUnrecognizedFile, d.Code)
		assert.Contains(t, d.Hint, "--type")
	}
	r = Lint([]string{"d/notes.txt"}, Options{FS: fsys, Type: TypePatterns})
	assert.Empty(t, r.Diagnostics, "--type patterns reads it: hello is a valid term pattern")
	assert.Equal(t, 1, r.Patterns)
}

// TestYAMLErrorsPointAtTheCause checks the column lint adds to yaml.v3's
// line-only syntax errors.
func TestYAMLErrorsPointAtTheCause(t *testing.T) {
	tests := []struct{ name, src, at, hint string }{
		{"unclosed double quote", "Resources:\n  F:\n    FilterPattern: \"{ $.a = 1 }\n    X: 1\n", "\"{ $.a", "close the quote"},
		{"unclosed single quote", "Resources:\n  F:\n    FilterPattern: '{ $.a = 1 }\n", "'{ $.a", "close the quote"},
		{"colon in a plain value", "Resources:\n  F:\n    FilterPattern: ERROR: timeout\n", ": timeout", "quote the value"},
		{"tab indent", "Resources:\n\tF: 1\n", "\tF", "not tabs"},
		{"at sign", "Resources:\n  F:\n    FilterPattern: @x\n", "@x", "must be quoted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Lint([]string{"t.yaml"}, Options{FS: fstest.MapFS{"t.yaml": {Data: []byte(tt.src)}}})
			require.Len(t, r.Diagnostics, 1)
			d := r.Diagnostics[0]
			assert.Equal(t, CodeYAMLSyntax, d.Code)
			assert.True(t, strings.HasPrefix(tt.src[d.Pos.Offset:], tt.at), "points at %q", tt.src[d.Pos.Offset:])
			assert.Contains(t, d.Hint, tt.hint)
		})
	}
}

// TestPartialPatterns: in a pattern built by substitution, the selectors
// written around ${...} are still checked; nothing is guessed about the
// substituted value.
func TestPartialPatterns(t *testing.T) {
	tests := []struct{ name, file, src string }{
		{"Fn::Sub", "t.yaml", "Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: !Sub \"{ $.recipientAccountId = ${AWS::AccountId} && $.eventname = X }\"\n"},
		{"HCL interpolation", "t.tf", "resource \"aws_cloudwatch_log_subscription_filter\" \"s\" {\n  filter_pattern = \"{ $.recipientAccountId = ${var.id} && $.eventname = X }\"\n}\n"},
		{"HCL heredoc", "t.tf", "resource \"aws_cloudwatch_log_subscription_filter\" \"s\" {\n  filter_pattern = <<EOT\n{ $.recipientAccountId = ${var.id} && $.eventname = X }\nEOT\n}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Lint([]string{tt.file}, Options{FS: fstest.MapFS{tt.file: {Data: []byte(tt.src)}}})
			var codes []string
			for _, d := range r.Diagnostics {
				codes = append(codes, d.Code)
				if d.Code == CodeUnknownField {
					assert.True(t, strings.HasPrefix(tt.src[d.Pos.Offset:], "$.eventname"), "points at %q", tt.src[d.Pos.Offset:])
				}
			}
			assert.ElementsMatch(t, []string{CodePatternNotLiteral, CodeUnknownField}, codes)
		})
	}
}
