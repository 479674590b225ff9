package trail

import (
	"fmt"
	"time"

	"github.com/cwpat/cwpat/diag"
)

// The eventTimes trail accepts: CloudWatch Logs cannot hold events before
// the Unix epoch, and times beyond 2200 are corrupt (and would overflow
// nanosecond arithmetic downstream).
var (
	minEventTime = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	maxEventTime = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// emit checks a value as a CloudTrail record and hands it to the callback.
// at is where the value starts in the unread bytes; index is its place in an
// array (0 outside one). The scanner holds the value's scan.
func (f *file) emit(raw []byte, at, index, kind int) {
	line := f.w.lineAt(at)
	if kind != kindRecord {
		inner, ok := f.wrapped(raw, at, index, kind)
		if !ok {
			return
		}
		raw = inner
	}
	if raw[0] != '{' {
		f.recordProblem(at, CodeNotCloudTrail, diag.Error, "not a CloudTrail record: a JSON "+jsonKind(raw[0])+", not an object", "")
		return
	}
	et := f.sc.fields[fieldEventTime]
	if et.start < 0 {
		if f.sc.fields[fieldDigestStartTime].start >= 0 {
			f.digest()
			return
		}
		f.recordProblem(at, CodeNotCloudTrail, diag.Error, "not a CloudTrail record: no top-level \"eventTime\" string", "cwpat reads CloudTrail records: the JSON objects CloudTrail writes, each with eventTime, eventSource and eventName")
		return
	}
	t, ok := parseEventTime(unescaped(raw[et.start:et.end], et.esc))
	if !ok {
		f.recordProblem(at, CodeBadEventTime, diag.Error, fmt.Sprintf("eventTime %q is not an RFC 3339 time", raw[et.start:et.end]), "CloudTrail writes eventTime as 2006-01-02T15:04:05Z")
		return
	}
	if t.Before(minEventTime) || !t.Before(maxEventTime) {
		f.recordProblem(at, CodeBadEventTime, diag.Error, fmt.Sprintf("eventTime %q is outside 1970-2200", raw[et.start:et.end]),
			"CloudWatch Logs timestamps are milliseconds since 1970; a CloudTrail record this far off is corrupt")
		return
	}
	msg := raw
	if f.sc.spaced {
		f.scratch = compact(f.scratch[:0], raw)
		msg = f.scratch
	}
	if len(msg) > f.max {
		f.recordProblem(at, CodeTooLarge, diag.Warning,
			fmt.Sprintf("record is %d bytes, over the %d bytes CloudTrail delivers to CloudWatch Logs; skipped", len(msg), f.max),
			"CloudTrail does not send events larger than 256 KB to CloudWatch Logs, so no metric filter sees this one")
		return
	}
	f.rec = Record{Message: msg, Time: t, Origin: Origin{File: f.name, Line: line, Index: index}}
	f.stats.Records++
	f.cbErr = f.fn(&f.rec)
}

// wrapped takes the record out of the string that holds it: a
// lookup-events entry's CloudTrailEvent, a log event's message.
func (f *file) wrapped(raw []byte, at, index, kind int) ([]byte, bool) {
	field, what := fieldCloudTrailEvent, "lookup-events entry"
	if kind == kindLogEvent {
		field, what = fieldMessage, "log event"
	}
	sp := f.sc.fields[field]
	if raw[0] != '{' || sp.start < 0 {
		f.recordProblem(at, CodeNotCloudTrail, diag.Error, fmt.Sprintf("%s without a %q string", what, fieldNames[field]), "")
		return nil, false
	}
	inner := unescaped(raw[sp.start:sp.end], sp.esc)
	n, err := f.sc.scan(inner)
	if err == nil && n != len(inner) {
		err = &scanError{off: n, msg: "invalid character " + quoteChar(inner[n]) + " after top-level value"}
	}
	if err != nil {
		f.recordProblem(at, CodeInvalidJSON, diag.Error, fmt.Sprintf("%s of entry %d is not valid JSON: %s at byte %d", fieldNames[field], index, err.msg, err.off+1), "")
		return nil, false
	}
	return inner, true
}

func jsonKind(c byte) string {
	switch c {
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}
