package trail

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
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
func (s Source) Open() (io.ReadCloser, error) {
	if s.open == nil { // a file, named by its path
		return os.Open(s.Name)
	}
	return s.open()
}

// FileSource reads the file at path. It holds nothing but the path and the
// size (no closure): a tree of many files is many of them.
func FileSource(path string, size int64) Source {
	return Source{Name: path, Size: size}
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
//
// Expand holds every source at once (a name and a size per file); Walk
// gives the same sources one by one.
func Expand(paths []string, stdin io.Reader, report func(diag.Diagnostic)) []Source {
	return slices.Collect(Walk(paths, stdin, report))
}

// Walk is Expand as a sequence: the same sources in the same order, with
// the same problems reported, each as the walk reaches it, so an archive of
// any number of files is read without listing it first. Each iteration
// walks the paths again.
func Walk(paths []string, stdin io.Reader, report func(diag.Diagnostic)) iter.Seq[Source] {
	if report == nil {
		report = func(diag.Diagnostic) {}
	}
	return func(yield func(Source) bool) {
		for _, p := range paths {
			if p == "-" {
				if !yield(ReaderSource("-", stdin)) {
					return
				}
				continue
			}
			info, err := os.Stat(p)
			if err != nil {
				report(unreadable(p, err))
				continue
			}
			if !info.IsDir() {
				if !yield(FileSource(p, info.Size())) {
					return
				}
				continue
			}
			found, more := walkDir(p, report, yield)
			if !more {
				return
			}
			if found == 0 {
				report(diag.Diagnostic{Code: CodeUnreadable, Severity: diag.Warning, Pos: diag.Position{File: p},
					Message: "no files to read in this directory"})
			}
		}
	}
}

// walkDir yields the files under root and returns how many; more is false
// when yield asked to stop.
func walkDir(root string, report func(diag.Diagnostic), yield func(Source) bool) (found int, more bool) {
	more = true
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
			found++
			if !yield(FileSource(p, info.Size())) {
				more = false
				return fs.SkipAll
			}
		}
		return nil
	})
	if err != nil {
		report(unreadable(root, err))
	}
	return found, more
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
