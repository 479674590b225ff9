package trail

import "bytes"

// A {"Records":[...]} file, the shape CloudTrail delivers to S3, is read on
// several cores as NDJSON is: the source's goroutine cuts the array into
// chunks of whole elements, the workers check them. It cuts before a
// CloudTrail record's first member, `},{"eventVersion":`: that text cannot
// sit inside a JSON string (its quote would be escaped) nor end one (no
// 'e' may follow a string), so it opens an object, and CloudTrail writes
// eventVersion first. When the object it opens is not an element (a record
// nesting an object that starts with eventVersion), the element before the
// cut is incomplete, the worker stops there, and the sequential read takes
// over from that element, as for any other surprise. A file whose records
// do not start with eventVersion is thus read sequentially, as before.

// recordAnchor is the start of every CloudTrail record as CloudTrail writes it.
var recordAnchor = []byte(`{"eventVersion":`)

// skipRecordsPrefix consumes `{"Records":[` at the head of the stream and
// reports whether it was there (no byte-order mark, whitespace allowed).
func (ct *cutter) skipRecordsPrefix() bool {
	i, key, at, ok := ct.firstObject()
	if !ok || at == 0 || string(key) != "Records" {
		return false
	}
	d := ct.pend
	n := i + at + 1
	ct.line += bytes.Count(d[:n], nlByte)
	ct.head = append([]byte(nil), d[:n]...)
	if k := bytes.LastIndexByte(d[:n], '\n'); k >= 0 {
		ct.lineStart, ct.head = int64(k+1), ct.head[k+1:]
	}
	ct.off += int64(n)
	ct.pend = append(ct.pend[:0], d[n:]...)
	ct.first = true
	return true
}

// cutElements returns the next chunk of whole elements of the Records
// array, or nil when next does. Where a megabyte holds no place to cut
// (records that do not start with eventVersion), the rest is read
// sequentially rather than buffered.
func (ct *cutter) cutElements() *chunk {
	c := ct.next(lastElementEnd, 2*chunkSize)
	if c != nil {
		c.elems, c.first = true, ct.first
		ct.first = false
	}
	return c
}

// lastElementEnd returns where the last element of b that a record follows
// ends (just after its '}'), or 0.
func lastElementEnd(b []byte) int {
	for end := len(b); ; {
		p := bytes.LastIndex(b[:end], recordAnchor)
		if p <= 0 {
			return 0
		}
		j := p - 1
		for j > 0 && isSpace(b[j]) {
			j--
		}
		if b[j] == ',' {
			j--
			for j > 0 && isSpace(b[j]) {
				j--
			}
			if j >= 0 && b[j] == '}' {
				return j + 1
			}
		}
		end = p
	}
}

// elements fills c.recs with the records of c's elements up to the first
// that is not simply one valid CloudTrail record, setting c.stop just after
// the last element taken (before its separator), where the sequential read
// resumes. Records are numbered from 1 in the chunk; the gate adds the
// elements of earlier chunks. The chunk that holds the end of the input
// must end the array and the wrapper (`]}`), or the sequential read reads
// what follows.
func (lc *lineChecker) elements(c *chunk, name string, max int) {
	d := c.data
	line, i := c.line, 0
	stopLine := line
	skip := func(j int) int { // whitespace, counting lines
		for j < len(d) && isSpace(d[j]) {
			if d[j] == '\n' {
				line++
			}
			j++
		}
		return j
	}
	for {
		j := skip(i)
		if !c.first || len(c.recs) > 0 {
			if j >= len(d) || d[j] != ',' {
				break
			}
			j = skip(j + 1)
		}
		if j >= len(d) || d[j] != '{' {
			break
		}
		n, et, ok := quickRecord(d[j:])
		if !ok {
			break
		}
		rec, ok := lc.checked(d[j:j+n], et, max)
		if !ok {
			break
		}
		rec.Origin = Origin{File: name, Line: line, Index: len(c.recs) + 1}
		c.recs = append(c.recs, rec)
		i, stopLine = j+n, line
	}
	if c.last {
		line = stopLine
		if j := skip(i); j < len(d) && d[j] == ']' {
			if j = skip(j + 1); j < len(d) && d[j] == '}' {
				if j = skip(j + 1); j == len(d) {
					i, stopLine = j, line
				}
			}
		}
	}
	c.stop, c.lines = i, stopLine-c.line
}
