package trail

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/cwpat/cwpat/diag"
)

// Source is one input to read: a file, stdin, or a file inside an fs.FS (the
// bundled sample archive).
type Source struct {
	// Name is how messages name the source: the path as given, "-" for stdin.
	Name string
	// Size is the number of bytes to read, for progress; -1 when unknown.
	Size int64
	open func() (io.ReadCloser, error)
}

// Open opens the source for reading.
func (s Source) Open() (io.ReadCloser, error) { return s.open() }

// FileSource reads the file at path.
func FileSource(path string, size int64) Source {
	return Source{Name: path, Size: size, open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

// ReaderSource reads r (stdin, a pipe) under name. Closing it does not close r.
func ReaderSource(name string, r io.Reader) Source {
	return Source{Name: name, Size: -1, open: func() (io.ReadCloser, error) { return io.NopCloser(r), nil }}
}

// OpenSource reads what open returns, under name; size is the number of
// bytes to read, for progress (-1 when unknown). open is called once per
// read, so a source that opens again can be read again.
func OpenSource(name string, size int64, open func() (io.ReadCloser, error)) Source {
	return Source{Name: name, Size: size, open: open}
}

// FSSources returns the regular files under root in fsys, in lexical order,
// named prefix + their path.
func FSSources(fsys fs.FS, root, prefix string) ([]Source, error) {
	var out []Source
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		name := p
		out = append(out, Source{Name: prefix + name, Size: info.Size(),
			open: func() (io.ReadCloser, error) { return fsys.Open(name) }})
		return nil
	})
	return out, err
}

// Expand turns command-line paths into sources, in the order given. "-" is
// stdin. A directory is walked recursively in lexical order; inside it,
// names starting with "." are skipped (editor and OS droppings, .DS_Store)
// and symlinked directories are not followed (so a link cannot loop), each
// reported. A path that cannot be used (missing, a dangling symlink) is
// reported through report and left out; the rest are still returned.
func Expand(paths []string, stdin io.Reader, report func(diag.Diagnostic)) []Source {
	var out []Source
	for _, p := range paths {
		if p == "-" {
			out = append(out, ReaderSource("-", stdin))
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			report(unreadable(p, err))
			continue
		}
		if !info.IsDir() {
			out = append(out, FileSource(p, info.Size()))
			continue
		}
		found := walkDir(p, report)
		if len(found) == 0 {
			report(diag.Diagnostic{Code: CodeUnreadable, Severity: diag.Warning, Pos: diag.Position{File: p},
				Message: "no files to read in this directory"})
		}
		out = append(out, found...)
	}
	return out
}

func walkDir(root string, report func(diag.Diagnostic)) []Source {
	var out []Source
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			report(unreadable(p, err))
			if d != nil && d.IsDir() && p != root {
				return fs.SkipDir
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := os.Stat(p) // follows symlinks
		switch {
		case err != nil:
			report(unreadable(p, err))
		case info.IsDir():
			report(diag.Diagnostic{Code: CodeUnreadable, Severity: diag.Warning, Pos: diag.Position{File: p},
				Message: "symlink to a directory not followed",
				Hint:    "pass the directory it points to as its own argument to read it"})
		case info.Mode().IsRegular():
			out = append(out, FileSource(p, info.Size()))
		}
		return nil
	})
	if err != nil {
		report(unreadable(root, err))
	}
	return out
}

// unreadable is the diagnostic for a path that cannot be opened or read.
func unreadable(path string, err error) diag.Diagnostic {
	d := diag.Diagnostic{Code: CodeUnreadable, Severity: diag.Error, Pos: diag.Position{File: path}}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	d.Message = fmt.Sprintf("cannot read: %v", err)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if _, lerr := os.Lstat(path); lerr == nil {
			d.Message = "cannot read: dangling symlink (its target does not exist)"
		}
	case errors.Is(err, fs.ErrPermission):
		d.Hint = "check the file's permissions"
	}
	return d
}
