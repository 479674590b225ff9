package trail

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/diag"
)

func TestTruncatedGzipKeepsWhatWasRead(t *testing.T) {
	recs := testRecords(t)
	full := gz(t, ndjson(recs))
	res := readBytes(t, "cut.json.gz", full[:len(full)*2/3])
	require.Len(t, res.problems, 1, "%v", res.problems)
	d := res.problems[0]
	assert.Equal(t, CodeTruncated, d.Code)
	assert.Equal(t, "cut.json.gz", d.Pos.File)
	assert.Contains(t, d.Message, "gzip data ends early")
	assert.NotEmpty(t, d.Hint)
	assert.Greater(t, len(res.messages), 10, "records before the cut are read")
	assert.Less(t, len(res.messages), len(recs))
	assert.Equal(t, strs(recs[:len(res.messages)]), res.messages)
}

func TestCorruptGzipIsReported(t *testing.T) {
	b := gz(t, ndjson(testRecords(t)))
	b[len(b)-6] ^= 0xff // the CRC-32 in the trailer
	res := readBytes(t, "bad.gz", b)
	require.Equal(t, []string{CodeCorrupt}, res.codes())
	assert.Contains(t, res.problems[0].Message, "corrupt gzip data")
	assert.Len(t, res.messages, 60, "every record came before the trailer")
}

func TestOversizedRecordIsSkippedWithAWarning(t *testing.T) {
	recs := testRecords(t)
	big := []byte(`{"eventTime":"2023-07-10T11:42:36Z","eventName":"Big","requestParameters":{"blob":"` + strings.Repeat("x", 300<<10) + `"}}`)
	in := ndjson([][]byte{recs[0], big, recs[1]})
	res := readBytes(t, "big.json", in)
	assert.Equal(t, strs(recs[:2]), res.messages)
	require.Equal(t, []string{CodeTooLarge}, res.codes())
	d := res.problems[0]
	assert.Equal(t, diag.Warning, d.Severity)
	assert.Equal(t, 2, d.Pos.Line)
	assert.Contains(t, d.Message, fmt.Sprintf("%d bytes, over the 262144 bytes", len(big)))
	assert.Empty(t, d.SourceLine, "a 300 KB line is not echoed")
	assert.Equal(t, int64(1), res.stats.Skipped)

	// A larger limit lets it through.
	res = readSources(t, 1<<20, ReaderSource("big.json", bytes.NewReader(in)))
	assert.Len(t, res.messages, 3)
}

func TestDirectoryOfOtherJSON(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"name":"x","version":"1.0.0"}`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "logs.ndjson"), []byte(strings.Repeat(`{"level":"info","msg":"hi"}`+"\n", 1000)), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("hello world\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "arr.json"), []byte(`[1, 2, 3]`), 0o644))
	res := readSources(t, 0, Expand([]string{dir}, nil, func(d diagT) { t.Errorf("%v", d) })...)
	assert.Empty(t, res.messages)
	require.Len(t, res.problems, 4, "one problem per file, not one per line: %v", res.problems)
	for _, d := range res.problems {
		assert.Equal(t, CodeNotCloudTrail, d.Code)
		assert.Equal(t, 1, d.Pos.Line, d.Error())
		assert.Contains(t, d.Message, "file is skipped")
	}
	assert.Equal(t, filepath.Join(dir, "arr.json"), res.problems[0].Pos.File)
	assert.Contains(t, res.problems[0].Message, "a JSON number, not an object")
	assert.Contains(t, res.problems[1].Message, `no top-level "eventTime"`)
	assert.Contains(t, res.problems[2].Message, `starts with text "hello world"`)
	assert.Equal(t, filepath.Join(dir, "package.json"), res.problems[3].Pos.File)
}

func TestUnreadablePaths(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Symlink(filepath.Join(dir, "gone.json"), filepath.Join(dir, "dangling.json")))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	require.NoError(t, os.Symlink(filepath.Join(dir, "sub"), filepath.Join(dir, "linkdir")))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "ok.json"), ndjson(testRecords(t)[:2]), 0o644))

	var problems diag.List
	srcs := Expand([]string{filepath.Join(dir, "missing.json"), dir}, nil, func(d diagT) { problems = append(problems, d) })
	require.Len(t, problems, 3, "%v", problems)
	assert.Equal(t, filepath.Join(dir, "missing.json"), problems[0].Pos.File)
	assert.Contains(t, problems[0].Message, "no such file")
	assert.Equal(t, filepath.Join(dir, "dangling.json"), problems[1].Pos.File)
	assert.Contains(t, problems[1].Message, "dangling symlink")
	assert.Equal(t, diag.Warning, problems[2].Severity)
	assert.Contains(t, problems[2].Message, "symlink to a directory not followed")
	require.Len(t, srcs, 1)
	assert.Len(t, readSources(t, 0, srcs...).messages, 2)

	// A directory where a file is expected fails on read, even as root.
	res := readSources(t, 0, FileSource(dir, 0))
	require.Equal(t, []string{CodeUnreadable}, res.codes())
	assert.Contains(t, res.problems[0].Message, "is a directory")
	assert.Equal(t, dir, res.problems[0].Pos.File)
}

func TestBinaryGarbageOnStdin(t *testing.T) {
	garbage := []byte{0x00, 0xff, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef, '\n', 0x80, 0x81}
	srcs := Expand([]string{"-"}, bytes.NewReader(garbage), nil)
	res := readSources(t, 0, srcs...)
	require.Equal(t, []string{CodeNotCloudTrail}, res.codes())
	assert.Equal(t, "-:1:1: error: not CloudTrail records: the input starts with binary data; the file is skipped [trail-not-cloudtrail]", res.problems[0].Error())
	assert.NotEmpty(t, res.problems[0].Hint)
}

func TestGarbageThatStartsLikeJSONStopsAfterAFewProblems(t *testing.T) {
	in := bytes.Repeat([]byte("{garbage\n"), 10000)
	res := readBytes(t, "g", in)
	assert.Len(t, res.problems, maxProblemsBefore+1)
	assert.Contains(t, res.problems[maxProblemsBefore].Message, "no CloudTrail record so far; the rest of the file is skipped")
}

func TestBadLinesAreReportedAndSkipped(t *testing.T) {
	recs := testRecords(t)
	in := ndjson([][]byte{recs[0], []byte(`{"eventTime":"2023-07-10T11:42:36Z", "eventName": x}`), recs[1],
		[]byte(`{"eventTime":"last tuesday"}`), []byte(`{"eventName":"NoTime"}`), []byte(`"just a string"`), recs[2],
		[]byte(`{"eventTime":"0001-01-01T00:00:00Z"}`)})
	res := readBytes(t, "mixed.json", in)
	assert.Equal(t, strs(recs[:3]), res.messages)
	require.Len(t, res.problems, 5)
	var text bytes.Buffer
	require.NoError(t, diag.WriteText(&text, res.problems, diag.TextOptions{}))
	assert.Equal(t, `mixed.json:2:51: error: invalid JSON: invalid character 'x' looking for beginning of value [trail-invalid-json]
    {"eventTime":"2023-07-10T11:42:36Z", "eventName": x}
                                                      ^
mixed.json:4:1: error: eventTime "last tuesday" is not an RFC 3339 time [trail-bad-event-time]
    {"eventTime":"last tuesday"}
    ^
    hint: CloudTrail writes eventTime as 2006-01-02T15:04:05Z
mixed.json:5:1: error: not a CloudTrail record: no top-level "eventTime" string [trail-not-cloudtrail]
    {"eventName":"NoTime"}
    ^
    hint: cwpat reads CloudTrail records: the JSON objects CloudTrail writes, each with eventTime, eventSource and eventName
mixed.json:6:1: error: not a CloudTrail record: a JSON string, not an object [trail-not-cloudtrail]
    "just a string"
    ^
mixed.json:8:1: error: eventTime "0001-01-01T00:00:00Z" is outside 1970-2200 [trail-bad-event-time]
    {"eventTime":"0001-01-01T00:00:00Z"}
    ^
    hint: CloudWatch Logs timestamps are milliseconds since 1970; a CloudTrail record this far off is corrupt
`, text.String())
	assert.Equal(t, int64(5), res.stats.Skipped)
}

func TestBrokenRecordInsideRecordsArrayAbandonsTheFile(t *testing.T) {
	recs := testRecords(t)
	in := pretty(t, s3File(recs[:3]))
	cut := bytes.LastIndex(in, []byte(`"eventCategory"`))
	in = append(append(append([]byte{}, in[:cut]...), "oops "...), in[cut:]...)
	res := readBytes(t, "s3.json", in)
	assert.Equal(t, strs(recs[:2]), res.messages)
	require.Equal(t, []string{CodeInvalidJSON}, res.codes())
	assert.Contains(t, res.problems[0].Message, "(record 3); the rest of the file is skipped")
	assert.Greater(t, res.problems[0].Pos.Line, 50)
}

func TestTruncatedPlainRecordsFile(t *testing.T) {
	in := s3File(testRecords(t)[:3])
	res := readBytes(t, "cut.json", in[:len(in)-100])
	assert.Len(t, res.messages, 2)
	require.Equal(t, []string{CodeTruncated}, res.codes())
	assert.Contains(t, res.problems[0].Message, "the input ends inside an array of records: the file is truncated")
}

func TestDigestFilesAreSkipped(t *testing.T) {
	res := readBytes(t, "digest.json.gz", gz(t, []byte(`{"awsAccountId":"123456789012","digestStartTime":"2023-07-10T11:00:00Z","digestEndTime":"2023-07-10T12:00:00Z","logFiles":[]}`)))
	assert.Empty(t, res.problems, "expected in a bucket: counted, not reported")
	assert.Equal(t, 1, res.stats.DigestFiles)
	assert.Empty(t, res.messages)
}

func TestManyProblemsAreSummarised(t *testing.T) {
	recs := testRecords(t)
	lines := [][]byte{recs[0]}
	for i := 0; i < 50; i++ {
		lines = append(lines, []byte(`{"eventTime":"bad"}`))
	}
	res := readBytes(t, "m", ndjson(lines))
	assert.Len(t, res.problems, maxShownProblems+1)
	assert.Equal(t, CodeTooManyProblems, res.problems[maxShownProblems].Code)
	assert.Contains(t, res.problems[maxShownProblems].Message, "30 more problems")
	assert.Equal(t, 50, res.stats.Problems)
}

func TestCallbackErrorStopsReading(t *testing.T) {
	stop := errors.New("enough")
	n := 0
	rd := &Reader{}
	_, err := rd.ReadAll([]Source{ReaderSource("a", bytes.NewReader(ndjson(testRecords(t)))), ReaderSource("b", bytes.NewReader(nil))},
		func(*Record) error {
			n++
			if n == 3 {
				return stop
			}
			return nil
		})
	assert.ErrorIs(t, err, stop)
	assert.Equal(t, 3, n)
}

// A huge {"Records":[...]} file streams through a window that never grows:
// memory is flat in the size of the file.
func TestHugeRecordsFileStreams(t *testing.T) {
	recs := testRecords(t)
	const copies = 400 // about 35 MB in one JSON value
	gen := &recordsFile{recs: recs, copies: copies}
	f := &file{rd: &Reader{}, name: "huge.json", max: DefaultMaxEventSize, w: newWindow(gen)}
	f.fn = func(*Record) error { return nil }
	f.run()
	assert.Zero(t, f.problems)
	assert.Equal(t, int64(copies*len(recs)), f.stats.Records)
	assert.Equal(t, windowSize, len(f.w.buf), "the window did not grow")
	assert.Greater(t, f.w.off, int64(30<<20))
}

// recordsFile generates {"Records":[r0,r1,...]} repeated records on the fly.
type recordsFile struct {
	recs   [][]byte
	copies int
	i      int
	pend   []byte
	done   bool
}

func (g *recordsFile) Read(p []byte) (int, error) {
	for len(g.pend) == 0 {
		switch {
		case g.done:
			return 0, errEOF
		case g.i == 0:
			g.pend = []byte(`{"Records":[`)
		case g.i > g.copies*len(g.recs):
			g.pend, g.done = []byte(`]}`), true
			g.i++
			continue
		default:
			g.pend = g.recs[(g.i-1)%len(g.recs)]
			if g.i > 1 {
				g.pend = append([]byte{','}, g.pend...)
			}
		}
		g.i++
	}
	n := copy(p, g.pend)
	g.pend = g.pend[n:]
	return n, nil
}

func TestEmptyDirectoryIsAWarning(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "empty"), 0o755))
	var problems diag.List
	srcs := Expand([]string{filepath.Join(dir, "empty")}, nil, func(d diagT) { problems = append(problems, d) })
	assert.Empty(t, srcs)
	require.Len(t, problems, 1)
	assert.Equal(t, diag.Warning, problems[0].Severity)
	assert.Contains(t, problems[0].Message, "no files to read")
}
