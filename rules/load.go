package rules

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Load reads users' rule files and directories (every *.yaml and *.yml in a
// directory, sorted, not recursive) and applies them in order on top of the
// built-in set base ("" to start empty, unless a file says extends:). Rules
// are merged by id: a known id overrides the fields it sets, a new id adds a
// rule. The result is validated; problems are a diag.List.
func Load(base string, paths ...string) (*Set, error) {
	set, err := start(base)
	if err != nil {
		return nil, err
	}
	var loaded []string
	for _, p := range paths {
		files, err := ruleFiles(p)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			if err := applyFile(set, f, src, Builtin); err != nil {
				return nil, err
			}
			loaded = append(loaded, f)
		}
	}
	return finish(set, loaded)
}

// Parse applies one rule file's text on top of the built-in set base ("" for
// none), as Load does for a file on disk.
func Parse(base, file string, src []byte) (*Set, error) {
	set, err := start(base)
	if err != nil {
		return nil, err
	}
	if err := applyFile(set, file, src, Builtin); err != nil {
		return nil, err
	}
	return finish(set, []string{file})
}

func start(base string) (*Set, error) {
	lib, err := BuiltinExamples()
	if err != nil {
		return nil, err
	}
	if base == "" {
		return &Set{Examples: lib}, nil
	}
	set, err := Builtin(base)
	if err != nil {
		return nil, err
	}
	set.Extends = base
	if a := AliasOf(base); a != "" {
		set.Extends = a
	}
	return set, nil
}

// finish names a set its files did not name: "custom" for rules of their
// own, "cis-5.0+acme" for a built-in set changed by acme.yaml, so reports
// never pass users' changes off as the built-in set.
func finish(set *Set, files []string) (*Set, error) {
	stem := "custom"
	if len(files) > 0 {
		stem = strings.TrimSuffix(filepath.Base(files[0]), filepath.Ext(files[0]))
	}
	switch {
	case set.Name == "":
		set.Name = stem
	case set.Name == set.Extends:
		set.Name = set.Extends + "+" + stem
	}
	if err := validate(set); err != nil {
		return nil, err
	}
	return set, nil
}

// ruleFiles expands a path: a file is itself, a directory its YAML files.
func ruleFiles(p string) ([]string, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return []string{p}, nil
	}
	var out []string
	entries, err := os.ReadDir(p)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.Type().IsRegular() && (strings.HasSuffix(e.Name(), ".yaml") || strings.HasSuffix(e.Name(), ".yml")) {
			out = append(out, filepath.Join(p, e.Name()))
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil, &fs.PathError{Op: "load rules", Path: p, Err: fmt.Errorf("no *.yaml or *.yml files")}
	}
	return out, nil
}
