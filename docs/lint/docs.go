// Package lintdocs embeds the lint code pages (docs/lint/<code>.md) so
// `cwpat lint --explain CODE` can print them without the repository.
package lintdocs

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.md
var pages embed.FS

// Page returns the page of a code (Avoid / Prefer / Why), and false when
// there is none.
func Page(code string) (string, bool) {
	if code == "" || strings.ContainsAny(code, "/\\.") {
		return "", false
	}
	b, err := pages.ReadFile(code + ".md")
	if err != nil {
		return "", false
	}
	return string(b), true
}

// Codes lists the codes that have a page.
func Codes() []string {
	entries, _ := fs.ReadDir(pages, ".")
	var out []string
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".md")
		if name != "README" && name != e.Name() {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}
