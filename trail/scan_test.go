package trail

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scanAll reports whether b is exactly one JSON value with optional
// surrounding whitespace, as json.Valid defines it.
func scanAll(b []byte) (bool, *scanner) {
	var s scanner
	b = bytes.TrimLeft(b, " \t\r\n")
	// A trailing space lets a top-level number end inside the input.
	padded := append(append([]byte{}, b...), ' ')
	n, err := s.scan(padded)
	if err != nil {
		return false, &s
	}
	return len(bytes.TrimLeft(padded[n:], " \t\r\n")) == 0, &s
}

func TestScanAgreesWithEncodingJSON(t *testing.T) {
	cases := []string{
		`{}`, `[]`, `{"a":1}`, `{"a":[1,2,{"b":null}]}`, ` { "a" : "b" } `, `"x"`, `0`, `-0.5e+10`, `true`,
		`{"a":"\u00e9\n\"\\\/"}`, `{"a":01}`, `{"a":1.}`, `{"a":-}`, `{"a":1e}`, `{"a":tru}`, `{"a" 1}`,
		`{"a":1,}`, `[1,]`, `{"a":"\x"}`, "{\"a\":\"\x01\"}", `{"a":"\u12g4"}`, `{1:2}`, `{"a":1}}`, `[`, `{"a":`,
		"{\"a\":\"\xff\"}", `nul`, `{"a":[}`, `{"a":{]}`, ``, ` `, `{"a":1} {"b":2}`,
	}
	for _, c := range cases {
		ok, _ := scanAll([]byte(c))
		assert.Equal(t, json.Valid([]byte(c)), ok, "%q", c)
	}
}

func TestScanFindsTopLevelFields(t *testing.T) {
	var s scanner
	in := []byte(`{"x":{"eventTime":"nested"},"eventTime" : "2023-07-10T11:42:36Z","digestStartTime":1,"CloudTrailEvent":"{\"a\":1}"}`)
	n, err := s.scan(in)
	require.Nil(t, err)
	assert.Equal(t, len(in), n)
	et := s.fields[fieldEventTime]
	assert.Equal(t, "2023-07-10T11:42:36Z", string(in[et.start:et.end]))
	assert.Equal(t, -1, s.fields[fieldDigestStartTime].start, "a number is not a string field")
	ce := s.fields[fieldCloudTrailEvent]
	assert.True(t, ce.esc)
	assert.Equal(t, `{"a":1}`, string(unescaped(in[ce.start:ce.end], ce.esc)))
	assert.True(t, s.spaced)
}

func TestScanErrorsArePlaced(t *testing.T) {
	cases := []struct {
		in, msg    string
		off        int
		incomplete bool
	}{
		{`{"a":1,}`, "invalid character '}' looking for beginning of object key string", 7, false},
		{`{"a":[1 2]}`, "invalid character '2' after array element", 8, false},
		{`{"a":"b`, "unexpected end of JSON input", 7, true},
		{`{"a":x}`, "invalid character 'x' looking for beginning of value", 5, false},
		{"{\"a\":\"\x00\"}", "invalid character byte 0x00 in string literal", 6, false},
	}
	for _, c := range cases {
		var s scanner
		_, err := s.scan([]byte(c.in))
		require.NotNil(t, err, c.in)
		assert.Equal(t, c.msg, err.msg, c.in)
		assert.Equal(t, c.off, err.off, c.in)
		assert.Equal(t, c.incomplete, err.incomplete, c.in)
	}
}

func TestCompactMatchesEncodingJSON(t *testing.T) {
	in := []byte("{\n  \"a\" : [ 1, 2 ],\n\t\"b\": \"x y \\\" z\"\r\n}")
	var want bytes.Buffer
	require.NoError(t, json.Compact(&want, in))
	assert.Equal(t, want.String(), string(compact(nil, in)))
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `[1,"x",{"b":[true,false,null]}]`, ` {"eventTime":"2023-07-10T11:42:36Z"} `, `{"a":"\u00e9"}`, `-1.5e3`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ok, _ := scanAll(b)
		if ok != json.Valid(b) {
			t.Fatalf("scan says %v, json.Valid says %v for %q", ok, !ok, b)
		}
		if ok {
			var want bytes.Buffer
			if err := json.Compact(&want, b); err != nil {
				t.Fatal(err)
			}
			got := compact(nil, bytes.TrimSpace(b))
			if !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("compact %q = %q, want %q", b, got, want.Bytes())
			}
		}
	})
}

func TestParseEventTime(t *testing.T) {
	for in, want := range map[string]string{
		"2023-07-10T11:42:36Z":          "2023-07-10T11:42:36Z",
		"2024-02-29T23:59:59Z":          "2024-02-29T23:59:59Z",
		"2023-07-10T11:42:36.123Z":      "2023-07-10T11:42:36.123Z",
		"2023-07-10T13:42:36+02:00":     "2023-07-10T11:42:36Z",
		"2023-02-29T11:42:36Z":          "",
		"2023-07-10 11:42:36Z":          "",
		"yesterday":                     "",
		"2023-13-10T11:42:36Z":          "",
		"2023-07-10T24:00:00Z":          "",
		"2023-07-10T11:42:36.000+00:00": "2023-07-10T11:42:36Z",
	} {
		got, ok := parseEventTime([]byte(in))
		if want == "" {
			assert.False(t, ok, in)
			continue
		}
		require.True(t, ok, in)
		assert.Equal(t, want, got.Format("2006-01-02T15:04:05.999Z07:00"), in)
	}
}

// stopMask's lowest flagged lane is the first byte that ends a run of
// string contents, exactly, whatever the other lanes hold; no lane is
// flagged when none does.
func TestStopMaskFindsTheFirstStopByteExactly(t *testing.T) {
	interesting := []byte{'"', '\\', 0x00, 0x01, 0x1f, 0x20, 0x21, '!', '#', '[', ']', 'a', 0x7f, 0x80, 0x9f, 0xa2, 0xdc, 0xff}
	check := func(b [8]byte) {
		first := 8
		for i, c := range b {
			if strStop[c] {
				first = i
				break
			}
		}
		m := stopMask(binary.LittleEndian.Uint64(b[:]))
		got := 8
		if m != 0 {
			got = bits.TrailingZeros64(m) >> 3
		}
		if got != first {
			t.Fatalf("% x: first stop byte at %d, stopMask says %d", b, first, got)
		}
	}
	for lane := range 8 { // every byte in every lane
		for c := range 256 {
			b := [8]byte{'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'}
			b[lane] = byte(c)
			check(b)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200000 { // mixes of the bytes where borrows could mislead
		var b [8]byte
		for i := range b {
			b[i] = interesting[rng.IntN(len(interesting))]
		}
		check(b)
	}
}

// parseEventTime's own calendar agrees with time.Date on every day of
// 1600-2399 (two full 400-year cycles of leap rules) at two times of day.
func TestParseEventTimeCalendar(t *testing.T) {
	for d := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2400; d = d.AddDate(0, 0, 1) {
		for _, hms := range []time.Duration{0, 23*time.Hour + 59*time.Minute + 59*time.Second} {
			want := d.Add(hms)
			got, ok := parseEventTime([]byte(want.Format("2006-01-02T15:04:05Z")))
			if !ok || !got.Equal(want) || got.Location() != time.UTC {
				t.Fatalf("%s: got %s %v", want, got, ok)
			}
		}
		if d.Day() == 1 && d.Month() == 3 { // the day before is the last of February
			prev := d.AddDate(0, 0, -1)
			if _, ok := parseEventTime([]byte(fmt.Sprintf("%04d-02-%02dT00:00:00Z", prev.Year(), prev.Day()+1))); ok {
				t.Fatalf("February %d of %d accepted", prev.Day()+1, prev.Year())
			}
		}
	}
}
