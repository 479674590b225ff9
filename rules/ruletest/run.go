package ruletest

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/rules"
	"github.com/cwpat/cwpat/sim"
)

// LoadSets returns the sets a test file runs against: its built-in sets, or
// its rule files (relative to the test file) on top of Set.
func (f *File) LoadSets() ([]*rules.Set, error) {
	if len(f.RuleFiles) > 0 {
		paths := make([]string, len(f.RuleFiles))
		for i, p := range f.RuleFiles {
			if !filepath.IsAbs(p) {
				p = filepath.Join(filepath.Dir(f.Path), p)
			}
			paths[i] = p
		}
		s, err := rules.Load(f.Set, paths...)
		if err != nil {
			return nil, err
		}
		return []*rules.Set{s}, nil
	}
	names := f.Sets
	if f.Set != "" {
		names = []string{f.Set}
	}
	if len(names) == 0 {
		return nil, diag.List{{Code: "missing-key", Severity: diag.Error, Pos: diag.Position{File: f.Path, Line: 1, Column: 1},
			Message: "the test file does not say which rules it tests", SourceLine: diag.LineAt(f.Text, 1),
			Hint: "name a built-in set (set: cis) or your rule files (ruleFiles: [rules.yaml]), or give rule files on the command line"}}
	}
	var out []*rules.Set
	for _, n := range names {
		s, err := rules.Builtin(n)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// Run runs every test of the file against every set it names.
func (f *File) Run() []Result {
	sets, err := f.LoadSets()
	if err != nil {
		return []Result{loadFailure(f.Path, err)}
	}
	var out []Result
	for _, s := range sets {
		out = append(out, f.RunSet(s)...)
	}
	return out
}

// RunSet runs the file's tests against one set.
func (f *File) RunSet(set *rules.Set) []Result {
	var out []Result
	filters := map[string]sim.Filter{}
	for _, t := range f.Tests {
		if len(t.Sets) > 0 && !slices.Contains(t.Sets, set.Name) {
			continue
		}
		out = append(out, f.runTest(set, t, filters)...)
	}
	return out
}

func (f *File) result(set *rules.Set, t Test, i int) Result {
	x := t.Expect[i]
	name := fmt.Sprintf("%s at %s", t.Name, FormatOffset(x.At))
	same, nth := 0, 0
	for j, y := range t.Expect {
		if y.At == x.At {
			same++
			if j <= i {
				nth++
			}
		}
	}
	if same > 1 {
		name += fmt.Sprintf(" (#%d)", nth)
	}
	return Result{Kind: KindAlarmTest, Suite: set.Name, Name: name,
		Pos: x.Pos, SourceLine: diag.LineAt(f.Text, x.Pos.Line), Passed: true}
}

// runTest runs one timed test: the rules under test, the events in time
// order, the expectations checked for names, the simulation of each rule,
// then each expectation judged at its time.
func (f *File) runTest(set *rules.Set, t Test, filters map[string]sim.Filter) []Result {
	fail := func(p *problem) []Result {
		return []Result{{Kind: KindAlarmTest, Suite: set.Name, Name: t.Name, Pos: p.pos, SourceLine: diag.LineAt(f.Text, p.pos.Line),
			Message: p.msg}}
	}
	scope, p := rulesUnderTest(set, t)
	if p != nil {
		return fail(p)
	}
	events, p := f.timedEvents(set, t)
	if p != nil {
		return fail(p)
	}
	until, p := checkExpectations(t, scope)
	if p != nil {
		return fail(p)
	}
	results, p := f.simulate(scope, filters, events, until)
	if p != nil {
		return fail(p)
	}
	out := make([]Result, 0, len(t.Expect))
	for i, x := range t.Expect {
		res := f.result(set, t, i)
		if problems := judge(set, scope, results, x, f.Start.Add(x.At)); len(problems) > 0 {
			res.Passed = false
			res.Message = strings.Join(problems, "; ")
		}
		out = append(out, res)
	}
	return out
}

// problem is why a test cannot run, and where.
type problem struct {
	pos diag.Position
	msg string
}

func problemf(pos diag.Position, format string, args ...any) *problem {
	return &problem{pos: pos, msg: fmt.Sprintf(format, args...)}
}

// rulesUnderTest are the rules a test names, or the whole set.
func rulesUnderTest(set *rules.Set, t Test) ([]*rules.Rule, *problem) {
	if len(t.Rules) == 0 {
		return set.Rules, nil
	}
	var scope []*rules.Rule
	for _, n := range t.Rules {
		r, ok := set.Rule(n.Name)
		if !ok {
			return nil, problemf(n.Pos, "set %s has no rule %q (rules: %s)", set.Name, n.Name, strings.Join(set.IDs(), ", "))
		}
		scope = append(scope, r)
	}
	return scope, nil
}

// timedEvents resolves the test's events and puts them in time order.
func (f *File) timedEvents(set *rules.Set, t Test) ([]sim.LogEvent, *problem) {
	var events []sim.LogEvent
	for _, e := range t.Events {
		ev, ok := set.Examples.Resolve(e.Ref)
		if !ok {
			return nil, problemf(e.Pos, "no example event named %q", e.Ref.Name)
		}
		for _, off := range e.Offsets {
			events = append(events, sim.LogEvent{Time: f.Start.Add(off), Message: ev.Message})
		}
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].Time.Before(events[j].Time) })
	return events, nil
}

// checkExpectations checks that every rule an expectation names is under
// test, and returns how long the test runs.
func checkExpectations(t Test, scope []*rules.Rule) (time.Duration, *problem) {
	inScope := map[string]bool{}
	for _, r := range scope {
		inScope[r.ID] = true
	}
	var until time.Duration
	for _, x := range t.Expect {
		until = max(until, x.At)
		for id := range x.Metrics {
			if !inScope[id] {
				return 0, problemf(x.Pos, "metrics names %q, which is not among the rules under test", id)
			}
		}
		for id := range x.States {
			if !inScope[id] {
				return 0, problemf(x.Pos, "states names %q, which is not among the rules under test", id)
			}
		}
		if x.Alarms != nil {
			for _, id := range *x.Alarms {
				if !inScope[id] {
					return 0, problemf(x.Pos, "alarms names %q, which is not among the rules under test", id)
				}
			}
		}
	}
	return until, nil
}

// simulate runs each rule's metric filter and alarm over the events,
// compiling each filter once per file.
func (f *File) simulate(scope []*rules.Rule, filters map[string]sim.Filter, events []sim.LogEvent, until time.Duration) (map[string]*sim.Result, *problem) {
	results := map[string]*sim.Result{}
	for _, r := range scope {
		fl, ok := filters[r.ID]
		if !ok {
			mf, err := r.MetricFilter()
			if err != nil {
				return nil, problemf(r.Source.Pattern, "rule %s: %v", r.ID, err)
			}
			fl = mf
			filters[r.ID] = fl
		}
		res, err := sim.Simulate(fl, r.MetricTransformation.DefaultValue, r.Alarm.Alarm, events, f.Start, f.Start.Add(until))
		if err != nil {
			return nil, problemf(r.Source.FieldPos("alarm"), "rule %s: %v", r.ID, err)
		}
		results[r.ID] = res
	}
	return results, nil
}

// judge compares one expectation with the simulation at its time and
// returns what differs.
func judge(set *rules.Set, scope []*rules.Rule, results map[string]*sim.Result, x Expect, at time.Time) []string {
	var problems []string
	if x.Alarms != nil {
		var firing []string
		for _, r := range scope {
			if results[r.ID].Timeline.StateAt(at) == sim.StateAlarm {
				firing = append(firing, r.ID)
			}
		}
		want := slices.Clone(*x.Alarms)
		sort.Strings(want)
		sort.Strings(firing)
		if !slices.Equal(want, firing) {
			problems = append(problems, fmt.Sprintf("alarms firing: got %s, want %s", list(firing), list(want)))
		}
	}
	for _, id := range sortedKeys(x.Metrics) {
		r, _ := set.Rule(id)
		want := x.Metrics[id]
		dp, ok := results[id].DatapointAt(at, r.Alarm.PeriodDuration())
		switch {
		case want == nil && ok:
			problems = append(problems, fmt.Sprintf("metric %s: got %s %v, want no datapoint", id, r.Alarm.Statistic, dp.Value(r.Alarm.Statistic)))
		case want != nil && !ok:
			problems = append(problems, fmt.Sprintf("metric %s: got no datapoint, want %s %v", id, r.Alarm.Statistic, *want))
		case want != nil && math.Abs(dp.Value(r.Alarm.Statistic)-*want) > 1e-9:
			problems = append(problems, fmt.Sprintf("metric %s: got %s %v, want %v", id, r.Alarm.Statistic, dp.Value(r.Alarm.Statistic), *want))
		}
	}
	for _, id := range sortedKeys(x.States) {
		got := results[id].Timeline.StateAt(at)
		if string(got) != x.States[id] {
			reason := ""
			if ev, ok := results[id].Timeline.EvaluationAt(at); ok {
				reason = " (" + ev.Reason + ")"
			}
			problems = append(problems, fmt.Sprintf("state %s: got %s, want %s%s", id, got, x.States[id], reason))
		}
	}
	return problems
}

func list(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return "[" + strings.Join(ids, ", ") + "]"
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func loadFailure(path string, err error) Result {
	r := Result{Kind: KindLoad, Suite: path, Name: "load " + path, Message: err.Error(), Pos: diag.Position{File: path}}
	if l, ok := diag.As(err); ok {
		r.Diagnostics = l
		if len(l) > 0 {
			r.Pos = l[0].Pos
			r.SourceLine = l[0].SourceLine
			r.Message = l[0].Message
			if len(l) > 1 {
				r.Message += fmt.Sprintf(" (and %d more)", len(l)-1)
			}
		}
	}
	return r
}
