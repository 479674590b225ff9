package trail

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzRead feeds arbitrary bytes to the reader: it must never panic, and
// every record it hands over must be a compact JSON object with an
// eventTime, whatever the input looked like.
func FuzzRead(f *testing.F) {
	recs := testRecords(f)
	for _, seed := range [][]byte{
		ndjson(recs[:2]), s3File(recs[:2]), []byte(`{"Events":[{"CloudTrailEvent":"{\"eventTime\":\"2023-07-10T11:42:36Z\"}"}]}`),
		[]byte("2023-07-10T11:42:36.000Z {\"eventTime\":\"2023-07-10T11:42:36Z\"}\n"), []byte(`[{"eventTime":"2023-07-10T11:42:36Z"},1]`),
		[]byte("{\"Records\":[{\"eventTime\":\"2023-07-10T11:42:36Z\"}"), {0x1f, 0x8b, 8, 0}, []byte("\xef\xbb\xbf{}"),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		rd := &Reader{}
		_, err := rd.Read(ReaderSource("fuzz", bytes.NewReader(in)), func(r *Record) error {
			if !json.Valid(r.Message) || r.Message[0] != '{' {
				t.Fatalf("record is not a JSON object: %q", r.Message)
			}
			var c bytes.Buffer
			if err := json.Compact(&c, r.Message); err != nil || !bytes.Equal(c.Bytes(), r.Message) {
				t.Fatalf("record is not compact: %q", r.Message)
			}
			var v map[string]json.RawMessage // duplicate keys: the last wins, as in trail
			if err := json.Unmarshal(r.Message, &v); err != nil || len(v["eventTime"]) == 0 || v["eventTime"][0] != '"' {
				t.Fatalf("record without an eventTime string: %q", r.Message)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
