package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/diag"
)

func TestParseConfig(t *testing.T) {
	c, err := ParseConfig(".cwpat.yaml", []byte("lint:\n  exclude: [testdata, '*.gen.yaml']\n  disable: metric-without-alarm\n  severity:\n    ne-missing-field: error\n    duplicate-alarm: info\n"))
	require.NoError(t, err)
	assert.Equal(t, []string{"testdata", "*.gen.yaml"}, c.Exclude)
	assert.Equal(t, []string{"metric-without-alarm"}, c.Disable)
	assert.Equal(t, map[string]diag.Severity{"ne-missing-field": diag.Error, "duplicate-alarm": diag.Info}, c.Severity)

	l := c.Apply(diag.List{
		{Code: "metric-without-alarm", Severity: diag.Info},
		{Code: "ne-missing-field", Severity: diag.Warning},
		{Code: "unclosed-brace", Severity: diag.Error},
	})
	require.Len(t, l, 2)
	assert.Equal(t, diag.Error, l[0].Severity, "overridden")
	assert.Equal(t, "unclosed-brace", l[1].Code)

	c, err = ParseConfig(".cwpat.yaml", nil)
	require.NoError(t, err)
	assert.Empty(t, c.Apply(nil))
}

// TestConfigIsStrict: every problem is an error at its line and column,
// with the nearest known name.
func TestConfigIsStrict(t *testing.T) {
	src := "lint:\n  exlude: [x]\n  disable: [ne-mising-field, unclosed-brace]\n  severity:\n    duplicate-alarm: critical\n    no-such-code: error\nlnt: {}\n"
	_, err := ParseConfig("repo/.cwpat.yaml", []byte(src))
	l, ok := diag.As(err)
	require.True(t, ok)
	var got []string
	for _, d := range l {
		assert.Equal(t, CodeConfig, d.Code)
		assert.Equal(t, "repo/.cwpat.yaml", d.Pos.File)
		got = append(got, d.Pos.String()+" "+d.Message+" | "+d.Hint)
	}
	assert.Equal(t, []string{
		`repo/.cwpat.yaml:2:3 unknown key "exlude" | did you mean exclude?`,
		`repo/.cwpat.yaml:3:13 no check reports code "ne-mising-field" | did you mean ne-missing-field?`,
		`repo/.cwpat.yaml:5:22 unknown severity "critical" | use error, warning or info; to turn a code off, list it under disable`,
		`repo/.cwpat.yaml:6:5 no check reports code "no-such-code" | cwpat lint --list-codes lists lint's own codes; docs/lint/README.md lists them all`,
		`repo/.cwpat.yaml:7:1 unknown key "lnt" | did you mean lint?`,
	}, got)
	assert.Equal(t, "  exlude: [x]", l[0].SourceLine)

	_, err = ParseConfig("c.yaml", []byte("lint: [a]\n"))
	assert.ErrorContains(t, err, "lint must be a mapping")
	_, err = ParseConfig("c.yaml", []byte("lint: {exclude: {a: b}}\n"))
	assert.ErrorContains(t, err, "exclude must be a list")
	_, err = ParseConfig("c.yaml", []byte("lint: {exclude: [a\n"))
	assert.Error(t, err)
}

func TestFindConfigUpward(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	require.NoError(t, os.MkdirAll(deep, 0o755))
	assert.Equal(t, "", FindConfig(deep))
	require.NoError(t, os.WriteFile(filepath.Join(root, ".cwpat.yml"), []byte("lint: {}\n"), 0o644))
	assert.Equal(t, filepath.Join(root, ".cwpat.yml"), FindConfig(deep))
	require.NoError(t, os.WriteFile(filepath.Join(root, "a", ".cwpat.yaml"), []byte("lint: {}\n"), 0o644))
	assert.Equal(t, filepath.Join(root, "a", ".cwpat.yaml"), FindConfig(deep), "the nearest wins")
	c, err := LoadConfig(FindConfig(deep))
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, "a", ".cwpat.yaml"), c.Path)
	_, err = LoadConfig(filepath.Join(root, "missing.yaml"))
	assert.ErrorContains(t, err, "cannot read")
}
