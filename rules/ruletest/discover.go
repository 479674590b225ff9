package ruletest

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Finding what cwpat test runs: a folder in a repository mixes rule files,
// timed test files, CloudFormation templates, CI workflows and Kubernetes
// manifests. Each YAML file is recognised by its top-level keys, as cwpat
// lint recognises file kinds, and only rule and test files are cwpat
// test's own; the rest are skipped, and said so with -v.

// maxFileSize bounds what discovery reads of one file: rule and test files
// are small, and a folder may hold a hostile symlink to /dev/zero.
const maxFileSize = 8 << 20

// Discovered is what Discover found under the paths given to cwpat test.
type Discovered struct {
	// Paths are the paths as given.
	Paths []string
	// RuleFiles and TestFiles are the files to load and run, in order.
	RuleFiles, TestFiles []string
	// Skipped are files found in directories that are not cwpat test's own.
	Skipped []Skipped
	// Problems are paths that could not be read (load failures).
	Problems []Result
}

// Skipped is a file Discover left alone, and why.
type Skipped struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// ruleKeys are the top-level keys only a cwpat rule file has.
var ruleKeys = []string{"rules", "extends", "set", "defaults", "disable", "namePrefix", "nameSuffix"}

// Discover sorts paths into rule files and test files. A directory is
// walked for *.yaml and *.yml files (hidden folders skipped; only regular
// files, symlinks resolved); a file found there that is neither a rule file
// nor a test file is skipped. A file named on the command line is always
// taken: as a test file when it has a top-level tests: key, else as a rule
// file, unless it is plainly something else (a CloudFormation template),
// which is a load failure that says so.
func Discover(paths ...string) *Discovered {
	d := &Discovered{Paths: paths}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			d.Problems = append(d.Problems, loadFailure(p, err))
			continue
		}
		if !fi.IsDir() {
			kind, why := classify(p)
			switch kind {
			case kindTestFile:
				d.TestFiles = append(d.TestFiles, p)
			case kindOther:
				d.Problems = append(d.Problems, loadFailure(p, fmt.Errorf("%s is %s, not a cwpat rule or test file", p, why)))
			default:
				d.RuleFiles = append(d.RuleFiles, p)
			}
			continue
		}
		files, skipped, err := walkYAML(p)
		d.Skipped = append(d.Skipped, skipped...)
		if err != nil {
			d.Problems = append(d.Problems, loadFailure(p, err))
		}
		found := 0
		for _, f := range files {
			kind, why := classify(f)
			switch kind {
			case kindTestFile:
				d.TestFiles = append(d.TestFiles, f)
			case kindRuleFile, kindUnreadable:
				d.RuleFiles = append(d.RuleFiles, f) // the loader reports what is wrong, with its position
			default:
				d.Skipped = append(d.Skipped, Skipped{File: f, Reason: why})
				continue
			}
			found++
		}
		if err == nil && found == 0 {
			d.Problems = append(d.Problems, loadFailure(p, fmt.Errorf("%s: no rule or test files (*.yaml, *.yml with a rules:, extends: or tests: key)", p)))
		}
	}
	return d
}

type fileKind int

const (
	kindRuleFile fileKind = iota
	kindTestFile
	kindUnreadable // does not parse: the loader says where
	kindOther
)

// classify reads a YAML file's top-level keys: tests: makes a test file,
// a rule file key a rule file; anything else is something else, described.
func classify(path string) (fileKind, string) {
	src, err := readBounded(path)
	if err != nil {
		return kindUnreadable, ""
	}
	var top map[string]yaml.Node
	if err := yaml.Unmarshal(src, &top); err != nil {
		return kindUnreadable, ""
	}
	if _, ok := top["tests"]; ok {
		return kindTestFile, ""
	}
	for _, k := range ruleKeys {
		if _, ok := top[k]; ok {
			return kindRuleFile, ""
		}
	}
	_, res := top["Resources"]
	_, ver := top["AWSTemplateFormatVersion"]
	_, tr := top["Transform"]
	switch {
	case res || ver || tr:
		return kindOther, "a CloudFormation template"
	case top["on"].Kind != 0 && top["jobs"].Kind != 0:
		return kindOther, "a GitHub Actions workflow"
	case top["apiVersion"].Kind != 0 && top["kind"].Kind != 0:
		return kindOther, "a Kubernetes manifest"
	case len(top) == 0:
		return kindOther, "an empty YAML file"
	}
	return kindOther, "a YAML file without a rules:, extends: or tests: key"
}

func readBounded(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxFileSize {
		return nil, fmt.Errorf("%s is larger than %d MiB", path, maxFileSize>>20)
	}
	return b, nil
}

// walkYAML lists the regular *.yaml and *.yml files under root (symlinks
// to regular files included), skipping hidden folders; other entries with
// those names (a symlink to a device, a named pipe) are skipped and said so.
func walkYAML(root string) ([]string, []Skipped, error) {
	var out []string
	var skipped []Skipped
	walkRoot := root
	if info, err := os.Lstat(root); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		walkRoot = root + string(filepath.Separator) // a folder named through a symlink is walked
	}
	err := filepath.WalkDir(walkRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path == walkRoot {
			path = root
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".yaml") && !strings.HasSuffix(path, ".yml") {
			return nil
		}
		fi, err := os.Stat(path) // follows symlinks
		switch {
		case err != nil:
			skipped = append(skipped, Skipped{File: path, Reason: "cannot be read: " + err.Error()})
		case !fi.Mode().IsRegular():
			skipped = append(skipped, Skipped{File: path, Reason: "not a regular file"})
		default:
			out = append(out, path)
		}
		return nil
	})
	sort.Strings(out)
	return out, skipped, err
}
