package trail

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// agreesWithScan checks quickRecord's answer on b against scanner.scan and
// the line checks it stands in for: when quickRecord accepts, the scanner
// must accept the same value, compact, with the same length and eventTime,
// and the value must not be a wrapper of records.
func agreesWithScan(t *testing.T, b []byte) bool {
	t.Helper()
	n, et, ok := quickRecord(b)
	if !ok {
		return false
	}
	var s scanner
	sn, err := s.scan(b)
	if err != nil {
		t.Fatalf("quickRecord accepts %q, scan refuses it: %s at %d", b, err.msg, err.off)
	}
	if sn != n || s.spaced {
		t.Fatalf("quickRecord says %d bytes of compact JSON in %q; scan says %d, spaced %v", n, b, sn, s.spaced)
	}
	if want := s.fields[fieldEventTime]; want != et {
		t.Fatalf("quickRecord finds eventTime %+v in %q, scan %+v", et, b, want)
	}
	if key, at := firstKey(b[:n]); at > 0 {
		if _, wrapper := wrapperKinds[string(key)]; wrapper {
			t.Fatalf("quickRecord accepts the wrapper %q", b)
		}
	}
	return true
}

func TestQuickRecordTakesEveryRealRecord(t *testing.T) {
	for _, r := range testRecords(t) {
		require.True(t, agreesWithScan(t, r), "a real CloudTrail record goes the slow way: %.200s", r)
		require.True(t, agreesWithScan(t, append(append([]byte{}, r...), "\n{}"...)), "a record followed by the next line")
	}
}

func TestQuickRecordLeavesTheUnusualToScan(t *testing.T) {
	for _, c := range []string{
		`{"a": 1}`, ` {"a":1}`, "{\"a\":1\n}", `{"Records":[]}`, `{"Events":[{"a":1}]}`, `{"events":[]}`,
		`{"a":1`, `{"a":"b`, `{"a":"\x"}`, "{\"a\":\"\x01\"}", `{"a":tru}`, `{"a":01}`, `{"a":[1,]}`,
		`{"a":[}`, `{"a":{]}`, `{"a":1,}`, `{1:2}`, `{"a":1]`, `[1]`, `{"a":"\u12g4"}`,
		`{"a":` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}`,
	} {
		assert.False(t, agreesWithScan(t, []byte(c)), "%q", c)
	}
	for _, c := range []string{
		`{}`, `{"a":{}}`, `{"a":[]}`, `{"Records":{}}`, `{"x":1,"Records":[]}`, `{"a":[1,-2.5e3,true,false,null,"s",{"b":[]}]}`,
		`{"eventTime":"2023-07-10T11:42:36Z","eventTime":"x"}`, `{"eventTime":1,"eventTime":"b","eventTime":[]}`,
		`{"a":{"eventTime":"nested"}}`, `{"eventTime":"\u0032023"}`, `{"event\u0054ime":"x"}`,
		`{"a":` + strings.Repeat("[", 61) + strings.Repeat("]", 61) + `}`,
	} {
		assert.True(t, agreesWithScan(t, []byte(c)), "%q", c)
	}
}

func FuzzQuickRecord(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `{"eventTime":"2023-07-10T11:42:36Z","a":[1,{"b":null}]}`,
		`{"Records":[{"a":1}]}`, `{"a":"\u00e9\n"}`, `{"a":-1.5e3,"b":true}`, `{"a":{}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		agreesWithScan(t, b)
	})
}
