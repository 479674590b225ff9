package trail

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cwpat/cwpat/diag"
)

// TestIsNotCloudTrailFile reads files of every kind a directory of
// archives may hold and checks which problems are the verdict "this whole
// file is not CloudTrail": the first value of the file, never a bad record
// after good ones.
func TestIsNotCloudTrailFile(t *testing.T) {
	record := `{"eventTime":"2024-01-01T00:00:00Z","eventSource":"iam.amazonaws.com","eventName":"X"}`
	for _, c := range []struct {
		name, content string
		verdict       bool
		reason        string
	}{
		{"README.md", "# Archive\n\nhello\n", true, `not CloudTrail records: the input starts with text "# Archive"`},
		{"package.json", `{"name":"x","version":"1"}` + "\n", true, `not a CloudTrail record: no top-level "eventTime" string`},
		{"records.json", `{"Records":[{"a":1}]}`, true, `not a CloudTrail record: no top-level "eventTime" string`},
		{"numbers.json", "[1,2]\n", true, "not a CloudTrail record: a JSON number, not an object"},
		{"image.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x01\x02\x03", true, "not CloudTrail records: the input starts with binary data"},
		{"mixed.ndjson", record + "\n" + `{"a":1}` + "\n", false, ""},
		{"bad-line.ndjson", record + "\nnot json\n", false, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []diag.Diagnostic
			rd := &Reader{OnProblem: func(d diag.Diagnostic) { got = append(got, d) }}
			src := OpenSource(c.name, int64(len(c.content)), func() (io.ReadCloser, error) {
				return io.NopCloser(strings.NewReader(c.content)), nil
			})
			_, err := rd.Read(src, func(*Record) error { return nil })
			assert.NoError(t, err)
			if !assert.NotEmpty(t, got, "every file here has a problem") {
				return
			}
			verdicts := 0
			for _, d := range got {
				if IsNotCloudTrailFile(d) {
					verdicts++
					assert.Equal(t, c.reason, NotCloudTrailReason(d))
				}
			}
			if c.verdict {
				assert.Equal(t, 1, verdicts, "%v", got)
				assert.Len(t, got, 1, "a file that is not CloudTrail is one problem")
			} else {
				assert.Zero(t, verdicts, "%v", got)
			}
		})
	}
}
