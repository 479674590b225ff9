// Package strict decodes YAML nodes into Go values the way cwpat's rule and
// test files want: unknown and duplicate keys are errors, every error is a
// diag.Diagnostic at the file:line:col of the offending node, and decoding
// onto a value that already holds data overwrites only the keys present
// (which is how partial rule overrides merge into built-in rules).
package strict

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/agext/levenshtein"
	"go.yaml.in/yaml/v3"

	"github.com/cwpat/cwpat/diag"
)

// Unmarshaler is implemented by types that decode themselves from a node
// (durations, example references). They report problems through d.
type Unmarshaler interface {
	UnmarshalStrict(d *Decoder, n *yaml.Node)
}

// Decoder collects diagnostics while decoding nodes of one file.
type Decoder struct {
	File  string // path shown in positions
	Src   string // the file's text, for source lines
	Diags diag.List
}

// Parse parses src into its document node, reporting YAML syntax errors as
// diagnostics. It returns nil when the file is empty or broken.
func (d *Decoder) Parse() *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(d.Src), &doc); err != nil {
		line := 0
		msg := err.Error()
		// yaml.v3 says "yaml: line N: message".
		if _, scanErr := fmt.Sscanf(msg, "yaml: line %d:", &line); scanErr == nil {
			msg = strings.TrimSpace(msg[strings.Index(msg[len("yaml: line "):], ":")+len("yaml: line ")+1:])
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		pos := diag.Position{File: d.File, Line: line, Column: 1}
		if line == 0 {
			pos.Line = 1
		}
		d.Diags = append(d.Diags, diag.Diagnostic{Code: "yaml-syntax", Severity: diag.Error, Pos: pos,
			Message: "invalid YAML: " + msg, SourceLine: diag.LineAt(d.Src, pos.Line)})
		return nil
	}
	if len(doc.Content) == 0 {
		return nil
	}
	return doc.Content[0]
}

// Pos returns the position of n in the file.
func (d *Decoder) Pos(n *yaml.Node) diag.Position {
	return diag.Position{File: d.File, Line: n.Line, Column: n.Column, Offset: offsetOf(d.Src, n.Line, n.Column)}
}

// Errorf records an error diagnostic at n.
func (d *Decoder) Errorf(n *yaml.Node, code, hint, format string, args ...any) {
	p := d.Pos(n)
	d.Diags = append(d.Diags, diag.Diagnostic{Code: code, Severity: diag.Error, Pos: p, Len: 1,
		Message: fmt.Sprintf(format, args...), Hint: hint, SourceLine: diag.LineAt(d.Src, p.Line)})
}

// Decode decodes n onto the value out points to.
func (d *Decoder) Decode(n *yaml.Node, out any) {
	v := reflect.ValueOf(out)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		panic("strict: Decode needs a non-nil pointer")
	}
	d.decode(n, v.Elem(), "")
}

// DecodeAs is Decode for a node that is the value of key what, so messages
// say where ("unknown key "x" in alarm").
func (d *Decoder) DecodeAs(n *yaml.Node, out any, what string) {
	v := reflect.ValueOf(out)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		panic("strict: DecodeAs needs a non-nil pointer")
	}
	d.decode(n, v.Elem(), what)
}

// Fields returns the YAML keys of struct type t in declaration order, the
// keys of an embedded struct tagged `yaml:",inline"` in its place.
func Fields(t reflect.Type) []string {
	keys, _ := fields(t)
	return keys
}

// fields returns the YAML keys of struct type t in declaration order and,
// for each, the index path of its field (through inline embedded structs).
func fields(t reflect.Type) ([]string, map[string][]int) {
	var keys []string
	index := map[string][]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct && isInline(f) {
			inner, innerIndex := fields(f.Type)
			for _, k := range inner {
				keys = append(keys, k)
				index[k] = append([]int{i}, innerIndex[k]...)
			}
			continue
		}
		if k := key(f); k != "" {
			keys = append(keys, k)
			index[k] = []int{i}
		}
	}
	return keys, index
}

func isInline(f reflect.StructField) bool {
	_, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	return opts == "inline"
}

func key(f reflect.StructField) string {
	tag := f.Tag.Get("yaml")
	if tag == "-" || !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		return ""
	}
	return name
}

var unmarshalerType = reflect.TypeFor[Unmarshaler]()

func (d *Decoder) decode(n *yaml.Node, v reflect.Value, what string) {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshalerType) {
		v.Addr().Interface().(Unmarshaler).UnmarshalStrict(d, n)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if n.Tag == "!!null" {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem(), what)
	case reflect.Struct:
		d.decodeStruct(n, v, what)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.Errorf(n, "yaml-type", "", "%s must be a list, not %s", describe(what), kindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.decode(item, s.Index(i), what)
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.Errorf(n, "yaml-type", "", "%s must be a mapping, not %s", describe(what), kindName(n))
			return
		}
		m := reflect.MakeMap(v.Type())
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if seen[k.Value] {
				d.Errorf(k, "duplicate-key", "", "duplicate key %q", k.Value)
				continue
			}
			seen[k.Value] = true
			ev := reflect.New(v.Type().Elem()).Elem()
			d.decode(val, ev, k.Value)
			m.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), ev)
		}
		v.Set(m)
	default:
		d.decodeScalar(n, v, what)
	}
}

func (d *Decoder) decodeStruct(n *yaml.Node, v reflect.Value, what string) {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "yaml-type", "", "%s must be a mapping, not %s", describe(what), kindName(n))
		return
	}
	t := v.Type()
	keys, index := fields(t)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		fi, ok := index[k.Value]
		if !ok {
			d.unknownKey(k, what, keys)
			continue
		}
		if seen[k.Value] {
			d.Errorf(k, "duplicate-key", "", "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		d.decode(val, v.FieldByIndex(fi), k.Value)
	}
}

func (d *Decoder) unknownKey(k *yaml.Node, what string, valid []string) {
	hint := "valid keys: " + strings.Join(valid, ", ")
	best, dist := "", 4
	for _, c := range valid {
		if dd := levenshtein.Distance(strings.ToLower(k.Value), strings.ToLower(c), nil); dd < dist {
			best, dist = c, dd
		}
	}
	if best != "" {
		hint = fmt.Sprintf("did you mean %q? (%s)", best, hint)
	}
	where := ""
	if what != "" {
		where = " in " + what
	}
	d.Errorf(k, "unknown-key", hint, "unknown key %q%s", k.Value, where)
}

func (d *Decoder) decodeScalar(n *yaml.Node, v reflect.Value, what string) {
	if n.Kind != yaml.ScalarNode {
		d.Errorf(n, "yaml-type", "", "%s must be a %s, not %s", describe(what), goKind(v.Kind()), kindName(n))
		return
	}
	if v.Kind() == reflect.String && n.Tag != "!!str" && n.Tag != "!!null" && n.Style == 0 {
		// Plain scalars like 1 or true are fine as strings (metricValue: 1).
		v.SetString(n.Value)
		return
	}
	if err := n.Decode(v.Addr().Interface()); err != nil {
		d.Errorf(n, "yaml-type", "", "%s must be a %s, not %q", describe(what), goKind(v.Kind()), n.Value)
	}
}

func describe(what string) string {
	if what == "" {
		return "the value"
	}
	return fmt.Sprintf("%q", what)
}

func goKind(k reflect.Kind) string {
	switch k {
	case reflect.Int, reflect.Int32, reflect.Int64:
		return "whole number"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Bool:
		return "boolean (true or false)"
	case reflect.String:
		return "string"
	}
	return k.String()
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "an alias"
}

// offsetOf converts a 1-based line and column (in characters) to a byte offset.
func offsetOf(src string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		nl := strings.IndexByte(src[off:], '\n')
		if nl < 0 {
			return len(src)
		}
		off += nl + 1
	}
	for c := 1; c < col && off < len(src); c++ {
		_, size := utf8.DecodeRuneInString(src[off:])
		off += size
	}
	return off
}

// Keys returns the mapping's keys in file order (nil for other nodes).
func Keys(n *yaml.Node) []string {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var out []string
	for i := 0; i < len(n.Content); i += 2 {
		out = append(out, n.Content[i].Value)
	}
	return out
}

// Lookup returns the key and value nodes of key in mapping n.
func Lookup(n *yaml.Node, key string) (k, v *yaml.Node) {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

// SortedKeys returns a map's keys sorted.
func SortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
