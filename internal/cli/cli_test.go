package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite the golden files named by stdout_golden / stderr_golden")

// cliCase is one end-to-end run of the program, written as data in
// testdata/cases/<command>.yaml (a YAML list of cases; unknown keys are
// errors). Paths in args are relative to internal/cli, where tests run;
// stdin_file and the golden files are relative to the case file's folder.
type cliCase struct {
	Name      string            `yaml:"name"`
	Args      []string          `yaml:"args"`
	Stdin     *string           `yaml:"stdin"`
	StdinFile string            `yaml:"stdin_file"`
	Env       map[string]string `yaml:"env"`

	// Expectations on stdout: exact text, a golden file, substrings, and
	// "is exactly one JSON document".
	Stdout         *string    `yaml:"stdout"`
	StdoutGolden   string     `yaml:"stdout_golden"`
	StdoutContains stringList `yaml:"stdout_contains"`
	StdoutJSON     bool       `yaml:"stdout_json"`
	// StdoutNDJSON: one JSON document per line, for output that streams
	// records as they match (match --rules -o json), as grep streams lines.
	StdoutNDJSON bool `yaml:"stdout_ndjson"`

	Stderr         *string    `yaml:"stderr"`
	StderrGolden   string     `yaml:"stderr_golden"`
	StderrContains stringList `yaml:"stderr_contains"`

	ExitCode int `yaml:"exit_code"`

	line int // where the case starts, for failure messages
}

// stringList accepts one string or a list of strings.
type stringList []string

func (s *stringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = []string{n.Value}
		return nil
	}
	var l []string
	if err := n.Decode(&l); err != nil {
		return err
	}
	*s = l
	return nil
}

// loadCases reads one case file strictly: unknown keys, a missing name or
// args, duplicate names and contradictory keys are errors, so a typo in a
// case cannot silently turn it into a test that checks nothing.
func loadCases(path string) ([]cliCase, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var cases []cliCase
	if err := dec.Decode(&cases); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var nodes []yaml.Node
	if err := yaml.Unmarshal(data, &nodes); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	seen := map[string]bool{}
	for i := range cases {
		c := &cases[i]
		c.line = nodes[i].Line
		where := fmt.Sprintf("%s:%d", path, c.line)
		switch {
		case c.Name == "":
			return nil, fmt.Errorf("%s: case has no name", where)
		case seen[c.Name]:
			return nil, fmt.Errorf("%s: duplicate case name %q", where, c.Name)
		case c.Args == nil:
			return nil, fmt.Errorf("%s: case %q has no args (use [] for none)", where, c.Name)
		case c.Stdin != nil && c.StdinFile != "":
			return nil, fmt.Errorf("%s: case %q has both stdin and stdin_file", where, c.Name)
		case c.Stdout != nil && c.StdoutGolden != "":
			return nil, fmt.Errorf("%s: case %q has both stdout and stdout_golden", where, c.Name)
		case c.Stderr != nil && c.StderrGolden != "":
			return nil, fmt.Errorf("%s: case %q has both stderr and stderr_golden", where, c.Name)
		}
		seen[c.Name] = true
	}
	return cases, nil
}

// TestCases runs every testdata/cases/*.yaml file. Each file belongs to one
// command's owner and runs as its own parallel subtest; cases inside a file
// run in order.
func TestCases(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cases", "*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".yaml"), func(t *testing.T) {
			t.Parallel()
			cases, err := loadCases(file)
			require.NoError(t, err)
			for _, c := range cases {
				t.Run(c.Name, func(t *testing.T) { runCase(t, filepath.Dir(file), c) })
			}
		})
	}
}

func runCase(t *testing.T, dir string, c cliCase) {
	t.Helper()
	var stdin io.Reader = strings.NewReader("")
	if c.Stdin != nil {
		stdin = strings.NewReader(*c.Stdin)
	}
	if c.StdinFile != "" {
		data, err := os.ReadFile(filepath.Join(dir, c.StdinFile))
		require.NoError(t, err)
		stdin = bytes.NewReader(data)
	}
	getenv := func(k string) string { return c.Env[k] }
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	code := Run(ctx, c.Args, stdin, &stdout, &stderr, getenv)

	where := fmt.Sprintf("case %q at line %d: cwpat %s\nstdout:\n%s\nstderr:\n%s",
		c.Name, c.line, strings.Join(c.Args, " "), stdout.String(), stderr.String())
	assert.Equal(t, c.ExitCode, code, "exit code; %s", where)
	checkStream(t, "stdout", dir, stdout.String(), c.Stdout, c.StdoutGolden, c.StdoutContains, where)
	checkStream(t, "stderr", dir, stderr.String(), c.Stderr, c.StderrGolden, c.StderrContains, where)
	// A machine format puts exactly one document on stdout (STYLE.md), for
	// every command: checked whenever a case asks for JSON or SARIF and the
	// command ran (exit 0 or 1), even if the case does not say stdout_json.
	if c.StdoutNDJSON {
		for i, line := range strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n") {
			assert.True(t, json.Valid([]byte(line)), "stdout line %d is not one JSON document; %s", i+1, where)
		}
	} else if c.StdoutJSON || (code != ExitUsage && asksForJSON(c.Args)) {
		dec := json.NewDecoder(bytes.NewReader(stdout.Bytes()))
		var v any
		assert.NoError(t, dec.Decode(&v), "stdout is not JSON; %s", where)
		_, err := dec.Token()
		assert.ErrorIs(t, err, io.EOF, "stdout has more than one JSON document; %s", where)
	}
}

// asksForJSON reports whether args choose a JSON-based output format.
func asksForJSON(args []string) bool {
	for i, a := range args {
		v, ok := "", false
		switch {
		case (a == "-o" || a == "--output") && i+1 < len(args):
			v, ok = args[i+1], true
		case strings.HasPrefix(a, "--output="):
			v, ok = strings.TrimPrefix(a, "--output="), true
		case strings.HasPrefix(a, "-o") && len(a) > 2:
			v, ok = a[2:], true
		}
		if ok && (strings.EqualFold(v, "json") || strings.EqualFold(v, "sarif")) {
			return true
		}
	}
	return false
}

func checkStream(t *testing.T, stream, dir, got string, exact *string, golden string, contains []string, where string) {
	t.Helper()
	if exact != nil {
		assert.Equal(t, *exact, got, "%s; %s", stream, where)
	}
	if golden != "" {
		path := filepath.Join(dir, golden)
		if *update {
			require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
			require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		} else {
			want, err := os.ReadFile(path)
			if assert.NoError(t, err, "golden file missing: run go test ./internal/cli -update") {
				assert.Equal(t, string(want), got, "%s differs from %s (go test ./internal/cli -update rewrites it); %s", stream, path, where)
			}
		}
	}
	for _, s := range contains {
		assert.Contains(t, got, s, "%s; %s", stream, where)
	}
}

func TestLoadCasesIsStrict(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"unknown key":    "- name: a\n  args: []\n  exitcode: 1\n",
		"no name":        "- args: []\n",
		"no args":        "- name: a\n",
		"duplicate name": "- name: a\n  args: []\n- name: a\n  args: []\n",
		"two stdouts":    "- name: a\n  args: []\n  stdout: x\n  stdout_golden: x.txt\n",
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".yaml")
		require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
		_, err := loadCases(path)
		assert.Error(t, err, name)
	}
}

// A hidden command that panics, so the recover in RunApp is tested.
func init() {
	testCommands = append(testCommands, func(*App) *cobra.Command {
		return &cobra.Command{
			Use: "internal-test-panic", Short: "panic (tests only)", Hidden: true,
			RunE: func(*cobra.Command, []string) error {
				panic("simulated bug")
			},
		}
	})
}

func TestPanicBecomesInternalError(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"internal-test-panic"}, strings.NewReader(""), &stdout, &stderr, nil)
	assert.Equal(t, ExitUsage, code)
	assert.Empty(t, stdout.String())
	assert.Contains(t, stderr.String(), "cwpat: internal error: simulated bug")
	assert.Contains(t, stderr.String(), "This is a bug in cwpat")
	assert.Contains(t, stderr.String(), "command: cwpat internal-test-panic")
}

// TestEveryCommandHasHelp holds every registered command, including those
// added by other files, to the same bar: a one-line summary, described
// flags, and a --help that exits 0.
func TestEveryCommandHasHelp(t *testing.T) {
	root := NewRoot(&App{Ctx: context.Background(), Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }})
	var walk func(c *cobra.Command)
	var paths []string
	walk = func(c *cobra.Command) {
		if c.Hidden {
			return
		}
		if c != root && c.Name() != "help" && c.Name() != "completion" && c.Parent().Name() != "completion" {
			paths = append(paths, c.CommandPath())
			assert.NotEmpty(t, c.Short, "%s: no Short description", c.CommandPath())
			c.LocalFlags().VisitAll(func(f *pflag.Flag) {
				assert.NotEmpty(t, f.Usage, "%s --%s: no usage text", c.CommandPath(), f.Name)
			})
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	sort.Strings(paths)
	require.Contains(t, paths, "cwpat version")
	for _, p := range paths {
		args := append(strings.Fields(p)[1:], "--help")
		var stdout, stderr bytes.Buffer
		code := Run(context.Background(), args, strings.NewReader(""), &stdout, &stderr, nil)
		assert.Equal(t, ExitOK, code, "%s --help: %s", p, stderr.String())
		assert.Contains(t, stdout.String(), "Usage:", "%s --help", p)
	}
}
