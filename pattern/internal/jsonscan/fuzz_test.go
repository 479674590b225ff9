package jsonscan

import (
	"encoding/json"
	"testing"

	"github.com/tidwall/gjson"
)

// FuzzScan compares the reader with gjson (validity and every offered value)
// and with encoding/json (validity) on arbitrary input.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		`{"a":1}`, `{"a":"x\u0041\ud83d\ude00"}`, `{"a":[1,{"b":null}],"c":true}`,
		`{"a":1,"a":{"b":2}}`, ` {"a.b" : [ ] } `, `[1]`, `{"a":01}`, `{"a":1}x`, `{"a":"\ud800\u0041"}`,
		`{"eventName":"ConsoleLogin","additionalEventData":{"MFAUsed":"No"},"userIdentity":{"type":"IAMUser"}}`,
	} {
		f.Add([]byte(s))
	}
	fixed := []Path{
		{{Kind: Key, Name: "a"}},
		{{Kind: Key, Name: "a"}, {Kind: Key, Name: "b"}},
		{{Kind: AnyKey}},
		{{Kind: Key, Name: "a"}, {Kind: AnyIndex}},
		{{Kind: Key, Name: "a"}, {Kind: Index, Index: 1}, {Kind: AnyKey}},
	}
	f.Fuzz(func(t *testing.T, event []byte) {
		_, ok := Validate(event)
		if want := gjsonValidObject(event); ok != want {
			t.Fatalf("Validate(%q) = %v, gjson says %v", event, ok, want)
		}
		// encoding/json stops at 10000 levels; gjson and this reader do not.
		if gjson.ValidBytes(event) != json.Valid(event) && maxDepth(event) <= 10000 {
			t.Fatalf("gjson and encoding/json disagree on %q", event)
		}
		paths := fixed
		if ok {
			paths = append(pathsOf(event, 4, 50), fixed...)
		}
		checkAgainstGJSON(t, event, paths)
	})
}

// maxDepth is the deepest bracket nesting in event, ignoring string contents
// only roughly; it only needs to be an upper bound.
func maxDepth(event []byte) int {
	d, m := 0, 0
	for _, c := range event {
		switch c {
		case '{', '[':
			d++
			m = max(m, d)
		case '}', ']':
			d--
		}
	}
	return m
}
