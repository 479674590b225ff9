package trail

import (
	"bytes"
	"errors"
	"io"
	"sync"
	"unicode/utf8"
)

// Buffer sizes. A record is scanned in place in the window; the window grows
// only while one JSON value does not fit, up to maxValue.
const (
	windowSize = 1 << 20
	maxValue   = 32 << 20 // no CloudTrail record comes near; beyond it a value is abandoned
)

// window is a sliding buffer over a decompressed stream that knows the line
// and offset of its first unread byte, so every problem can be placed.
type window struct {
	rd   io.Reader
	buf  []byte
	r, w int   // unread bytes are buf[r:w]
	eof  bool  // rd is exhausted (cleanly or not)
	rerr error // the read error that ended rd, if not io.EOF

	off       int64 // offset of buf[r] in the stream
	line      int   // line of buf[r], 1-based
	lineStart int64 // offset of the first byte of that line
	full      bool  // the last more() could not grow past maxValue
}

// windowBufs recycles window buffers: an S3 archive is thousands of small
// files, and a fresh megabyte for each would keep the GC busy.
var windowBufs = sync.Pool{New: func() any { b := make([]byte, windowSize); return &b }}

func newWindow(rd io.Reader) *window {
	return &window{rd: rd, buf: *windowBufs.Get().(*[]byte), line: 1}
}

// newWindowAt is a window over rd, whose bytes start at offset off of the
// stream, on line line, which starts at offset lineStart; head, when not
// nil, is the line's bytes before off, kept in the buffer (already read) so
// that positions on the line are placed as if the window had read them.
func newWindowAt(rd io.Reader, head []byte, off int64, line int, lineStart int64) *window {
	w := newWindow(rd)
	w.off, w.line, w.lineStart = off, line, lineStart
	if head != nil && len(head) <= len(w.buf)/2 && lineStart+int64(len(head)) == off {
		w.r = copy(w.buf, head)
		w.w = w.r
	}
	return w
}

// release returns the buffer for reuse; the window is unusable after.
func (w *window) release() {
	if len(w.buf) == windowSize {
		b := w.buf
		windowBufs.Put(&b)
	}
	w.buf = nil
}

// data returns the unread bytes.
func (w *window) data() []byte { return w.buf[w.r:w.w] }

// more reads more input, keeping the unread bytes, growing the buffer when
// they fill it. It returns false when nothing more can be had.
func (w *window) more() bool {
	if w.eof {
		return false
	}
	if w.r > 0 && (w.w == len(w.buf) || w.r > len(w.buf)/2) {
		w.w = copy(w.buf, w.buf[w.r:w.w])
		w.r = 0
	}
	if w.w == len(w.buf) {
		if len(w.buf) >= maxValue {
			w.full = true
			return false
		}
		nb := make([]byte, 2*len(w.buf))
		w.w = copy(nb, w.buf[w.r:w.w])
		w.r = 0
		w.buf = nb
	}
	for tries := 0; tries < 100; tries++ {
		n, err := w.rd.Read(w.buf[w.w:])
		w.w += n
		if err != nil {
			w.eof = true
			if !errors.Is(err, io.EOF) {
				w.rerr = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	w.eof, w.rerr = true, io.ErrNoProgress
	return false
}

// ensure tries to have at least n unread bytes and reports whether it has.
func (w *window) ensure(n int) bool {
	for w.w-w.r < n {
		if !w.more() {
			return false
		}
	}
	return true
}

// advance consumes n unread bytes, keeping the line count.
func (w *window) advance(n int) {
	seg := w.buf[w.r : w.r+n]
	if nl := bytes.Count(seg, nlByte); nl > 0 {
		w.line += nl
		w.lineStart = w.off + int64(bytes.LastIndexByte(seg, '\n')) + 1
	}
	w.off += int64(n)
	w.r += n
}

var nlByte = []byte{'\n'}

// skipSpace consumes JSON whitespace and reports whether a byte follows.
func (w *window) skipSpace() bool {
	for {
		d := w.data()
		i := 0
		for i < len(d) && isSpace(d[i]) {
			i++
		}
		w.advance(i)
		if i < len(d) {
			return true
		}
		if !w.more() {
			return false
		}
	}
}

// skipLine consumes up to and including the next newline (or everything).
func (w *window) skipLine() {
	for {
		d := w.data()
		if i := bytes.IndexByte(d, '\n'); i >= 0 {
			w.advance(i + 1)
			return
		}
		w.advance(len(d))
		if !w.more() {
			return
		}
	}
}

// place describes unread byte k: its line, column (in characters where the
// line is at hand) and, for a short printable line, the line's text.
type place struct {
	offset       int64
	line, column int
	text         string
}

// lineAt returns the line of unread byte k; unlike placeAt it is cheap
// enough for every record.
func (w *window) lineAt(k int) int {
	if k == 0 {
		return w.line
	}
	return w.line + bytes.Count(w.buf[w.r:w.r+k], nlByte)
}

func (w *window) placeAt(k int) place {
	seg := w.buf[w.r : w.r+k]
	p := place{offset: w.off + int64(k), line: w.line + bytes.Count(seg, nlByte)}
	lineStart := w.lineStart
	if i := bytes.LastIndexByte(seg, '\n'); i >= 0 {
		lineStart = w.off + int64(i) + 1
	}
	startIdx := int(lineStart - w.off + int64(w.r)) // index of the line's start in buf, may be < 0
	if startIdx < 0 {
		p.column = int(p.offset-lineStart) + 1
		return p
	}
	pre := w.buf[startIdx : w.r+k]
	p.column = utf8.RuneCount(pre) + 1
	end := bytes.IndexByte(w.buf[startIdx:w.w], '\n')
	if end < 0 {
		end = w.w - startIdx
	}
	if text := w.buf[startIdx : startIdx+end]; len(text) <= 2000 && printable(text) {
		p.text = string(bytes.TrimSuffix(text, []byte{'\r'}))
	}
	return p
}

// printable reports whether b is text worth echoing under a caret.
func printable(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}
