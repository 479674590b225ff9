package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeBlock returns the lines of the fenced block between
// <!-- ci:name --> and <!-- /ci:name -->, as .ci/run extracts them.
func readmeBlock(t *testing.T, readme, name string) []string {
	t.Helper()
	start := strings.Index(readme, "<!-- ci:"+name+" -->")
	end := strings.Index(readme, "<!-- /ci:"+name+" -->")
	require.True(t, start >= 0 && end > start, "README.md has no <!-- ci:%s --> block", name)
	var lines []string
	fence := false
	for _, l := range strings.Split(readme[start:end], "\n")[1:] {
		if strings.HasPrefix(l, "```") {
			fence = !fence
			continue
		}
		if fence && strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// shellWords splits a command line the way sh does for the simple lines a
// README holds: blanks, 'single' and "double" quotes. Anything that needs a
// real shell (variables, pipes, globs) is refused so the test cannot
// silently diverge from what .ci/run executes.
func shellWords(line string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unclosed ' in %q", line)
			}
			cur.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			j := strings.IndexByte(line[i+1:], '"')
			if j < 0 || strings.ContainsAny(line[i+1:i+1+j], `\$`+"`") {
				return nil, fmt.Errorf("double quotes needing a shell in %q", line)
			}
			cur.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case strings.IndexByte("$|;&<>*?`\\(){}", c) >= 0:
			return nil, fmt.Errorf("%q needs a shell (%c)", line, c)
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

func readREADME(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	return string(b)
}

// TestREADMEQuickstartRuns runs the README's quickstart command in-process:
// the line a new user pastes first must work and exit 0.
func TestREADMEQuickstartRuns(t *testing.T) {
	lines := readmeBlock(t, readREADME(t), "quickstart")
	require.Len(t, lines, 1, "the quickstart is one command")
	words, err := shellWords(lines[0])
	require.NoError(t, err)
	require.Greater(t, len(words), 3)
	require.Equal(t, []string{"go", "run", "./cmd/cwpat"}, words[:3], "the quickstart runs cwpat from the clone")
	for _, w := range words[3:] {
		require.False(t, strings.HasPrefix(w, "./") || strings.HasPrefix(w, "examples/"),
			"the quickstart must not depend on the working directory (%q); it runs on built-in data", w)
	}
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), words[3:], strings.NewReader(""), &stdout, &stderr, nil)
	assert.Equal(t, ExitOK, code, "stderr: %s", stderr.String())
	assert.NotEmpty(t, stdout.String())
}

// TestREADMETestCommand keeps the README's test command the one CI needs:
// every package, with the race detector.
func TestREADMETestCommand(t *testing.T) {
	lines := readmeBlock(t, readREADME(t), "test")
	require.Equal(t, []string{"go test -race -timeout 30m ./..."}, lines)
}

// TestREADMETourCoversEveryCommand checks that every command a user can run
// is introduced in the README's tour.
func TestREADMETourCoversEveryCommand(t *testing.T) {
	readme := readREADME(t)
	var names []string
	for _, c := range commands(&App{}) {
		if n := c.Name(); n != "version" {
			names = append(names, n)
		}
	}
	for _, n := range names {
		heading := regexp.MustCompile("(?m)^#{3,4} .*`cwpat " + regexp.QuoteMeta(n) + "[` ]")
		assert.True(t, heading.MatchString(readme), "README.md has no tour heading for `cwpat %s`", n)
	}
}

func TestShellWords(t *testing.T) {
	w, err := shellWords(`go run ./cmd/cwpat x --a '{ $.a = "b" }' "c d"`)
	require.NoError(t, err)
	assert.Equal(t, []string{"go", "run", "./cmd/cwpat", "x", "--a", `{ $.a = "b" }`, "c d"}, w)
	_, err = shellWords(`go run . | head`)
	assert.Error(t, err)
	_, err = shellWords(`echo $HOME`)
	assert.Error(t, err)
}

// TestDocLinksResolve checks every relative link in the user-facing
// Markdown this package's owner maintains, so a moved file shows up here
// rather than as a 404 on GitHub.
func TestDocLinksResolve(t *testing.T) {
	link := regexp.MustCompile(`\]\(([^)#\s]+)(#[^)]*)?\)`)
	root := filepath.Join("..", "..")
	checked := 0
	for _, doc := range []string{"README.md", "docs/cli.md", "examples/README.md", "internal/cli/testdata/cases/README.md"} {
		b, err := os.ReadFile(filepath.Join(root, doc))
		require.NoError(t, err)
		for _, m := range link.FindAllStringSubmatch(string(b), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			_, err := os.Stat(filepath.Join(root, filepath.Dir(doc), target))
			assert.NoError(t, err, "%s links to %s", doc, target)
			checked++
		}
	}
	assert.Greater(t, checked, 15, "the link pattern stopped finding links")
}
