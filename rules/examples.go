package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/rules/internal/strict"
)

// Event is one named example event: a CloudTrail record exactly as CloudTrail
// delivers it to CloudWatch Logs (one compact JSON object).
type Event struct {
	Name string `json:"name"`
	// Source says where the record comes from (data set and record number,
	// or the documentation it was written from).
	Source  string        `json:"source"`
	Note    string        `json:"note,omitempty"`
	Message []byte        `json:"-"`
	Pos     diag.Position `json:"-"`
}

// ExampleRef is one entry of a rule's examples: a library event by name or
// an event written inline.
type ExampleRef struct {
	Name  string        // library name, or the inline event's name
	Event *Event        // set for inline events
	Pos   diag.Position // where the entry is written
}

// MarshalJSON writes a library reference as its name and an inline event as
// {"name", "source", "note", "event"}, the event as JSON when it is JSON.
func (r ExampleRef) MarshalJSON() ([]byte, error) {
	if r.Event == nil {
		return json.Marshal(r.Name)
	}
	ev := json.RawMessage(r.Event.Message)
	if !json.Valid(ev) {
		s, _ := json.Marshal(string(r.Event.Message))
		ev = s
	}
	return json.Marshal(struct {
		Name   string          `json:"name"`
		Source string          `json:"source,omitempty"`
		Note   string          `json:"note,omitempty"`
		Event  json.RawMessage `json:"event"`
	}{r.Event.Name, r.Event.Source, r.Event.Note, ev})
}

// UnmarshalStrict reads either a library name or a mapping
// {name, source, note, event} where event is a JSON string or a mapping.
func (r *ExampleRef) UnmarshalStrict(d *strict.Decoder, n *yaml.Node) {
	r.Pos = d.Pos(n)
	switch n.Kind {
	case yaml.ScalarNode:
		r.Name, r.Event = n.Value, nil
		return
	case yaml.MappingNode:
	default:
		d.Errorf(n, "yaml-type", "an example is a library event name or a mapping with an event", "example must be a name or a mapping")
		return
	}
	var raw struct {
		Name   string    `yaml:"name"`
		Source string    `yaml:"source"`
		Note   string    `yaml:"note"`
		Event  yaml.Node `yaml:"event"`
	}
	_, ev := strict.Lookup(n, "event")
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch k := n.Content[i]; k.Value {
		case "name":
			d.Decode(n.Content[i+1], &raw.Name)
		case "source":
			d.Decode(n.Content[i+1], &raw.Source)
		case "note":
			d.Decode(n.Content[i+1], &raw.Note)
		case "event":
		default:
			d.Errorf(k, "unknown-key", "valid keys: name, source, note, event", "unknown key %q in an example", k.Value)
		}
	}
	if ev == nil {
		d.Errorf(n, "missing-key", "write the log event under event:, as a JSON string or a YAML mapping", "inline example has no event")
		return
	}
	msg, err := eventMessage(ev)
	if err != nil {
		d.Errorf(ev, "bad-event", "", "%v", err)
		return
	}
	if raw.Name == "" {
		raw.Name = fmt.Sprintf("inline event at line %d", n.Line)
	}
	r.Name = raw.Name
	r.Event = &Event{Name: raw.Name, Source: raw.Source, Note: raw.Note, Message: msg, Pos: d.Pos(ev)}
}

// eventMessage turns an event node into the log message: a string is taken
// as written (any log line, JSON or not); a mapping or list becomes compact
// JSON in key order.
func eventMessage(n *yaml.Node) ([]byte, error) {
	if n.Kind == yaml.ScalarNode {
		return []byte(strings.TrimRight(n.Value, "\n")), nil
	}
	var b bytes.Buffer
	if err := nodeJSON(&b, n); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func nodeJSON(b *bytes.Buffer, n *yaml.Node) error {
	switch n.Kind {
	case yaml.AliasNode:
		return nodeJSON(b, n.Alias)
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(n.Content[i].Value)
			b.Write(k)
			b.WriteByte(':')
			if err := nodeJSON(b, n.Content[i+1]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := nodeJSON(b, c); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			b.WriteString("null")
		case "!!bool", "!!int", "!!float":
			if _, err := strconv.ParseFloat(n.Value, 64); err == nil || n.Tag == "!!bool" {
				b.WriteString(strings.ToLower(n.Value))
				return nil
			}
			fallthrough
		default:
			s, _ := json.Marshal(n.Value)
			b.Write(s)
		}
	default:
		return fmt.Errorf("line %d: cannot turn this node into JSON", n.Line)
	}
	return nil
}

// Library is a set of named example events.
type Library struct {
	events map[string]*Event
	order  []string
}

// Get returns the named event.
func (l *Library) Get(name string) (*Event, bool) {
	e, ok := l.events[name]
	return e, ok
}

// Names returns the event names in file order.
func (l *Library) Names() []string { return append([]string(nil), l.order...) }

// Len is the number of events.
func (l *Library) Len() int { return len(l.order) }

// Resolve returns the event an example refers to.
func (l *Library) Resolve(r ExampleRef) (*Event, bool) {
	if r.Event != nil {
		return r.Event, true
	}
	return l.Get(r.Name)
}

// ParseLibrary reads NDJSON lines {"name","source","note","event"}; the
// event's bytes are kept exactly as written.
func ParseLibrary(file string, data []byte) (*Library, error) {
	l := &Library{events: map[string]*Event{}}
	var diags diag.List
	text := string(data)
	offset := 0
	for i, line := range strings.SplitAfter(text, "\n") {
		start := offset
		offset += len(line)
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" {
			continue
		}
		pos := diag.Position{File: file, Line: i + 1, Column: 1, Offset: start}
		var rec struct {
			Name   string          `json:"name"`
			Source string          `json:"source"`
			Note   string          `json:"note"`
			Event  json.RawMessage `json:"event"`
		}
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			diags = append(diags, diag.Diagnostic{Code: "bad-event", Severity: diag.Error, Pos: pos, Message: "invalid example line: " + err.Error(), SourceLine: line})
			continue
		}
		switch {
		case rec.Name == "" || len(rec.Event) == 0 || rec.Source == "":
			diags = append(diags, diag.Diagnostic{Code: "bad-event", Severity: diag.Error, Pos: pos, Message: "an example needs name, source and event", SourceLine: line})
			continue
		case l.events[rec.Name] != nil:
			diags = append(diags, diag.Diagnostic{Code: "duplicate-example", Severity: diag.Error, Pos: pos,
				Message: fmt.Sprintf("example %q is already defined at line %d", rec.Name, l.events[rec.Name].Pos.Line), SourceLine: line})
			continue
		}
		l.events[rec.Name] = &Event{Name: rec.Name, Source: rec.Source, Note: rec.Note, Message: rec.Event, Pos: pos}
		l.order = append(l.order, rec.Name)
	}
	if len(diags) > 0 {
		return nil, diags
	}
	return l, nil
}
