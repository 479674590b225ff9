package lint

import (
	"fmt"

	"github.com/cwpat/cwpat/diag"
)

// A bug in lint must not cost the user the rest of the report: a panic
// while reading or checking one file becomes an internal-error diagnostic
// on that file, and the run goes on.

func internalError(f *file, off int, v any) diag.Diagnostic {
	d := newDiag(CodeInternal, fmt.Sprintf("cwpat failed on this file: %v", v),
		"please report this at https://github.com/cwpat/cwpat/issues with the file, if you can share it")
	if f == nil {
		return d
	}
	return f.at(d, off)
}

func safeRead(in input, typ FileType) (s *scan, l diag.List, ok bool) {
	defer func() {
		if v := recover(); v != nil {
			f := &file{Name: in.name, Src: string(in.src)}
			s, l, ok = nil, diag.List{internalError(f, 0, v)}, false
		}
	}()
	return read(in, typ)
}

func safeCheck(f *file, fd *found) (l diag.List) {
	defer func() {
		if v := recover(); v != nil {
			l = diag.List{internalError(f, fd.pattern.Start, v)}
		}
	}()
	return checkFound(f, fd)
}
