package pattern

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCodesListed: every code the package's sources report is in Codes,
// once, and every listed code is reported somewhere.
func TestCodesListed(t *testing.T) {
	listed := map[string]bool{}
	for _, c := range Codes {
		assert.False(t, listed[c.Code], "duplicate %s", c.Code)
		listed[c.Code] = true
		assert.Regexp(t, `^[a-z]+(-[a-z]+)*$`, c.Code)
		assert.NotEmpty(t, c.Summary)
	}
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	used := map[string]bool{}
	// Codes appear as the first string argument of the reporting helpers.
	re := regexp.MustCompile(`(?:errorf|warn|bad|requestProblem|fail|problem\(src,|problem\(c\.src,|unclosed\([^"]*)\("?([a-z]+(?:-[a-z]+)+)"`)
	re2 := regexp.MustCompile(`problem\(src, "([a-z]+(?:-[a-z]+)+)"|\{"metric[A-Za-z]+", "([a-z]+(?:-[a-z]+)+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "codes.go" {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
		for _, m := range re2.FindAllStringSubmatch(string(b), -1) {
			used[m[1]+m[2]] = true
		}
	}
	for code := range used {
		assert.True(t, listed[code], "code %q is reported but not listed in Codes", code)
	}
	for code := range listed {
		assert.True(t, used[code] || code == "unclosed-brace" || code == "unclosed-bracket",
			"code %q is listed but never reported", code)
	}
	assert.Greater(t, len(used), 40)
}
