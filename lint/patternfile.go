package lint

import "strings"

// scanPatternFile reads a plain pattern file: one pattern a line; blank
// lines and lines starting with # are skipped; blanks around a pattern are
// not part of it.
func scanPatternFile(f *file) *scan {
	s := &scan{file: f}
	first := 0
	if strings.HasPrefix(f.Src, "\ufeff") {
		first = len("\ufeff") // a byte order mark, as Windows editors write
	}
	for off := first; off < len(f.Src); {
		end := lineEnd(f.Src, off)
		line := strings.TrimSuffix(f.Src[off:end], "\r")
		trimmed := strings.TrimSpace(line)
		if trimmed != "" && !strings.HasPrefix(trimmed, "#") {
			start := off + strings.Index(line, trimmed)
			offs := make([]int, len(trimmed)+1)
			for i := range offs {
				offs[i] = start + i
			}
			s.patterns = append(s.patterns, &found{
				pattern: text{Value: trimmed, Literal: true, offs: offs, Start: start, End: start + len(trimmed),
					enc: encoding{kind: encLine}},
				resource: "line " + itoa(f.pos(start).Line),
			})
		}
		off = end + 1
	}
	return s
}
