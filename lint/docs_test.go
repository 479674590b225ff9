package lint

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/diag"
	lintdocs "github.com/cwpat/cwpat/docs/lint"
	"github.com/cwpat/cwpat/pattern"
)

const docsDir = "../docs/lint"

// kebabRE matches what a diagnostic code looks like.
var kebabRE = regexp.MustCompile(`^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$`)

// notCodes are codes and kebab-case strings of the pattern and rules
// packages that lint cannot report: TestMetricFilter's request checks (lint
// never calls it) and problems of example library files (lint reads rule
// files, not libraries). When the rules package adds a kebab-case string
// that is not a code, it goes here; when it adds a code, it needs a page.
var notCodes = map[string]bool{"too-few-test-messages": true, "too-many-test-messages": true,
	"empty-test-message": true, "duplicate-example": true, "cloudtrail-sample": true}

// everyCode lists every code lint and fmt can report: their own, the
// pattern package's (pattern.Codes), and the rules loader's, found as the
// kebab-case string literals of its source (it exports no list).
func everyCode(t *testing.T) []string {
	set := map[string]bool{CodeNotRewritten: true, CodeKeptPublished: true}
	for _, c := range Codes() {
		set[c.Name] = true
	}
	for _, c := range pattern.Codes {
		if !notCodes[c.Code] {
			set[c.Code] = true
		}
	}
	for _, dir := range []string{"../rules", "../rules/internal/strict"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		require.NoError(t, err)
		found := 0
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
			require.NoError(t, err)
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				v, err := strconv.Unquote(lit.Value)
				if err == nil && kebabRE.MatchString(v) && !notCodes[v] {
					set[v] = true
					found++
				}
				return true
			})
		}
		require.NotZero(t, found, "no codes found in %s", dir)
	}
	out := make([]string, 0, len(set))
	for c := range set {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// TestEveryCodeHasAPage checks docs/lint/<code>.md exists for every code,
// with the Avoid / Prefer / Why sections, and no page for a code that is gone.
func TestEveryCodeHasAPage(t *testing.T) {
	codes := everyCode(t)
	index, err := os.ReadFile(filepath.Join(docsDir, "README.md"))
	require.NoError(t, err)
	for _, code := range codes {
		assert.True(t, strings.Contains(string(index), "]("+code+".md)"), "docs/lint/README.md does not list %s", code)
		b, err := os.ReadFile(filepath.Join(docsDir, code+".md"))
		if !assert.NoError(t, err, "code %s has no page docs/lint/%s.md", code, code) {
			continue
		}
		page := string(b)
		assert.True(t, strings.HasPrefix(page, "# "+code+"\n"), "%s.md starts with its code as title", code)
		for _, h := range []string{"\n## Avoid\n", "\n## Prefer\n", "\n## Why\n"} {
			assert.Contains(t, page, h, "%s.md", code)
		}
	}
	pages, err := filepath.Glob(filepath.Join(docsDir, "*.md"))
	require.NoError(t, err)
	known := map[string]bool{"README": true}
	for _, c := range codes {
		known[c] = true
	}
	for _, p := range pages {
		name := strings.TrimSuffix(filepath.Base(p), ".md")
		assert.True(t, known[name], "docs/lint/%s.md documents a code nothing reports", name)
	}
}

// TestEmbeddedPages: the pages cwpat lint --explain prints are exactly the
// codes lint reports.
func TestEmbeddedPages(t *testing.T) {
	assert.Equal(t, everyCode(t), lintdocs.Codes())
	page, ok := lintdocs.Page("unknown-cloudtrail-field")
	assert.True(t, ok)
	assert.True(t, strings.HasPrefix(page, "# unknown-cloudtrail-field\n"))
	_, ok = lintdocs.Page("../README")
	assert.False(t, ok)
}

var blockRE = regexp.MustCompile("(?s)## (Avoid|Prefer)\n\n```([a-z]+)\n(.*?)\n```")

// TestDocExamples runs every page's examples: the Avoid example must be
// reported with the page's code and the Prefer example must not. Examples
// in ```text blocks (command lines, file-level problems) are prose.
func TestDocExamples(t *testing.T) {
	checked := 0
	for _, code := range everyCode(t) {
		b, err := os.ReadFile(filepath.Join(docsDir, code+".md"))
		if err != nil {
			continue // TestEveryCodeHasAPage reports it
		}
		for _, m := range blockRE.FindAllStringSubmatch(string(b), -1) {
			section, lang, body := m[1], m[2], m[3]
			if lang == "text" {
				continue
			}
			got := codesOf(t, lang, body)
			if section == "Avoid" {
				assert.Contains(t, got, code, "%s.md: the Avoid example is not reported as %s", code, code)
			} else {
				assert.NotContains(t, got, code, "%s.md: the Prefer example is reported as %s", code, code)
			}
			checked++
		}
	}
	assert.Greater(t, checked, 100, "most pages have runnable examples")
}

// codesOf returns the codes reported for an example.
func codesOf(t *testing.T, lang, body string) []string {
	var l diag.List
	switch lang {
	case "filterpattern":
		p, err := pattern.Parse(body)
		if err != nil {
			l, _ = diag.As(err)
		} else {
			l = p.Warnings()
		}
	case "yaml", "json", "hcl":
		name := map[string]string{"yaml": "t.yaml", "json": "t.json", "hcl": "t.tf"}[lang]
		fsys := fstest.MapFS{name: {Data: []byte(body + "\n")}}
		l = Lint([]string{name}, Options{FS: fsys}).Diagnostics
		if res, err := Format(name, []byte(body+"\n"), TypeAuto); err == nil {
			l = append(l, res.Diagnostics...)
		}
	default:
		t.Fatalf("unknown example language %q", lang)
	}
	var out []string
	for _, d := range l {
		out = append(out, d.Code)
	}
	return out
}
