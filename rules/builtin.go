package rules

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed data
var data embed.FS

// Newest is the set the alias "cis" stands for: the newest CIS benchmark
// version cwpat ships.
const Newest = "cis-5.0"

// aliases are extra names for built-in sets.
var aliases = map[string]string{"cis": Newest}

type builtins struct {
	sets  map[string]*Set
	order []string
	lib   *Library
	err   error
}

var loadBuiltins = sync.OnceValue(func() *builtins {
	b := &builtins{sets: map[string]*Set{}}
	lib, err := ParseLibrary("builtin/examples/cloudtrail.ndjson", mustRead("data/examples/cloudtrail.ndjson"))
	if err != nil {
		b.err = err
		return b
	}
	b.lib = lib
	entries, err := data.ReadDir("data/sets")
	if err != nil {
		b.err = err
		return b
	}
	srcs := map[string][]byte{}
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".yaml")
		srcs[name] = mustRead(path.Join("data/sets", e.Name()))
		b.order = append(b.order, name)
	}
	sort.Strings(b.order)
	loading := map[string]bool{}
	var load func(name string) (*Set, error)
	load = func(name string) (*Set, error) {
		if s, ok := b.sets[name]; ok {
			return s, nil
		}
		src, ok := srcs[name]
		if !ok {
			return nil, fmt.Errorf("no built-in set %q", name)
		}
		if loading[name] {
			return nil, fmt.Errorf("built-in set %q extends itself", name)
		}
		loading[name] = true
		s := &Set{Name: name, Examples: lib}
		if err := applyFile(s, "builtin/sets/"+name+".yaml", src, load); err != nil {
			return nil, err
		}
		s.Name, s.Examples = name, lib
		if err := validate(s); err != nil {
			return nil, err
		}
		b.sets[name] = s
		return s, nil
	}
	for _, n := range b.order {
		if _, err := load(n); err != nil {
			b.err = err
			return b
		}
	}
	return b
})

func mustRead(name string) []byte {
	b, err := data.ReadFile(name)
	if err != nil {
		panic("rules: embedded data missing: " + err.Error())
	}
	return b
}

// Builtin returns a private copy of the named built-in set ("cis-1.2" ...
// "cis-5.0", "cis" for the newest, "securityhub", "cloudtrail-sample",
// "recommended").
func Builtin(name string) (*Set, error) {
	b := loadBuiltins()
	if b.err != nil {
		return nil, b.err
	}
	if a, ok := aliases[name]; ok {
		name = a
	}
	s, ok := b.sets[name]
	if !ok {
		return nil, fmt.Errorf("no built-in rule set %q (choose one of %s)", name, strings.Join(BuiltinNames(), ", "))
	}
	return s.Clone(), nil
}

// BuiltinNames lists the built-in sets and aliases, sorted.
func BuiltinNames() []string {
	b := loadBuiltins()
	out := append([]string(nil), b.order...)
	for a := range aliases {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// AliasOf returns the set an alias stands for ("" if name is no alias).
func AliasOf(name string) string { return aliases[name] }

// BuiltinExamples returns the embedded library of example CloudTrail records.
func BuiltinExamples() (*Library, error) {
	b := loadBuiltins()
	if b.err != nil {
		return nil, b.err
	}
	return b.lib, nil
}

// BuiltinFile returns the text of an embedded file by the path diagnostics
// show for it ("builtin/sets/cis-1.4.yaml"), for rendering source lines.
func BuiltinFile(name string) ([]byte, bool) {
	rest, ok := strings.CutPrefix(name, "builtin/")
	if !ok {
		return nil, false
	}
	b, err := data.ReadFile("data/" + rest)
	return b, err == nil
}

// Notice returns the attribution of the embedded CloudTrail records.
func Notice() string { return string(mustRead("data/NOTICE.md")) }

// BuiltinTests returns the embedded alarm test files by the path
// diagnostics show for them ("builtin/tests/cis.yaml"), sorted by path.
func BuiltinTests() []NamedFile {
	entries, err := data.ReadDir("data/tests")
	if err != nil {
		return nil
	}
	var out []NamedFile
	for _, e := range entries {
		out = append(out, NamedFile{Path: "builtin/tests/" + e.Name(), Data: mustRead("data/tests/" + e.Name())})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// NamedFile is an embedded file and the path diagnostics show for it.
type NamedFile struct {
	Path string
	Data []byte
}

// BuiltinSetNames lists the built-in sets without aliases.
func BuiltinSetNames() []string {
	return append([]string(nil), loadBuiltins().order...)
}
