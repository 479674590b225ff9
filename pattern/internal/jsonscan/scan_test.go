package jsonscan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScanHandCases(t *testing.T) {
	deep := strings.Repeat(`{"x":`, 5000) + `1` + strings.Repeat(`}`, 5000)
	deepArr := strings.Repeat(`[`, 20000) + strings.Repeat(`]`, 20000)
	tests := []struct {
		name   string
		event  string
		paths  []string
		result Result
		any    bool // read .* as Any rather than AnyKey
		// want lists, per path, the offers as "kind:text".
		want [][]string
	}{
		{name: "plain string", event: `{"a":"x"}`, paths: []string{"$.a"}, result: Valid,
			want: [][]string{{"string:x"}}},
		{name: "escape \\u0041 decodes", event: `{"a":"x\u0041y"}`, paths: []string{"$.a"}, result: Valid,
			want: [][]string{{"string:xAy"}}},
		{name: "short escapes decode", event: `{"a":"\"\\\/\b\f\n\r\t"}`, paths: []string{"$.a"}, result: Valid,
			want: [][]string{{"string:\"\\/\b\f\n\r\t"}}},
		{name: "surrogate pair", event: `{"a":"\ud83d\ude00!"}`, paths: []string{"$.a"}, result: Valid,
			want: [][]string{{"string:\U0001F600!"}}},
		{name: "high surrogate swallows next escape as gjson does", event: `{"a":"\ud800\u0041z"}`, paths: []string{"$.a"}, result: Valid,
			want: [][]string{{"string:\uFFFDz"}}},
		{name: "lone low surrogate", event: `{"a":"\udc00x"}`, paths: []string{"$.a"}, result: Valid,
			want: [][]string{{"string:\uFFFDx"}}},
		{name: "lone high surrogate at end", event: `{"a":"x\ud800"}`, paths: []string{"$.a"}, result: Valid,
			want: [][]string{{"string:x\uFFFD"}}},
		{name: "raw UTF-8 and invalid UTF-8 pass through", event: "{\"a\":\"é\xff\"}", paths: []string{"$.a"}, result: Valid,
			want: [][]string{{"string:é\xff"}}},
		{name: "key with a dot is one key", event: `{"a.b":1,"a":{"b":2}}`, paths: []string{"$.['a.b']", "$.a.b"}, result: Valid,
			want: [][]string{{"number:1"}, {"number:2"}}},
		{name: "escaped key compares decoded", event: `{"\u0061":1,"b\"c":2}`, paths: []string{"$.a", `$.['b"c']`}, result: Valid,
			want: [][]string{{"number:1"}, {"number:2"}}},
		{name: "duplicate keys: the first is selected by name, wildcards see all", event: `{"a":1,"a":2}`, paths: []string{"$.a", "$.*"}, result: Valid,
			want: [][]string{{"number:1"}, {"number:1", "number:2"}}},
		{name: "duplicate parent: only the first is entered by name", event: `{"a":{"c":0},"a":{"b":3}}`, paths: []string{"$.a.b", "$.a.c", "$.*.b"}, result: Valid,
			want: [][]string{nil, {"number:0"}, {"number:3"}}},
		{name: "duplicate escaped name counts as the same name", event: `{"\u0061":1,"a":2}`, paths: []string{"$.a"}, result: Valid,
			want: [][]string{{"number:1"}}},
		{name: "container offered whole", event: `{"a":{"b":[1, 2]}}`, paths: []string{"$.a", "$.a.b"}, result: Valid,
			want: [][]string{{`object:{"b":[1, 2]}`}, {"array:[1, 2]"}}},
		{name: "literals and numbers", event: `{"t":true,"f":false,"n":null,"i":-0.5e+10,"h":123456789012345678901234567890e999999}`,
			paths: []string{"$.t", "$.f", "$.n", "$.i", "$.h"}, result: Valid,
			want: [][]string{{"true:true"}, {"false:false"}, {"null:null"}, {"number:-0.5e+10"}, {"number:123456789012345678901234567890e999999"}}},
		{name: "whitespace everywhere", event: " \t\r\n{ \"a\" :\n[ 1 ,\t{ \"b\" : true } ] ,\"c\" : \"d\" } \n",
			paths: []string{"$.a[1].b", "$.c"}, result: Valid,
			want: [][]string{{"true:true"}, {"string:d"}}},
		{name: "index and wildcard elements", event: `{"a":[{"b":1},{"b":2},3,[4]]}`,
			paths: []string{"$.a[1].b", "$.a[*].b", "$.a[*]", "$.a[3][0]"}, result: Valid,
			want: [][]string{{"number:2"}, {"number:1", "number:2"}, {`object:{"b":1}`, `object:{"b":2}`, "number:3", "array:[4]"}, {"number:4"}}},
		{name: "member wildcard with a named path on the same member", event: `{"a":1,"b":{"c":2}}`,
			paths: []string{"$.*", "$.a", "$.*.c", "$.b.c"}, result: Valid,
			want: [][]string{{"number:1", `object:{"c":2}`}, {"number:1"}, {"number:2"}, {"number:2"}}},
		{name: "index does not select a member, name does not select an element", event: `{"a":{"0":1},"b":[5]}`,
			paths: []string{"$.a[0]", "$.b.0", "$.a.0"}, result: Valid,
			want: [][]string{nil, nil, {"number:1"}}},
		{name: "member wildcard does not enter arrays", event: `{"a":[1]}`, paths: []string{"$.a.*", "$.a[*]"}, result: Valid,
			want: [][]string{nil, {"number:1"}}},
		{name: "Any enters both", event: `{"a":[1],"b":{"c":2}}`, paths: []string{"$.a.*", "$.b.*"}, any: true, result: Valid,
			want: [][]string{{"number:1"}, {"number:2"}}},
		{name: "missing path gets nothing", event: `{"a":1}`, paths: []string{"$.b", "$.a.b"}, result: Valid,
			want: [][]string{nil, nil}},
		{name: "empty path is the whole object", event: ` {"a":1} `, paths: []string{"$"}, result: Valid,
			want: [][]string{{`object:{"a":1}`}}},
		{name: "deep nesting skipped", event: `{"d":` + deep + `,"a":1}`, paths: []string{"$.a"}, result: Valid,
			want: [][]string{{"number:1"}}},
		{name: "deeper than the inline skip stack", event: `{"d":` + deepArr + `,"a":1}`, paths: []string{"$.a"}, result: Valid,
			want: [][]string{{"number:1"}}},
		{name: "values before the error are still offered", event: `{"a":1,"b":}`, paths: []string{"$.a"}, result: Invalid,
			want: [][]string{{"number:1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paths := make([]Path, len(tt.paths))
			for i, s := range tt.paths {
				paths[i] = mustPath(t, s)
				for j := range paths[i] {
					if tt.any && paths[i][j].Kind == AnyKey {
						paths[i][j].Kind = Any
					}
				}
			}
			trie, err := NewTrie(paths)
			require.NoError(t, err)
			var c collector
			assert.Equal(t, tt.result, trie.Scan([]byte(tt.event), &c))
			got := make([][]string, len(paths))
			for _, o := range c.offers {
				got[o.Path] = append(got[o.Path], o.Kind.String()+":"+o.Text)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestScanInvalid(t *testing.T) {
	deepOpen := strings.Repeat(`[`, 9000)
	tests := []struct {
		event string
		at    int // offset Validate reports
	}{
		{``, 0},
		{`   `, 3},
		{`[1]`, 0},
		{`"x"`, 0},
		{`1`, 0},
		{`null`, 0},
		{`{"a":1}x`, 7},
		{`{"a":1}{"b":2}`, 7},
		{`{"a":1`, 6},
		{`{"a":"x`, 7},
		{`{"a":"x\`, 7},
		{`{"a":01}`, 6},
		{`{"a":1,}`, 7},
		{`{,}`, 1},
		{`{"a" 1}`, 5},
		{`{"a":"\x"}`, 6},
		{`{"a":"\u12"}`, 6},
		{`{"a":"\u12G4"}`, 6},
		{"{\"a\":\"x\ty\"}", 7},
		{"{\"a\":\"x\x00\"}", 7},
		{"{\"a\"\x0b:1}", 4},
		{`{"a":tru}`, 5},
		{`{"a":nul}`, 5},
		{`{"a":fals}`, 5},
		{`{"a":-}`, 6},
		{`{"a":+1}`, 5},
		{`{"a":.5}`, 5},
		{`{"a":1.}`, 7},
		{`{"a":1e}`, 7},
		{`{"a":1e+}`, 8},
		{`{"a":NaN}`, 5},
		{`{"a":[1,]}`, 8},
		{`{"a":[1 2]}`, 8},
		{`{"a":[}`, 6},
		{`{"a":{]}`, 6},
		{`{"a":{"b":1]}`, 11},
		{`{"a":[1}`, 7},
		{`{"a":{"b"}}`, 9},
		{`{"a":` + deepOpen, 5 + 9000},
		{`{'a':1}`, 1},
		{"\ufeff{}", 0},
	}
	for _, tt := range tests {
		t.Run(tt.event[:min(len(tt.event), 20)], func(t *testing.T) {
			at, ok := Validate([]byte(tt.event))
			assert.False(t, ok)
			assert.Equal(t, tt.at, at)
			// A trie that selects everything must agree.
			trie, err := NewTrie([]Path{{{Kind: AnyKey}}, {{Kind: AnyKey}, {Kind: AnyIndex}}, {{Kind: AnyKey}, {Kind: AnyKey}}})
			require.NoError(t, err)
			assert.Equal(t, Invalid, trie.Scan([]byte(tt.event), &collector{}))
		})
	}
}

func TestScanStop(t *testing.T) {
	trie, err := NewTrie([]Path{mustPath(t, "$.a"), mustPath(t, "$.b")})
	require.NoError(t, err)
	c := collector{stopAfter: 1}
	// Stopping wins over the invalid tail: validity is not decided.
	assert.Equal(t, Stopped, trie.Scan([]byte(`{"a":1,"b":2,}`), &c))
	assert.Len(t, c.offers, 1)
}

func TestNewTrie(t *testing.T) {
	_, err := NewTrie([]Path{{{Kind: Index, Index: -1}}})
	require.Error(t, err)
	_, err = NewTrie([]Path{{{Kind: StepKind(9)}}})
	require.Error(t, err)

	// Three wildcard paths over the same members determinize to a handful
	// of nodes, not one per combination of keys.
	trie, err := NewTrie([]Path{mustPath(t, "$.*.a"), mustPath(t, "$.b.*"), mustPath(t, "$.b.a"), mustPath(t, "$.c[*].*")})
	require.NoError(t, err)
	assert.Equal(t, 4, trie.Paths())
	assert.LessOrEqual(t, trie.Nodes(), 10)

	// Several names of one length share a length bucket.
	var paths []Path
	for _, k := range strings.Fields("a b c d e f g h i j k l m n o p") {
		paths = append(paths, Path{{Kind: Key, Name: k}})
	}
	trie, err = NewTrie(paths)
	require.NoError(t, err)
	var c collector
	require.Equal(t, Valid, trie.Scan([]byte(`{"p":1,"zz":2,"a":3}`), &c))
	assert.Equal(t, []offer{{Path: 15, Kind: Number, Text: "1"}, {Path: 0, Kind: Number, Text: "3"}}, c.offers)
}

func TestPathString(t *testing.T) {
	for _, s := range []string{"$", "$.a.b", "$.a[0][12].*", "$.['a.b'].c[*]", "$.['']"} {
		assert.Equal(t, s, mustPath(t, s).String())
	}
}

func TestKindString(t *testing.T) {
	assert.Equal(t, "string", String.String())
	assert.Equal(t, "array", Array.String())
	assert.Equal(t, "invalid", Kind(0).String())
	assert.Equal(t, "invalid", Kind(200).String())
	assert.Equal(t, "valid", Valid.String())
	assert.Equal(t, "invalid", Invalid.String())
	assert.Equal(t, "stopped", Stopped.String())
}

func TestManyNamedMembersDeduplicate(t *testing.T) {
	var paths []Path
	for i := range 200 {
		paths = append(paths, Path{{Kind: Key, Name: fmt.Sprintf("k%d", i)}})
	}
	trie, err := NewTrie(paths)
	require.NoError(t, err)
	var c collector
	require.Equal(t, Valid, trie.Scan([]byte(`{"k150":1,"k3":2,"k150":3,"k199":4}`), &c))
	assert.Equal(t, []offer{{150, Number, "1"}, {3, Number, "2"}, {199, Number, "4"}}, c.offers)
}
