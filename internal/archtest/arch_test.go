// Package archtest keeps the house's one-way rules, as `go list` sees them:
// libraries never import the CLI, the pattern language depends on nothing of
// cwpat but diagnostics and AWS's limits, and the shipped binary links
// neither the testing package nor any test-only or cgo package.
package archtest

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const module = "github.com/cwpat/cwpat"

type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
	CgoFiles   []string
}

// list runs `go list -json` on the patterns from the module root.
func list(t *testing.T, args ...string) []pkg {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-json"}, args...)...)
	cmd.Dir = "../.."
	cmd.Env = append(cmd.Environ(), "CGO_ENABLED=0")
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok {
		t.Fatalf("go list: %v\n%s", err, ee.Stderr)
	}
	require.NoError(t, err)
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else {
			require.NoError(t, err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func own(imports []string) []string {
	var out []string
	for _, i := range imports {
		if i == module || strings.HasPrefix(i, module+"/") {
			out = append(out, strings.TrimPrefix(strings.TrimPrefix(i, module), "/"))
		}
	}
	return out
}

// TestLibrariesNeverImportTheCLI: data flows one way, towards the program.
func TestLibrariesNeverImportTheCLI(t *testing.T) {
	for _, p := range list(t, "./...") {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		if rel == "cmd/cwpat" || strings.HasPrefix(rel, "internal/cli") {
			continue
		}
		for _, i := range own(p.Imports) {
			require.False(t, strings.HasPrefix(i, "internal/cli"), "%s imports %s: libraries never import the CLI", rel, i)
			require.NotEqual(t, "cmd/cwpat", i, "%s imports the program", rel)
		}
	}
}

// TestPatternDependsOnlyOnDiagAndLimits: the language is the foundation;
// anything else of cwpat in its imports is a cycle waiting to happen.
func TestPatternDependsOnlyOnDiagAndLimits(t *testing.T) {
	allowed := func(i string) bool {
		return i == "diag" || i == "awslimits" || strings.HasPrefix(i, "pattern/") || strings.HasPrefix(i, "awslimits/")
	}
	for _, p := range list(t, "./pattern/...") {
		for _, i := range own(p.Imports) {
			require.True(t, allowed(i), "%s imports %s; pattern may import only diag and awslimits", p.ImportPath, i)
		}
	}
}

// TestShippedBinaryLinksNoTestCode: `cwpat` is one pure-Go binary; test
// helpers (localawstest, testenv) and the testing package stay out of it.
func TestShippedBinaryLinksNoTestCode(t *testing.T) {
	for _, d := range list(t, "-deps", "./cmd/cwpat") {
		require.NotEqual(t, "testing", d.ImportPath, "the shipped binary links the testing package")
		for _, testOnly := range []string{"/localaws/localawstest", "/internal/testenv", "/internal/archtest"} {
			require.NotEqual(t, module+testOnly, d.ImportPath, "the shipped binary links test support package %s", d.ImportPath)
		}
		require.False(t, strings.Contains(d.ImportPath, "duckdb"), "the shipped binary links %s (cgo, tests only)", d.ImportPath)
		if strings.HasPrefix(d.ImportPath, module) {
			require.Empty(t, d.CgoFiles, "%s uses cgo; the shipped binary stays pure Go", d.ImportPath)
		}
	}
}
