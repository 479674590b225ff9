package lint

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Collecting the files to read: paths named on the command line, directories
// walked for the file types lint reads, "-" for standard input. A pull
// request can hold anything git stores (a symlink to /dev/zero, to a named
// pipe, to a directory above the repository), so only regular files are
// read, symlinks are resolved and their targets checked, and every read is
// bounded in size.

// DefaultMaxFileSize is how many bytes lint reads of one file when
// Options.MaxFileSize is 0: eight times the largest template CloudFormation
// accepts (1 MB from S3), far above any Terraform or rule file people write.
const DefaultMaxFileSize = 8 << 20

// Input is one file named on the command line or found in a directory:
// its name as the user will see it and its bytes, or the error reading them.
type Input struct {
	Name string
	Src  []byte
	Err  error
	// Explicit is true for a file named on the command line, false for one
	// found by walking a directory (which is skipped, not reported, when it
	// turns out not to be a file lint reads).
	Explicit bool
	// Stdin is true for standard input (its type is sniffed from its content
	// unless its name has a known extension).
	Stdin bool
}

// Skipped is a path found while walking a directory that lint did not read,
// though its name is one lint reads: a symlink to a directory, a device, a
// named pipe or a socket, or a symlink whose target is missing.
type Skipped struct {
	Name   string `json:"file"`
	Reason string `json:"reason"`
}

// Collect expands paths as Lint does (directories walked for the file types
// lint reads, "-" for stdin) without checking anything; fmt uses it. It also
// returns what the walk skipped, for the caller to report.
func Collect(paths []string, opt Options) ([]Input, []Skipped) {
	ins, skipped := collect(paths, opt)
	out := make([]Input, 0, len(ins))
	for _, in := range ins {
		out = append(out, Input{Name: in.name, Src: in.src, Err: in.err, Explicit: in.explicit, Stdin: in.stdin})
	}
	return out, skipped
}

// input is one file to read: its name as the user will see it, and its
// bytes (or the error reading them).
type input struct {
	name     string
	src      []byte
	err      error
	explicit bool // named on the command line, not found by walking
	stdin    bool // read from standard input
}

// TooLargeError is the error for a file over the size limit.
type TooLargeError struct {
	Name  string
	Limit int64
}

// Error names the file and the limit.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than %s, the most lint reads of one file", e.Name, sizeText(e.Limit))
}

// errNotRegular is the error for a path named on the command line that is
// not a regular file or directory.
var errNotRegular = errors.New("not a regular file (a device, named pipe or socket): lint reads only regular files")

// collect expands paths into files. Unreadable paths become inputs that
// carry their error, reported like any other bad file.
func collect(paths []string, opt Options) ([]input, []Skipped) {
	limit := opt.maxFileSize()
	var out []input
	var skipped []Skipped
	for _, p := range paths {
		if p == "-" {
			name := opt.StdinName
			if name == "" {
				name = "-"
			}
			if opt.Stdin == nil {
				out = append(out, input{name: name, err: errors.New("no standard input"), explicit: true, stdin: true})
				continue
			}
			b, err := readBounded(opt.Stdin, name, limit)
			out = append(out, input{name: name, src: b, err: err, explicit: true, stdin: true})
			continue
		}
		info, err := stat(opt.FS, p)
		switch {
		case err != nil:
			out = append(out, input{name: p, err: err, explicit: true})
		case info.IsDir():
			ins, sk := walk(opt.FS, p, opt.Exclude, limit)
			out, skipped = append(out, ins...), append(skipped, sk...)
		case !info.Mode().IsRegular():
			out = append(out, input{name: p, err: errNotRegular, explicit: true})
		default:
			b, err := readFile(opt.FS, p, limit)
			out = append(out, input{name: p, src: b, err: err, explicit: true})
		}
	}
	return out, skipped
}

// skipDirs are never walked into: they hold copies or caches, not sources.
var skipDirs = map[string]bool{"node_modules": true, ".terraform": true, "cdk.out": true, ".aws-sam": true}

func walk(fsys fs.FS, root string, exclude []string, limit int64) ([]input, []Skipped) {
	var out []input
	var skipped []Skipped
	visit := func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, input{name: path, err: err, explicit: true})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if path != root && excluded(path, exclude) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || skipDirs[name]) {
				return fs.SkipDir
			}
			return nil
		}
		if typeByName(name) == "" {
			return nil
		}
		if why := notRegular(fsys, path, d); why != "" {
			skipped = append(skipped, Skipped{Name: path, Reason: why})
			return nil
		}
		b, err := readFile(fsys, path, limit)
		out = append(out, input{name: path, src: b, err: err})
		return nil
	}
	if fsys == nil {
		walkRoot := root
		if info, err := os.Lstat(root); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			// A directory named on the command line through a symlink is
			// walked (WalkDir would stop at the link); links inside are not.
			walkRoot = root + string(filepath.Separator)
		}
		_ = filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
			if p == walkRoot {
				p = root
			}
			return visit(p, d, err)
		})
	} else {
		_ = fs.WalkDir(fsys, root, visit)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, skipped
}

// notRegular says why a walked entry is not read ("" when it is a regular
// file, or a symlink to one). Directories behind symlinks are not followed,
// so a link cannot loop or leave the tree.
func notRegular(fsys fs.FS, p string, d fs.DirEntry) string {
	typ := d.Type()
	if typ&fs.ModeSymlink != 0 {
		info, err := stat(fsys, p) // follows the link
		if err != nil {
			return "symlink whose target cannot be read (" + unwrapPathError(err) + ")"
		}
		if info.IsDir() {
			return "symlink to a directory, not followed"
		}
		if !info.Mode().IsRegular() {
			return "symlink to " + modeName(info.Mode()) + ", not a regular file"
		}
		return ""
	}
	if !typ.IsRegular() {
		return modeName(typ) + ", not a regular file"
	}
	return ""
}

func modeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// excluded reports whether a walked path matches an --exclude glob, as a
// whole or in one of its elements.
func excluded(p string, globs []string) bool {
	slashed := filepath.ToSlash(p)
	for _, g := range globs {
		g = strings.TrimSuffix(filepath.ToSlash(g), "/")
		if ok, _ := path.Match(g, slashed); ok {
			return true
		}
		if ok, _ := path.Match(g, strings.TrimPrefix(slashed, "./")); ok {
			return true
		}
		for _, elem := range strings.Split(slashed, "/") {
			if ok, _ := path.Match(g, elem); ok {
				return true
			}
		}
	}
	return false
}

func stat(fsys fs.FS, p string) (fs.FileInfo, error) {
	if fsys == nil {
		return os.Stat(p)
	}
	return fs.Stat(fsys, p)
}

// readFile reads a regular file of at most limit bytes. The opened file is
// checked again, so a path swapped for a pipe after the walk looked at it is
// still refused rather than read forever.
func readFile(fsys fs.FS, p string, limit int64) ([]byte, error) {
	var f fs.File
	var err error
	if fsys == nil {
		f, err = os.Open(p)
	} else {
		f, err = fsys.Open(p)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errNotRegular
	}
	if info.Size() > limit {
		return nil, &TooLargeError{Name: p, Limit: limit}
	}
	return readBounded(f, p, limit)
}

// readBounded reads r to its end, refusing more than limit bytes.
func readBounded(r io.Reader, name string, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, &TooLargeError{Name: name, Limit: limit}
	}
	return b, nil
}

// sizeText renders a byte count for messages: "8 MiB", "512 KiB", "100 bytes".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
