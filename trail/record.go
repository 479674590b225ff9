package trail

import (
	"fmt"
	"time"
)

// Record is one CloudTrail record.
type Record struct {
	// Message is the record as compact JSON: the log event message CloudTrail
	// delivers to CloudWatch Logs. It is only valid during the callback that
	// receives it; copy it to keep it.
	Message []byte
	// Time is the record's eventTime, in UTC.
	Time time.Time
	// Origin says where the record came from.
	Origin Origin
}

// Origin is where a record starts in its input.
type Origin struct {
	File string `json:"file"` // the source's name ("-" for stdin)
	Line int    `json:"line"` // 1-based line in the (decompressed) input
	// Index is the 1-based position of the record in a {"Records":[...]},
	// {"Events":[...]} or [...] array; 0 for line- or value-separated input.
	Index int `json:"index,omitempty"`
}

// String renders "file:line" or "file:line (record n)".
func (o Origin) String() string {
	if o.Index > 0 {
		return fmt.Sprintf("%s:%d (record %d)", o.File, o.Line, o.Index)
	}
	return fmt.Sprintf("%s:%d", o.File, o.Line)
}

// Stats counts what a read saw.
type Stats struct {
	Files   int   `json:"files"`   // sources opened
	Records int64 `json:"records"` // records handed to the callback
	Skipped int64 `json:"skipped"` // records not handed over (invalid, not CloudTrail, too large)
	Bytes   int64 `json:"bytes"`   // decompressed bytes read
	// CompressedBytes is what was read from disk (equal to Bytes for plain input).
	CompressedBytes int64 `json:"compressedBytes"`
	Problems        int   `json:"problems"` // diagnostics reported
	// DigestFiles counts CloudTrail digest files (log file integrity
	// validation) met and skipped: they hold hashes, not records.
	DigestFiles int `json:"digestFiles"`
}

// Add accumulates o into s.
func (s *Stats) Add(o Stats) {
	s.Files += o.Files
	s.Records += o.Records
	s.Skipped += o.Skipped
	s.Bytes += o.Bytes
	s.CompressedBytes += o.CompressedBytes
	s.Problems += o.Problems
	s.DigestFiles += o.DigestFiles
}

// Diagnostic codes trail reports. They are stable.
const (
	// CodeUnreadable: a path that cannot be opened or read (missing, a dangling
	// symlink, a directory where a file is needed, an I/O error).
	CodeUnreadable = "trail-unreadable"
	// CodeTruncated: the input ends in the middle of a compressed stream or a record.
	CodeTruncated = "trail-truncated"
	// CodeCorrupt: a compressed stream that does not decompress (bad checksum, bad header).
	CodeCorrupt = "trail-corrupt"
	// CodeInvalidJSON: a record that is not valid JSON.
	CodeInvalidJSON = "trail-invalid-json"
	// CodeNotCloudTrail: input that is not CloudTrail records (other JSON, text, binary).
	CodeNotCloudTrail = "trail-not-cloudtrail"
	// CodeBadEventTime: a record whose eventTime is not an RFC 3339 time.
	CodeBadEventTime = "trail-bad-event-time"
	// CodeTooLarge: a record over the size CloudTrail delivers to CloudWatch Logs.
	CodeTooLarge = "trail-record-too-large"
	// CodeTooManyProblems: further problems in one file were not reported one by one.
	CodeTooManyProblems = "trail-too-many-problems"
)
