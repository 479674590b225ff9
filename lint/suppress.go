package lint

import (
	"strings"

	"github.com/cwpat/cwpat/diag"
)

// Inline suppression, as linters do it: a comment
//
//	# cwpat:ignore                         (every finding)
//	# cwpat:ignore ne-missing-field        (only these codes, space- or comma-separated)
//
// at the end of the line a finding is on, or alone on the line before it,
// silences the finding. "//" comments work in Terraform files. JSON has no
// comments; use --disable there.

const ignoreDirective = "cwpat:ignore"

// suppressed drops findings silenced by a directive in their file.
func suppressed(l diag.List, srcOf map[string]string) diag.List {
	out := l[:0:0]
	for _, d := range l {
		src, ok := srcOf[d.Pos.File]
		if !ok || !d.Pos.IsValid() || !strings.Contains(src, ignoreDirective) {
			out = append(out, d)
			continue
		}
		if ignores(diag.LineAt(src, d.Pos.Line), d.Code, false) ||
			(d.Pos.Line > 1 && ignores(diag.LineAt(src, d.Pos.Line-1), d.Code, true)) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// ignores reports whether line carries a directive covering code. With
// alone, the comment must be the whole line (a directive for the next line).
func ignores(line, code string, alone bool) bool {
	i := strings.Index(line, ignoreDirective)
	if i < 0 {
		return false
	}
	before := strings.TrimRight(line[:i], " \t")
	switch {
	case strings.HasSuffix(before, "#"):
		before = strings.TrimSuffix(before, "#")
	case strings.HasSuffix(before, "//"):
		before = strings.TrimSuffix(before, "//")
	default:
		return false
	}
	if alone && strings.TrimSpace(before) != "" {
		return false
	}
	rest := strings.TrimSpace(line[i+len(ignoreDirective):])
	if rest == "" {
		return true
	}
	for _, c := range strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
		if c == code {
			return true
		}
	}
	return false
}
