package lint

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Collecting the files to read: paths named on the command line, directories
// walked for the file types lint reads, "-" for standard input.

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

// Collect expands paths as Lint does (directories walked for the file types
// lint reads, "-" for stdin) without checking anything; fmt uses it.
func Collect(paths []string, opt Options) []Input {
	var out []Input
	for _, in := range collect(paths, opt) {
		out = append(out, Input{Name: in.name, Src: in.src, Err: in.err, Explicit: in.explicit, Stdin: in.stdin})
	}
	return out
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

// collect expands paths into files. Unreadable paths become inputs that
// carry their error, reported like any other bad file.
func collect(paths []string, opt Options) []input {
	var out []input
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
			b, err := io.ReadAll(opt.Stdin)
			out = append(out, input{name: name, src: b, err: err, explicit: true, stdin: true})
			continue
		}
		info, err := stat(opt.FS, p)
		if err != nil {
			out = append(out, input{name: p, err: err, explicit: true})
			continue
		}
		if !info.IsDir() {
			b, err := readFile(opt.FS, p)
			out = append(out, input{name: p, src: b, err: err, explicit: true})
			continue
		}
		out = append(out, walk(opt.FS, p, opt.Exclude)...)
	}
	return out
}

// skipDirs are never walked into: they hold copies or caches, not sources.
var skipDirs = map[string]bool{"node_modules": true, ".terraform": true, "cdk.out": true, ".aws-sam": true}

func walk(fsys fs.FS, root string, exclude []string) []input {
	var out []input
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
		b, err := readFile(fsys, path)
		out = append(out, input{name: path, src: b, err: err})
		return nil
	}
	if fsys == nil {
		_ = filepath.WalkDir(root, visit)
	} else {
		_ = fs.WalkDir(fsys, root, visit)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
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

func readFile(fsys fs.FS, p string) ([]byte, error) {
	if fsys == nil {
		return os.ReadFile(p)
	}
	return fs.ReadFile(fsys, p)
}
