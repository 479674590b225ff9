package ruletest

import (
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/rules"
	"github.com/cwpat/cwpat/rules/internal/strict"
)

// DefaultStart is when a test's alarms are created if the file names no
// start: a fixed time, so results never depend on the clock.
var DefaultStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// File is a parsed alarm test file.
type File struct {
	Path string
	Text string
	// Set is the built-in set the tests run against (or the base of
	// RuleFiles); Sets runs the same tests against several built-in sets.
	Set       string
	Sets      []string
	RuleFiles []string
	Start     time.Time
	Tests     []Test
}

// Test is one timed test: events in, expectations at times.
type Test struct {
	Name   string
	Pos    diag.Position
	Sets   []string // only for these of the file's sets; empty means all
	Rules  []Named  // rules under test; empty means every rule of the set
	Events []Event
	Expect []Expect
}

// Named is a name with where it is written.
type Named struct {
	Name string
	Pos  diag.Position
}

// Event is one input event (or a repetition of it).
type Event struct {
	Pos     diag.Position
	Offsets []time.Duration
	Ref     rules.ExampleRef // library name or inline event
}

// Expect is what must hold at one evaluation time.
type Expect struct {
	Pos diag.Position
	At  time.Duration
	// Alarms, when set, is exactly the rules in ALARM (empty: none firing).
	Alarms *[]string
	// Metrics maps a rule id to the alarm statistic of the last complete
	// period before At; nil means no datapoint.
	Metrics map[string]*float64
	// States maps a rule id to its alarm state.
	States map[string]string
}

type fileDoc struct {
	Set       string    `yaml:"set"`
	Sets      []string  `yaml:"sets"`
	RuleFiles []string  `yaml:"ruleFiles"`
	Start     string    `yaml:"start"`
	Tests     []testDoc `yaml:"tests"`
}

type testDoc struct {
	Name   string      `yaml:"name"`
	Sets   []string    `yaml:"sets"`
	Rules  []namedDoc  `yaml:"rules"`
	Events []eventDoc  `yaml:"events"`
	Expect []expectDoc `yaml:"expect"`
	pos    diag.Position
}

func (t *testDoc) UnmarshalStrict(d *strict.Decoder, n *yaml.Node) {
	type plain testDoc
	t.pos = d.Pos(n)
	d.Decode(n, (*plain)(t))
}

type namedDoc struct{ Named }

func (r *namedDoc) UnmarshalStrict(d *strict.Decoder, n *yaml.Node) {
	r.Pos = d.Pos(n)
	d.Decode(n, &r.Name)
}

type eventDoc struct {
	At      string `yaml:"at"`
	Example string `yaml:"example"`
	event   Event
}

func (e *eventDoc) UnmarshalStrict(d *strict.Decoder, n *yaml.Node) {
	e.event.Pos = d.Pos(n)
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "yaml-type", "write {at: 1m, example: NAME} or {at: 1m, event: ...}", "an event must be a mapping")
		return
	}
	var atNode, evNode, exNode *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "at":
			atNode = v
		case "example":
			exNode = v
		case "event":
			evNode = v
		default:
			d.Errorf(k, "unknown-key", "valid keys: at, example, event", "unknown key %q in an event", k.Value)
		}
	}
	if atNode == nil {
		d.Errorf(n, "missing-key", "every event needs at: (an offset like 90s, or 0s+30sx9 for ten events)", "event has no at")
		return
	}
	offsets, err := ParseAt(atNode.Value)
	if err != nil {
		d.Errorf(atNode, "bad-time", "", "%v", err)
		return
	}
	e.event.Offsets = offsets
	switch {
	case exNode != nil && evNode != nil:
		d.Errorf(evNode, "conflicting-keys", "use example: for a library event or event: for your own, not both", "event has both example and event")
	case exNode != nil:
		d.Decode(exNode, &e.event.Ref)
	case evNode != nil:
		wrapper := &yaml.Node{Kind: yaml.MappingNode, Line: evNode.Line, Column: evNode.Column,
			Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "event", Line: evNode.Line, Column: evNode.Column}, evNode}}
		d.Decode(wrapper, &e.event.Ref)
		if e.event.Ref.Event != nil {
			e.event.Ref.Name = "inline event"
			e.event.Ref.Event.Name = "inline event"
		}
	default:
		d.Errorf(n, "missing-key", "name a library event with example: or write one under event:", "event has neither example nor event")
	}
}

type expectDoc struct {
	At      string              `yaml:"at"`
	Alarms  *[]string           `yaml:"alarms"`
	Metrics map[string]*float64 `yaml:"metrics"`
	States  map[string]string   `yaml:"states"`
	pos     diag.Position
	atNode  *yaml.Node
}

func (e *expectDoc) UnmarshalStrict(d *strict.Decoder, n *yaml.Node) {
	type plain expectDoc
	e.pos = d.Pos(n)
	_, e.atNode = strict.Lookup(n, "at")
	d.Decode(n, (*plain)(e))
}

// ParseFile parses an alarm test file. Problems are a diag.List.
func ParseFile(path string, src []byte) (*File, error) {
	d := &strict.Decoder{File: path, Src: string(src)}
	root := d.Parse()
	if root == nil {
		if len(d.Diags) == 0 {
			d.Diags = diag.List{{Code: "empty-file", Severity: diag.Error, Pos: diag.Position{File: path, Line: 1, Column: 1}, Message: "the test file is empty"}}
		}
		return nil, d.Diags
	}
	var doc fileDoc
	d.Decode(root, &doc)
	f := &File{Path: path, Text: string(src), Set: doc.Set, Sets: doc.Sets, RuleFiles: doc.RuleFiles, Start: DefaultStart}
	if doc.Start != "" {
		_, sn := strict.Lookup(root, "start")
		t, err := time.Parse(time.RFC3339, doc.Start)
		if err != nil {
			d.Errorf(sn, "bad-time", "write an RFC 3339 time like 2026-01-01T00:00:00Z", "start %q is not a time", doc.Start)
		}
		f.Start = t
	}
	if doc.Set != "" && len(doc.Sets) > 0 {
		_, sn := strict.Lookup(root, "sets")
		d.Errorf(sn, "conflicting-keys", "use set: for one set or sets: for several", "both set and sets are given")
	}
	if len(doc.Tests) == 0 {
		d.Errorf(root, "missing-key", "", "the test file has no tests")
	}
	names := map[string]diag.Position{}
	for _, td := range doc.Tests {
		t := Test{Name: td.Name, Pos: td.pos, Sets: td.Sets}
		if prev, dup := names[td.Name]; dup && td.Name != "" {
			d.Diags = append(d.Diags, diag.Diagnostic{Code: "duplicate-test", Severity: diag.Error, Pos: td.pos,
				Message: fmt.Sprintf("test %q is already defined at line %d", td.Name, prev.Line), Hint: "test names identify results in reports; make them unique",
				SourceLine: diag.LineAt(d.Src, td.pos.Line)})
		}
		names[td.Name] = td.pos
		if t.Name == "" {
			d.Diags = append(d.Diags, diag.Diagnostic{Code: "missing-key", Severity: diag.Error, Pos: td.pos, Message: "test has no name", SourceLine: diag.LineAt(d.Src, td.pos.Line)})
		}
		for _, r := range td.Rules {
			t.Rules = append(t.Rules, r.Named)
		}
		for _, e := range td.Events {
			if len(e.event.Offsets) > 0 {
				t.Events = append(t.Events, e.event)
			}
		}
		if len(td.Expect) == 0 {
			d.Diags = append(d.Diags, diag.Diagnostic{Code: "missing-key", Severity: diag.Error, Pos: td.pos,
				Message: "test " + quote(t.Name) + " expects nothing", Hint: "add expect: [{at: 5m, alarms: [...]}]; alarms: [] means none is firing", SourceLine: diag.LineAt(d.Src, td.pos.Line)})
		}
		for _, ed := range td.Expect {
			x := Expect{Pos: ed.pos, Alarms: ed.Alarms, Metrics: ed.Metrics, States: ed.States}
			if ed.atNode == nil {
				d.Diags = append(d.Diags, diag.Diagnostic{Code: "missing-key", Severity: diag.Error, Pos: ed.pos, Message: "expectation has no at", SourceLine: diag.LineAt(d.Src, ed.pos.Line)})
				continue
			}
			at, err := parseOffset(ed.At)
			if err != nil {
				d.Errorf(ed.atNode, "bad-time", "", "%v", err)
				continue
			}
			x.At = at
			if x.Alarms == nil && len(x.Metrics) == 0 && len(x.States) == 0 {
				d.Diags = append(d.Diags, diag.Diagnostic{Code: "missing-key", Severity: diag.Error, Pos: ed.pos,
					Message: "expectation checks nothing", Hint: "give alarms: (the rules in ALARM; [] for none), metrics: or states:", SourceLine: diag.LineAt(d.Src, ed.pos.Line)})
				continue
			}
			for _, s := range x.States {
				switch s {
				case "OK", "ALARM", "INSUFFICIENT_DATA":
				default:
					d.Diags = append(d.Diags, diag.Diagnostic{Code: "bad-value", Severity: diag.Error, Pos: ed.pos,
						Message: "unknown alarm state " + quote(s), Hint: "states are OK, ALARM and INSUFFICIENT_DATA", SourceLine: diag.LineAt(d.Src, ed.pos.Line)})
				}
			}
			t.Expect = append(t.Expect, x)
		}
		f.Tests = append(f.Tests, t)
	}
	if len(d.Diags) > 0 {
		d.Diags.Sort()
		return nil, d.Diags
	}
	return f, nil
}

func quote(s string) string { return "\"" + s + "\"" }
