package trail

import (
	"bytes"
	"fmt"
	"time"
)

// file is the state of reading one source.
type file struct {
	rd          *Reader
	name        string
	compression string // "gzip", "zstd", "bzip2" or "" for plain input
	max         int
	fn          func(*Record) error
	w           *window
	sc          scanner
	scratch     []byte
	rec         Record
	stats       Stats

	problems  int  // problems in this file
	abandoned bool // the rest of the file is skipped
	cbErr     error
}

// Problem reporting limits per file: a file of garbage gives a few clear
// errors, not millions.
const (
	maxShownProblems  = 20 // later problems are counted and summarised
	maxProblemsBefore = 10 // this many problems before any record: the file is not CloudTrail
)

// Element kinds: what an array element or a value is expected to be.
const (
	kindRecord   = iota // a CloudTrail record
	kindEvent           // a lookup-events entry holding the record as a string
	kindLogEvent        // a CloudWatch Logs event (filter-log-events, get-log-events) holding it as its message
)

var bom = []byte{0xef, 0xbb, 0xbf}

// wrapperKinds maps the first key of an object that holds records in an
// array to what the array's elements are.
var wrapperKinds = map[string]int{"Records": kindRecord, "Events": kindEvent, "events": kindLogEvent}

// run walks the whole stream. At the top level it takes, in any mix:
// {"Records":[...]} objects, {"Events":[...]} (lookup-events) and
// {"events":[...]} (filter-log-events, get-log-events) objects, bare records (NDJSON or
// back to back, compact or pretty), [...] arrays of records, and CloudWatch
// Logs export lines "<timestamp> <record>".
func (f *file) run() {
	if f.w.off == 0 && f.w.ensure(3) && bytes.HasPrefix(f.w.data(), bom) {
		f.w.advance(3)
	}
	for !f.stopped() && f.w.skipSpace() {
		switch c := f.w.data()[0]; {
		case c == '{':
			f.object()
		case c == '[':
			f.w.advance(1)
			if f.elements(kindRecord, 0) {
				continue
			}
		case c >= '0' && c <= '9':
			f.exportLine()
		case c == '"' || c == 't' || c == 'f' || c == 'n' || c == '-':
			// JSON, but not a record: let emit say what it is.
			if n, ok := f.value(); ok {
				f.emit(f.w.data()[:n], 0, 0, kindRecord)
				f.w.advance(n)
			}
		default:
			f.notRecords(0)
		}
	}
	if f.w.rerr != nil && !f.abandoned {
		f.readError(f.w.rerr)
	}
}

func (f *file) stopped() bool { return f.abandoned || f.cbErr != nil }

// object handles a top-level '{': a wrapper of records or one record.
func (f *file) object() {
	f.w.ensure(4096)
	key, at := firstKey(f.w.data())
	if kind, ok := wrapperKinds[string(key)]; at > 0 && ok {
		f.w.advance(at + 1)
		if f.elements(kind, 0) {
			f.restOfObject()
		}
		return
	}
	n, ok := f.value()
	if !ok {
		return
	}
	f.emit(f.w.data()[:n], 0, 0, kindRecord)
	f.w.advance(n)
}

// firstKey reads `{ "key" : [` at the start of d and returns the key and the
// offset of the '['; at is 0 when d does not start that way.
func firstKey(d []byte) (key []byte, at int) {
	i := 1
	for i < len(d) && isSpace(d[i]) {
		i++
	}
	if i >= len(d) || d[i] != '"' {
		return nil, 0
	}
	end := bytes.IndexByte(d[i+1:], '"')
	if end < 0 {
		return nil, 0
	}
	key = d[i+1 : i+1+end]
	i += end + 2
	for i < len(d) && isSpace(d[i]) {
		i++
	}
	if i >= len(d) || d[i] != ':' {
		return nil, 0
	}
	i++
	for i < len(d) && isSpace(d[i]) {
		i++
	}
	if i >= len(d) || d[i] != '[' {
		return nil, 0
	}
	return key, i
}

// elements reads array elements up to and including the ']', starting
// after the '[' (done 0) or after element number done. It reports false
// when the array could not be read to its end (the file is then abandoned:
// inside a broken array there is no safe place to resume).
func (f *file) elements(kind, done int) bool {
	for index := done; !f.stopped(); index++ {
		if !f.w.skipSpace() {
			f.truncatedJSON("the input ends inside an array of records")
			return false
		}
		c := f.w.data()[0]
		if c == ']' {
			f.w.advance(1)
			return true
		}
		if index > 0 {
			if c != ',' {
				f.syntax(0, "invalid character "+quoteChar(c)+" after array element; the rest of the file is skipped", true)
				return false
			}
			f.w.advance(1)
			if !f.w.skipSpace() {
				f.truncatedJSON("the input ends inside an array of records")
				return false
			}
		}
		n, ok := f.valueIn(index+1, kind)
		if !ok {
			return false
		}
		f.emit(f.w.data()[:n], 0, index+1, kind)
		f.w.advance(n)
	}
	return false
}

// inRecords reads on from inside a {"Records":[...]} wrapper, after element
// number done (0: just after the '['), then whatever follows the wrapper.
func (f *file) inRecords(done int) {
	if f.elements(kindRecord, done) {
		f.restOfObject()
	}
	f.run()
}

// restOfObject reads the members after a wrapper's array up to its '}'.
func (f *file) restOfObject() {
	for !f.stopped() {
		if !f.w.skipSpace() {
			f.truncatedJSON("the input ends inside the object holding the records")
			return
		}
		switch c := f.w.data()[0]; c {
		case '}':
			f.w.advance(1)
			return
		case ',':
			f.w.advance(1)
			for step := 0; step < 3; step++ { // key, ':', value
				if !f.w.skipSpace() {
					f.truncatedJSON("the input ends inside the object holding the records")
					return
				}
				if step == 1 {
					if c := f.w.data()[0]; c != ':' {
						f.syntax(0, "invalid character "+quoteChar(c)+" after object key; the rest of the file is skipped", true)
						return
					}
					f.w.advance(1)
					continue
				}
				n, ok := f.valueIn(-1, -1)
				if !ok {
					return
				}
				f.w.advance(n)
			}
		default:
			f.syntax(0, "invalid character "+quoteChar(c)+" after object key:value pair; the rest of the file is skipped", true)
			return
		}
	}
}

// exportLine reads one CloudWatch Logs export line: "<timestamp> <message>".
func (f *file) exportLine() {
	n := f.lineLength()
	line := f.w.data()[:n]
	sp := bytes.IndexByte(line, ' ')
	if sp < 0 || !isTimestamp(line[:sp]) {
		f.notRecords(0)
		if !f.abandoned {
			f.w.skipLine()
		}
		return
	}
	msg := bytes.TrimRight(line[sp+1:], " \t\r\n")
	if len(msg) == 0 {
		f.w.skipLine()
		return
	}
	end, err := f.sc.scan(msg)
	if err == nil && end != len(msg) {
		err = &scanError{off: end, msg: "invalid character " + quoteChar(msg[end]) + " after top-level value"}
	}
	if err != nil {
		f.syntax(sp+1+err.off, err.msg, false)
		f.w.skipLine()
		return
	}
	f.emit(msg, sp+1, 0, kindRecord)
	f.w.advance(n)
}

// lineLength returns the length of the unread line, newline included,
// reading more input until the line is whole (or maxValue long).
func (f *file) lineLength() int {
	from := 0
	for {
		d := f.w.data()
		if i := bytes.IndexByte(d[from:], '\n'); i >= 0 {
			return from + i + 1
		}
		from = len(d)
		if !f.w.more() {
			return len(f.w.data())
		}
	}
}

// isTimestamp reports whether b is an RFC 3339 time, the timestamp a
// CloudWatch Logs export puts before each message.
func isTimestamp(b []byte) bool {
	_, err := time.Parse(time.RFC3339Nano, string(b))
	return err == nil
}

// value scans the JSON value at the start of the unread bytes, reading more
// input as needed, and returns its length. On a problem it reports it,
// resynchronises at the next line and returns false.
func (f *file) value() (int, bool) {
	n, err := f.scanUnread(kindRecord)
	if err == nil {
		return n, true
	}
	if err.incomplete {
		if f.w.full {
			f.tooBig()
			f.w.skipLine()
			return 0, false
		}
		f.truncatedJSON("the input ends inside a record")
		f.w.advance(len(f.w.data()))
		return 0, false
	}
	f.syntax(err.off, err.msg, false)
	f.w.skipLine()
	return 0, false
}

// valueIn is value for a value inside an array or object, expected to be of
// kind (-1: a value that is not handed over): after a problem there is no
// safe place to resume, so the file is abandoned.
func (f *file) valueIn(index, kind int) (int, bool) {
	n, err := f.scanUnread(kind)
	if err == nil {
		return n, true
	}
	switch {
	case err.incomplete && f.w.full:
		f.tooBig()
		f.abandoned = true
	case err.incomplete:
		f.truncatedJSON("the input ends inside an array of records")
	default:
		msg := err.msg
		if index > 0 {
			msg = fmt.Sprintf("%s (record %d); the rest of the file is skipped", msg, index)
		} else {
			msg += "; the rest of the file is skipped"
		}
		f.syntax(err.off, msg, true)
	}
	return 0, false
}

// scanUnread scans the value at the start of the unread bytes, growing the
// window until the value is whole or the input ends. A value expected to be
// a record is first given to quickRecord: a compact record with an
// eventTime, as CloudTrail writes them, then needs no general scan, and the
// scanner is left as its scan would have left it for emit.
func (f *file) scanUnread(kind int) (int, *scanError) {
	if d := f.w.data(); kind == kindRecord && len(d) > 0 && d[0] == '{' {
		if n, et, ok := quickRecord(d); ok && et.start >= 0 {
			f.sc.spaced = false
			for i := range f.sc.fields {
				f.sc.fields[i] = span{start: -1}
			}
			f.sc.fields[fieldEventTime] = et
			return n, nil
		}
	}
	for {
		n, err := f.sc.scan(f.w.data())
		if err == nil || !err.incomplete || !f.w.more() {
			return n, err
		}
	}
}
