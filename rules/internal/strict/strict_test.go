package strict

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type inner struct {
	A int               `yaml:"a"`
	B []string          `yaml:"b"`
	C map[string]string `yaml:"c"`
}

type outer struct {
	Name  string   `yaml:"name"`
	Ratio *float64 `yaml:"ratio"`
	In    inner    `yaml:"in"`
	Skip  string   `yaml:"-"`
}

func decode(t *testing.T, src string, out any) *Decoder {
	t.Helper()
	d := &Decoder{File: "f.yaml", Src: src}
	root := d.Parse()
	require.NotNil(t, root, "%v", d.Diags)
	d.Decode(root, out)
	return d
}

func TestDecodeMergesOntoExistingValues(t *testing.T) {
	v := outer{Name: "keep", In: inner{A: 1, B: []string{"x"}}}
	d := decode(t, "in: {a: 2}\nratio: 0.5\n", &v)
	require.Empty(t, d.Diags)
	assert.Equal(t, "keep", v.Name, "absent keys keep their value")
	assert.Equal(t, 2, v.In.A)
	assert.Equal(t, []string{"x"}, v.In.B)
	require.NotNil(t, v.Ratio)
	assert.Equal(t, 0.5, *v.Ratio)

	d = decode(t, "ratio: ~\nname: 7\n", &v)
	require.Empty(t, d.Diags)
	assert.Nil(t, v.Ratio, "null clears a pointer")
	assert.Equal(t, "7", v.Name, "a plain number is fine where a string is wanted")
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"nme: x\n", `f.yaml:1:1: error: unknown key "nme" [unknown-key]`},
		{"in: {a: 1, a: 2}\n", `f.yaml:1:12: error: duplicate key "a" [duplicate-key]`},
		{"in: {a: one}\n", `f.yaml:1:9: error: "a" must be a whole number, not "one" [yaml-type]`},
		{"in: {b: x}\n", `f.yaml:1:9: error: "b" must be a list, not "x" [yaml-type]`},
		{"in: [1]\n", `f.yaml:1:5: error: "in" must be a mapping, not a list [yaml-type]`},
		{"name: [x]\n", `f.yaml:1:7: error: "name" must be a string, not a list [yaml-type]`},
		{"in: {c: {k: [1]}}\n", `f.yaml:1:13: error: "k" must be a string, not a list [yaml-type]`},
	}
	for _, c := range cases {
		var v outer
		d := decode(t, c.src, &v)
		require.NotEmpty(t, d.Diags, c.src)
		assert.Equal(t, c.want, d.Diags[0].Error(), c.src)
		assert.NotEmpty(t, d.Diags[0].SourceLine, c.src)
	}
}

func TestSuggestion(t *testing.T) {
	var v outer
	d := decode(t, "in: {aa: 1}\n", &v)
	require.Len(t, d.Diags, 1)
	assert.Equal(t, `did you mean "a"? (valid keys: a, b, c)`, d.Diags[0].Hint)
}

func TestParseSyntaxError(t *testing.T) {
	d := &Decoder{File: "f.yaml", Src: "a: b\n  c: [\n"}
	assert.Nil(t, d.Parse())
	require.Len(t, d.Diags, 1)
	assert.Equal(t, "yaml-syntax", d.Diags[0].Code)
	assert.Equal(t, 2, d.Diags[0].Pos.Line)
	empty := &Decoder{File: "f.yaml", Src: ""}
	assert.Nil(t, empty.Parse())
	assert.Empty(t, empty.Diags, "an empty file is for the caller to judge")
}

func TestPositionsCountCharacters(t *testing.T) {
	src := "name: \"é\"\nin: {a: 1}\n"
	d := &Decoder{File: "f.yaml", Src: src}
	root := d.Parse()
	_, v := Lookup(root, "in")
	p := d.Pos(v)
	assert.Equal(t, 2, p.Line)
	assert.Equal(t, len("name: \"é\"\n")+4, p.Offset)
	assert.Equal(t, []string{"name", "in"}, Keys(root))
	k, _ := Lookup(root, "nope")
	assert.Nil(t, k)
	assert.Equal(t, []string{"a", "b"}, SortedKeys(map[string]int{"b": 1, "a": 2}))
	assert.Equal(t, []string{"name", "ratio", "in"}, Fields(reflect.TypeFor[outer]()))
}

// embedding is how rules.Alarm carries sim.Alarm: the embedded struct's keys
// sit beside the outer ones, in declaration order.
type embedding struct {
	Name  string `yaml:"name"`
	inner `yaml:",inline"`
	Last  bool `yaml:"last"`
}

func TestDecodeInline(t *testing.T) {
	var v embedding
	d := decode(t, "name: n\na: 3\nlast: true\n", &v)
	require.Empty(t, d.Diags)
	assert.Equal(t, embedding{Name: "n", inner: inner{A: 3}, Last: true}, v)
	assert.Equal(t, []string{"name", "a", "b", "c", "last"}, Fields(reflect.TypeFor[embedding]()))

	d = decode(t, "aa: 1\n", &v)
	require.Len(t, d.Diags, 1)
	assert.Contains(t, d.Diags[0].Hint, `did you mean "a"? (valid keys: name, a, b, c, last)`, "inline keys are suggested")
}
