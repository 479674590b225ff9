package jsonscan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

// gjsonValidObject is the reference's answer to "is this one JSON object".
func gjsonValidObject(event []byte) bool {
	i := skipSpace(event, 0)
	return gjson.ValidBytes(event) && i < len(event) && event[i] == '{'
}

// checkAgainstGJSON scans event with a trie of paths and compares, path by
// path, every offer with what the gjson walk of the reference selects.
func checkAgainstGJSON(t *testing.T, event []byte, paths []Path) {
	t.Helper()
	trie, err := NewTrie(paths)
	require.NoError(t, err)
	var c collector
	res := trie.Scan(event, &c)
	wantValid := gjsonValidObject(event)
	require.Equal(t, wantValid, res == Valid, "validity of %q", event)
	if !wantValid {
		return
	}
	got := byPath(c.offers, len(paths))
	root := gjson.ParseBytes(event)
	for i, p := range paths {
		require.Equal(t, gjsonAll(i, root, p), got[i], "path %s (%v) of %q", p, p, event)
	}
}

func TestRealRecordsAgainstGJSON(t *testing.T) {
	records := loadRecords(t)
	require.Greater(t, len(records), 3000)
	for n, rec := range records {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			checkAgainstGJSON(t, rec, pathsOf(rec, 6, 600))
		})
	}
}

func TestHandEventsAgainstGJSON(t *testing.T) {
	events := []string{
		`{"a":1,"a":2}`,
		`{"a":"s","a":{"c":0},"a":{"b":3},"a":{"b":4}}`,
		`{"a":{"b":1},"a":{"b":2}}`,
		`{"a":[{"b":1}],"a":[{"b":2},{"c":3}]}`,
		`{"\u0061":"x","a":"y","a\u002eb":1,"a.b":2}`,
		`{"k":"\ud83d\ude00\ud800\u0041\udc00","e":"\\\"\/"}`,
		" \n{\t\"a\" : [ 1 , 2 , { \"b\" : null } ] } \r\n",
		`{"a":[[[[[[[[1]]]]]]]],"b":{"c":{"d":{"e":{"f":true}}}}}`,
		`{"n":-0,"m":1E+2,"o":123456789012345678901234567890}`,
		`{"":{"":1}}`,
	}
	for _, ev := range events {
		t.Run(ev, func(t *testing.T) {
			checkAgainstGJSON(t, []byte(ev), pathsOf([]byte(ev), 8, 400))
		})
	}
}

// TestCorruptedRecords damages real records (truncation, one changed byte,
// trailing text) and checks validity against gjson and encoding/json.
func TestCorruptedRecords(t *testing.T) {
	records := loadRecords(t)
	rng := rand.New(rand.NewPCG(1, 2))
	junk := []byte(`{}[]:,"\ ` + "\x00\x1f\x7f\xff" + `0-eE.+tfnu`)
	for n, rec := range records {
		if n%4 != 0 {
			continue
		}
		for k := 0; k < 8; k++ {
			ev := bytes.Clone(rec)
			switch k % 4 {
			case 0:
				ev = ev[:rng.IntN(len(ev))]
			case 1:
				ev[rng.IntN(len(ev))] = junk[rng.IntN(len(junk))]
			case 2:
				ev = append(ev, junk[rng.IntN(len(junk))])
			case 3:
				i := rng.IntN(len(ev))
				ev = append(ev[:i:i], ev[i+1:]...)
			}
			want := gjsonValidObject(ev)
			_, got := Validate(ev)
			require.Equal(t, want, got, "record %d damage %d: %q", n, k, ev)
			if json.Valid(ev) != gjson.ValidBytes(ev) {
				t.Fatalf("encoding/json and gjson disagree on %q", ev)
			}
		}
	}
}
