package trail

import (
	"bytes"
	"time"
)

// lineChecker is a worker's state for checking chunks.
type lineChecker struct{ sc scanner }

// checkChunk checks the lines of c as one record each (or its elements of a
// Records array), as Read would take them, and passes c through the
// source's gate. It stops at the first line that is not simply one valid
// CloudTrail record (blank lines aside):
// whatever Read would say about that line or do after it (a problem, a
// record spanning lines, two records on one line, a wrapper object) is left
// to the sequential read, which starts there.
func (s *sourceRun) checkChunk(lc *lineChecker, c *chunk) (seq int, deliver bool) {
	if s.stopped.Load() {
		c.stop = 0 // an earlier chunk stopped: the gate hands this one on
	} else if c.elems {
		lc.elements(c, s.src.Name, s.rd.maxEventSize())
	} else {
		lc.lines(c, s.src.Name, s.rd.maxEventSize())
	}
	return s.gate(c)
}

func (rd *Reader) maxEventSize() int {
	if rd.MaxEventSize <= 0 {
		return DefaultMaxEventSize
	}
	return rd.MaxEventSize
}

// lines fills c.recs with the records of c's lines up to the first line
// that is not simple, setting c.stop to that line's start.
func (lc *lineChecker) lines(c *chunk, name string, max int) {
	d := c.data
	line := c.line
	i := 0
	for i < len(d) {
		// The common line first: one compact record and its newline.
		if d[i] == '{' {
			if n, et, ok := quickRecord(d[i:]); ok && (i+n == len(d) || d[i+n] == '\n') {
				if rec, ok := lc.checked(d[i:i+n], et, max); ok {
					rec.Origin = Origin{File: name, Line: line}
					c.recs = append(c.recs, rec)
					line++
					i += n + 1
					continue
				}
			}
		}
		end := bytes.IndexByte(d[i:], '\n')
		if end < 0 {
			end = len(d)
		} else {
			end += i
		}
		rec, ok, blank := lc.record(c, d[i:end], max)
		if !ok && !blank {
			break
		}
		if ok {
			rec.Origin = Origin{File: name, Line: line}
			c.recs = append(c.recs, rec)
		}
		line++
		i = end + 1
	}
	if i > len(d) {
		i = len(d)
	}
	c.stop, c.lines = i, line-c.line
}

// record checks one line (without its newline) as emit checks a record.
func (lc *lineChecker) record(c *chunk, ln []byte, max int) (rec Record, ok, blank bool) {
	j := 0
	for j < len(ln) && isSpace(ln[j]) {
		j++
	}
	if j == len(ln) {
		return rec, false, true
	}
	if ln[j] != '{' {
		return rec, false, false
	}
	sc := &lc.sc
	n, err := sc.scan(ln[j:])
	if err != nil {
		return rec, false, false
	}
	for _, b := range ln[j+n:] {
		if !isSpace(b) {
			return rec, false, false
		}
	}
	raw := ln[j : j+n]
	if key, at := firstKey(raw); at > 0 {
		if _, wrapper := wrapperKinds[string(key)]; wrapper {
			return rec, false, false
		}
	}
	t, good := recordTime(raw, sc.fields[fieldEventTime])
	if !good {
		return rec, false, false
	}
	msg := raw
	if sc.spaced {
		if c.msgs == nil || cap(c.msgs) < len(c.data) {
			c.msgs = make([]byte, 0, len(c.data)) // compacting never grows: no reallocation below
		}
		off := len(c.msgs)
		c.msgs = compact(c.msgs, raw)
		msg = c.msgs[off:len(c.msgs):len(c.msgs)]
	}
	if len(msg) > max {
		return rec, false, false
	}
	return Record{Message: msg, Time: t}, true, false
}

// checked finishes the check of a compact record, whose top-level eventTime
// string is et, as emit does.
func (lc *lineChecker) checked(raw []byte, et span, max int) (Record, bool) {
	t, ok := recordTime(raw, et)
	if !ok || len(raw) > max {
		return Record{}, false
	}
	return Record{Message: raw, Time: t}, true
}

// recordTime parses a record's eventTime string (et.start is -1 when it has
// none) and reports whether it is one emit accepts.
func recordTime(raw []byte, et span) (time.Time, bool) {
	if et.start < 0 {
		return time.Time{}, false
	}
	t, ok := parseEventTime(unescaped(raw[et.start:et.end], et.esc))
	return t, ok && !t.Before(minEventTime) && t.Before(maxEventTime)
}
