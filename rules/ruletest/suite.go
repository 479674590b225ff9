package ruletest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/rules"
)

// RunBuiltin checks everything cwpat ships: every built-in set's examples,
// the embedded alarm tests, and that every built-in rule has a timed test.
func RunBuiltin() []Result {
	var out []Result
	for _, name := range rules.BuiltinSetNames() {
		set, err := rules.Builtin(name)
		if err != nil {
			return append(out, loadFailure("builtin/sets/"+name+".yaml", err))
		}
		out = append(out, CheckExamples(set)...)
	}
	covered := map[string]map[string]bool{}
	for _, tf := range rules.BuiltinTests() {
		f, err := ParseFile(tf.Path, tf.Data)
		if err != nil {
			out = append(out, loadFailure(tf.Path, err))
			continue
		}
		out = append(out, f.Run()...)
		sets, err := f.LoadSets()
		if err != nil {
			continue // already reported by Run
		}
		for _, s := range sets {
			for _, t := range f.Tests {
				if len(t.Sets) > 0 && !slices.Contains(t.Sets, s.Name) {
					continue
				}
				if covered[s.Name] == nil {
					covered[s.Name] = map[string]bool{}
				}
				ids := s.IDs()
				if len(t.Rules) > 0 {
					ids = nil
					for _, n := range t.Rules {
						ids = append(ids, n.Name)
					}
				}
				for _, id := range ids {
					covered[s.Name][id] = true
				}
			}
		}
	}
	for _, name := range rules.BuiltinSetNames() {
		set, _ := rules.Builtin(name)
		var missing []string
		for _, id := range set.IDs() {
			if !covered[name][id] {
				missing = append(missing, id)
			}
		}
		res := Result{Kind: KindAlarmTest, Suite: name, Name: "every rule has a timed alarm test",
			Pos: diag.Position{File: "builtin/sets/" + name + ".yaml", Line: 1, Column: 1}, Passed: len(missing) == 0}
		if len(missing) > 0 {
			res.Message = "no alarm test for " + strings.Join(missing, ", ")
		}
		out = append(out, res)
	}
	return out
}

// RunPaths runs users' files: every rule file among paths (files, or the
// YAML files of directories) is loaded together on top of the built-in set
// base ("" for none) and its examples checked; every test file (a file with
// a top-level tests: key) is run.
func RunPaths(base string, paths ...string) []Result {
	var ruleFiles, testFiles []string
	var out []Result
	for _, p := range paths {
		files, err := expand(p)
		if err != nil {
			out = append(out, loadFailure(p, err))
			continue
		}
		for _, f := range files {
			isTest, err := isTestFile(f)
			if err != nil {
				out = append(out, loadFailure(f, err))
				continue
			}
			if isTest {
				testFiles = append(testFiles, f)
			} else {
				ruleFiles = append(ruleFiles, f)
			}
		}
	}
	// The rule files given alongside are what test files without set: or
	// ruleFiles: test.
	var userSet *rules.Set
	if len(ruleFiles) > 0 {
		set, err := rules.Load(base, ruleFiles...)
		if err != nil {
			out = append(out, loadFailure(ruleFiles[0], err))
		} else {
			userSet = set
			out = append(out, CheckExamples(set)...)
		}
	}
	for _, p := range testFiles {
		src, err := os.ReadFile(p)
		if err != nil {
			out = append(out, loadFailure(p, err))
			continue
		}
		f, err := ParseFile(p, src)
		if err != nil {
			out = append(out, loadFailure(p, err))
			continue
		}
		switch {
		case f.Set != "" || len(f.Sets) > 0 || len(f.RuleFiles) > 0:
			out = append(out, f.Run()...)
		case userSet != nil:
			out = append(out, f.RunSet(userSet)...)
		case len(ruleFiles) > 0:
			// the rule files failed to load; already reported
		case base != "":
			f.Set = base
			out = append(out, f.Run()...)
		default:
			out = append(out, f.Run()...) // reports that no rules are named
		}
	}
	if len(ruleFiles) == 0 && len(testFiles) == 0 && len(out) == 0 {
		out = append(out, Result{Kind: KindLoad, Suite: strings.Join(paths, " "), Name: "find tests",
			Message: "no rule or test files found"})
	}
	return out
}

func expand(p string) ([]string, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return []string{p}, nil
	}
	var out []string
	err = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			out = append(out, path)
		}
		return nil
	})
	sort.Strings(out)
	if err == nil && len(out) == 0 {
		err = fmt.Errorf("%s: no *.yaml or *.yml files", p)
	}
	return out, err
}

// isTestFile reports whether the file's top level has a tests: key.
func isTestFile(path string) (bool, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	var top map[string]yaml.Node
	if err := yaml.Unmarshal(src, &top); err != nil {
		return false, nil // the rule loader reports the syntax error with its position
	}
	_, ok := top["tests"]
	return ok, nil
}
