package ruletest

import (
	"os"
	"slices"
	"strings"

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
// rule and test files found in directories) is loaded together on top of
// the built-in set base ("" for none) and its examples checked; every test
// file (a file with a top-level tests: key) is run. Other files found in
// directories are skipped (see Discover).
func RunPaths(base string, paths ...string) []Result {
	return Discover(paths...).Run(base)
}

// Run runs what Discover found, on top of the built-in set base.
func (d *Discovered) Run(base string) []Result {
	ruleFiles, testFiles := d.RuleFiles, d.TestFiles
	out := append([]Result(nil), d.Problems...)
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
		out = append(out, Result{Kind: KindLoad, Suite: strings.Join(d.Paths, " "), Name: "find tests",
			Message: "no rule or test files found"})
	}
	return out
}
