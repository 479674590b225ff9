package trail

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every shape users keep CloudTrail records in yields the same records, as
// the compact messages CloudTrail delivers to CloudWatch Logs, in order.
func TestEveryShapeGivesTheSameRecords(t *testing.T) {
	recs := testRecords(t)
	want := strs(recs)
	lookup := func() []byte {
		var events []map[string]any
		for i, r := range recs {
			events = append(events, map[string]any{"EventId": i, "CloudTrailEvent": string(r), "ReadOnly": "true"})
		}
		b, err := json.Marshal(map[string]any{"Events": events, "NextToken": "abc"})
		require.NoError(t, err)
		return b
	}
	logEvents := func() []byte {
		var events []map[string]any
		for i, r := range recs {
			events = append(events, map[string]any{"logStreamName": "123456789012_CloudTrail_us-east-1", "timestamp": 1688989356000 + i,
				"message": string(r), "ingestionTime": 1688989400000, "eventId": fmt.Sprint(i)})
		}
		b, err := json.Marshal(map[string]any{"events": events, "searchedLogStreams": []any{}})
		require.NoError(t, err)
		return pretty(t, b)
	}
	export := func() []byte {
		var b bytes.Buffer
		for _, r := range recs {
			var v struct{ EventTime string }
			require.NoError(t, json.Unmarshal(r, &v))
			b.WriteString(strings.Replace(v.EventTime, "Z", ".000Z", 1) + " ")
			b.Write(r)
			b.WriteByte('\n')
		}
		return b.Bytes()
	}
	bz2, err := os.ReadFile(filepath.Join("testdata", "records.ndjson.bz2"))
	require.NoError(t, err)
	shapes := []struct {
		name string
		in   []byte
	}{
		{"ndjson", ndjson(recs)},
		{"ndjson with CRLF and blank lines", bytes.ReplaceAll(ndjson(recs), []byte("\n"), []byte("\r\n\r\n"))},
		{"ndjson with BOM, no final newline", append([]byte("\ufeff"), bytes.Join(recs, []byte("\n"))...)},
		{"records back to back, pretty", prettyEach(t, recs)},
		{"s3 Records file", s3File(recs)},
		{"s3 Records file, pretty", pretty(t, s3File(recs))},
		{"s3 Records file with more members", append(s3File(recs)[:len(s3File(recs))-1], []byte(`, "x": {"y": [1, "]}"]}}`)...)},
		{"two s3 files concatenated", append(s3File(recs[:25]), append([]byte("\n"), s3File(recs[25:])...)...)},
		{"json array", append(append([]byte("["), bytes.Join(recs, []byte(",\n"))...), ']')},
		{"lookup-events output", lookup()},
		{"filter-log-events output, pretty", logEvents()},
		{"cloudwatch logs export", export()},
		{"gzip ndjson", gz(t, ndjson(recs))},
		{"gzip s3 file", gz(t, s3File(recs))},
		{"concatenated gzip members", append(gz(t, ndjson(recs[:30])), gz(t, ndjson(recs[30:]))...)},
		{"zstd ndjson", zst(t, ndjson(recs))},
		{"bzip2 ndjson", bz2},
		{"gzip cloudwatch logs export", gz(t, export())},
	}
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			res := readBytes(t, "in", s.in)
			assert.Empty(t, res.problems)
			assert.Equal(t, want, res.messages)
			assert.Equal(t, int64(len(recs)), res.stats.Records)
			assert.Equal(t, int64(len(s.in)), res.stats.CompressedBytes)
		})
	}
}

func TestOriginsNameLineAndIndex(t *testing.T) {
	recs := testRecords(t)[:3]
	res := readBytes(t, "a.json", ndjson(recs))
	assert.Equal(t, []Origin{{"a.json", 1, 0}, {"a.json", 2, 0}, {"a.json", 3, 0}}, res.origins)
	assert.Equal(t, "a.json:2", res.origins[1].String())

	res = readBytes(t, "b.json", pretty(t, s3File(recs)))
	require.Len(t, res.origins, 3)
	assert.Equal(t, 1, res.origins[0].Index)
	assert.Equal(t, 3, res.origins[0].Line, "pretty: Records on line 2, the first record's brace on line 3")
	assert.Equal(t, 3, res.origins[2].Index)
	assert.Greater(t, res.origins[2].Line, res.origins[1].Line)
	assert.Equal(t, "b.json:3 (record 1)", res.origins[0].String())
}

func TestEventTimeIsParsed(t *testing.T) {
	var got []string
	rd := &Reader{}
	_, err := rd.Read(ReaderSource("x", strings.NewReader(`{"eventTime":"2023-07-10T11:42:36Z","eventName":"A"}`+"\n"+
		`{"eventTime":"2023-07-10T13:42:36.5+02:00"}`)), func(r *Record) error {
		got = append(got, r.Time.Format("2006-01-02T15:04:05.9Z07:00"))
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"2023-07-10T11:42:36Z", "2023-07-10T11:42:36.5Z"}, got)
}

func TestDirectoriesAreWalkedInLexicalOrder(t *testing.T) {
	recs := testRecords(t)
	dir := t.TempDir()
	write := func(rel string, b []byte) {
		p := filepath.Join(dir, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, b, 0o644))
	}
	// CloudTrail's S3 layout: AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<file>.json.gz
	base := "AWSLogs/123456789012/CloudTrail/us-east-1/2023/07/"
	write(base+"10/b.json.gz", gz(t, s3File(recs[10:20])))
	write(base+"10/a.json.gz", gz(t, s3File(recs[0:10])))
	write(base+"11/a.json", s3File(recs[20:30]))
	write(base+"09/z.ndjson", ndjson(recs[30:40]))
	write(base+"10/.DS_Store", []byte{0, 1, 2, 3})
	write(".hidden/x.json", ndjson(recs[40:50]))

	var problems []string
	srcs := Expand([]string{dir}, nil, func(d diagT) { problems = append(problems, d.Error()) })
	assert.Empty(t, problems)
	var names []string
	for _, s := range srcs {
		rel, err := filepath.Rel(dir, s.Name)
		require.NoError(t, err)
		names = append(names, filepath.ToSlash(rel))
	}
	assert.Equal(t, []string{base + "09/z.ndjson", base + "10/a.json.gz", base + "10/b.json.gz", base + "11/a.json"}, names)
	res := readSources(t, 0, srcs...)
	assert.Empty(t, res.problems)
	assert.Equal(t, append(strs(recs[30:40]), strs(recs[0:30])...), res.messages)
	assert.Equal(t, 4, res.stats.Files)
}

func TestStdinIsDash(t *testing.T) {
	recs := testRecords(t)
	srcs := Expand([]string{"-"}, bytes.NewReader(gz(t, ndjson(recs[:5]))), func(d diagT) { t.Errorf("problem: %v", d) })
	require.Len(t, srcs, 1)
	assert.Equal(t, "-", srcs[0].Name)
	res := readSources(t, 0, srcs...)
	assert.Equal(t, strs(recs[:5]), res.messages)
	assert.Equal(t, "-", res.origins[0].File)
}

func TestFSSourcesReadEmbeddedFiles(t *testing.T) {
	srcs, err := FSSources(os.DirFS("testdata"), ".", "testdata:")
	require.NoError(t, err)
	var names []string
	for _, s := range srcs {
		names = append(names, s.Name)
	}
	assert.Equal(t, []string{"testdata:NOTICE.md", "testdata:records.ndjson", "testdata:records.ndjson.bz2"}, names)
	res := readSources(t, 0, srcs[1:]...)
	assert.Len(t, res.messages, 120)
}

func prettyEach(t testing.TB, recs [][]byte) []byte {
	var out []byte
	for _, r := range recs {
		out = append(append(out, pretty(t, r)...), '\n')
	}
	return out
}

func TestStatsCountDecompressedAndCompressedBytes(t *testing.T) {
	plain := ndjson(testRecords(t))
	compressed := gz(t, plain)
	res := readBytes(t, "x.gz", compressed)
	assert.Equal(t, int64(len(plain)), res.stats.Bytes)
	assert.Equal(t, int64(len(compressed)), res.stats.CompressedBytes)
	assert.Equal(t, 1, res.stats.Files)
}
