package trail

import (
	"bytes"
	"context"
	"io"
	"sync"
	"sync/atomic"
)

// Sizes of the parallel path: a chunk is this many bytes of whole lines
// (larger when one line is), a batch of records checked by the source's
// goroutine about as large; each source has at most slotsPerWorker units
// per worker in flight, so memory is bounded by sources read at once.
const (
	chunkSize      = 512 << 10
	batchRecords   = 2048
	slotsPerWorker = 3
)

// chunk is whole lines of one source, cut by its goroutine and checked by
// a worker.
type chunk struct {
	buf       []byte // pooled, len(buf) is the capacity read into
	data      []byte // the lines: buf[:n]
	off       int64  // stream offset of data[0]
	line      int    // line of data[0]
	lineStart int64  // offset of the first byte of data[0]'s line
	n         int    // chunk number in the source

	// Elements of a {"Records":[...]} wrapper rather than lines: data holds
	// whole elements, each but the first chunk's first after its ','.
	elems bool
	first bool // the chunk starts just after the '['
	last  bool // the chunk holds the end of the input

	// Filled by the worker's check.
	stop  int      // data[:stop] was checked clean; a line start
	lines int      // newlines in data[:stop]
	recs  []Record // the records of data[:stop]
	msgs  []byte   // compacted messages of lines with whitespace
}

// pendBufs recycles the cutters' buffers of bytes read but not yet cut: an
// S3 archive is thousands of small files.
var pendBufs = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

var chunkPool = sync.Pool{New: func() any { return &chunk{buf: make([]byte, chunkSize)} }}

func getChunk() *chunk {
	c := chunkPool.Get().(*chunk)
	c.buf = c.buf[:chunkSize]
	c.data, c.recs, c.msgs, c.stop, c.lines = nil, c.recs[:0], c.msgs[:0], 0, 0
	c.elems, c.first, c.last = false, false, false
	return c
}

func putChunk(c *chunk) {
	if cap(c.buf) == chunkSize { // grown buffers are left to the collector
		chunkPool.Put(c)
	}
}

// recBatch is records the source's goroutine checked itself, copied.
type recBatch struct {
	buf  []byte
	recs []Record
}

var recBatchPool = sync.Pool{New: func() any {
	return &recBatch{buf: make([]byte, 0, chunkSize+64<<10), recs: make([]Record, 0, batchRecords)}
}}

// sourceRun is the reading of one source by Parallel.
type sourceRun struct {
	rd    *Reader
	index int
	src   Source
	units chan<- unit
	slots chan struct{}

	mu      sync.Mutex
	cond    sync.Cond
	next    int      // chunk number that passes the gate next
	cut     int      // chunks sent to the workers
	dirty   bool     // a chunk stopped early: the rest is read as Read does
	tail    []*chunk // from the chunk that stopped: what the sequential read starts with
	records int64    // records of the chunks through the gate
	seq     int      // batches handed out
	stopped atomic.Bool
}

func newSourceRun(rd *Reader, i int, src Source, units chan<- unit, workers int) *sourceRun {
	s := &sourceRun{rd: rd, index: i, src: src, units: units, slots: make(chan struct{}, slotsPerWorker*workers)}
	s.cond.L = &s.mu
	return s
}

// release frees a unit's slot and buffers once work is done with it.
func (s *sourceRun) release(u unit) {
	switch {
	case u.chunk != nil && !u.kept():
		putChunk(u.chunk)
	case u.batch != nil:
		u.batch.buf, u.batch.recs = u.batch.buf[:0], u.batch.recs[:0]
		recBatchPool.Put(u.batch)
	}
	<-s.slots
}

// kept reports whether the sequential read owns the chunk's bytes.
func (u unit) kept() bool { return u.chunk.stop < len(u.chunk.data) || u.chunk.n < 0 }

// send hands a unit to the workers, waiting for a free slot.
func (s *sourceRun) send(ctx context.Context, u unit) bool {
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	select {
	case s.units <- u:
		return true
	case <-ctx.Done():
		<-s.slots
		return false
	}
}

// read reads the source: in chunks of lines while it is NDJSON, then, from
// the first line the workers could not take (or from the start, for other
// shapes), sequentially as Read does.
func (s *sourceRun) read(ctx context.Context) Stats {
	f := s.rd.newFile(s.src.Name, nil)
	st, ok := s.rd.open(s.src, f)
	if !ok {
		return f.stats
	}
	defer st.close()
	if st.err != nil {
		f.w = newWindow(st.br)
		f.readError(st.err)
		f.done(st)
		return f.stats
	}
	pend := pendBufs.Get().(*[]byte)
	ct := &cutter{r: st.dec, line: 1, size: chunkSize, pend: (*pend)[:0]}
	defer func() { *pend = ct.pend[:0]; pendBufs.Put(pend) }() // after the sequential read, which may read pend
	if s.rd.chunkSize > 0 {
		ct.size = min(s.rd.chunkSize, chunkSize)
	}
	inRecords := false
	switch {
	case ct.isNDJSON():
		s.cutChunks(ctx, ct, ct.cutLines)
	case ct.skipRecordsPrefix():
		inRecords = true
		s.cutChunks(ctx, ct, ct.cutElements)
	}
	// Wait for every chunk sent to pass the gate.
	s.mu.Lock()
	for s.next != s.cut {
		s.cond.Wait()
	}
	s.mu.Unlock()
	if ctx.Err() != nil {
		return f.stats
	}
	if !s.dirty && ct.done() {
		f.stats.Records = s.records
		f.stats.Bytes = ct.off
		f.stats.CompressedBytes = st.counted.n
		return f.stats
	}
	// Read the rest as Read does, from where the chunks stopped.
	var parts []io.Reader
	off, line, lineStart := ct.off, ct.line, ct.lineStart
	var head []byte // the line's bytes before off, when at hand
	if s.cut == 0 {
		head = ct.head
	}
	if len(s.tail) > 0 {
		c := s.tail[0]
		off, line, lineStart = c.off+int64(c.stop), c.line+c.lines, c.lineStart
		head = nil
		if k := bytes.LastIndexByte(c.data[:c.stop], '\n'); k >= 0 {
			lineStart, head = c.off+int64(k)+1, c.data[k+1:c.stop]
		} else if c.lineStart == c.off {
			head = c.data[:c.stop]
		}
		parts = append(parts, bytes.NewReader(c.data[c.stop:]))
		for _, c := range s.tail[1:] {
			parts = append(parts, bytes.NewReader(c.data))
		}
	}
	parts = append(parts, bytes.NewReader(ct.pend), ct.rest())
	f.stats.Records = s.records
	// Inside a line (a Records array), the window starts with the line's
	// head, so problems are placed as Read places them.
	f.w = newWindowAt(io.MultiReader(parts...), head, off, line, lineStart)
	run := f.run
	if inRecords {
		run = func() { f.inRecords(int(s.records)) }
	}
	s.sequential(ctx, f, run)
	f.done(st)
	return f.stats
}

// cutChunks sends chunks cut by next (whole lines, or whole elements of a
// wrapper) to the workers until the input ends, a chunk stops early or the
// input cannot be cut.
func (s *sourceRun) cutChunks(ctx context.Context, ct *cutter, next func() *chunk) {
	for !s.stopped.Load() && ctx.Err() == nil {
		c := next()
		if c == nil {
			return
		}
		c.n = s.cut
		if !s.send(ctx, unit{src: s, chunk: c}) {
			putChunk(c)
			return
		}
		s.mu.Lock()
		s.cut++
		s.mu.Unlock()
	}
}

// sequential runs Read's reading (run: f.run, or a resumption of it) from
// f's window, handing the records to the workers in batches.
func (s *sourceRun) sequential(ctx context.Context, f *file, run func()) {
	b := recBatchPool.Get().(*recBatch)
	flush := func() error {
		if len(b.recs) == 0 {
			return nil
		}
		u := unit{src: s, seq: s.seq, batch: b}
		if !s.send(ctx, u) {
			return context.Cause(ctx)
		}
		s.seq++
		b = recBatchPool.Get().(*recBatch)
		return nil
	}
	f.fn = func(r *Record) error {
		if len(b.buf)+len(r.Message) > cap(b.buf) && len(b.recs) > 0 {
			if err := flush(); err != nil {
				return err
			}
		}
		off := len(b.buf)
		b.buf = append(b.buf, r.Message...)
		b.recs = append(b.recs, Record{Message: b.buf[off:len(b.buf):len(b.buf)], Time: r.Time, Origin: r.Origin})
		if len(b.recs) == cap(b.recs) {
			return flush()
		}
		return ctx.Err()
	}
	run()
	if f.cbErr == nil {
		_ = flush()
	}
	if len(b.recs) == 0 {
		recBatchPool.Put(b)
	}
}

// gate passes chunk c in order: when an earlier chunk stopped early, c is
// the sequential read's (deliver false); else its checked records are
// delivered under the next batch number, and if c stopped early itself,
// the rest of the source goes to the sequential read.
func (s *sourceRun) gate(c *chunk) (seq int, deliver bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.next != c.n {
		s.cond.Wait()
	}
	s.next++
	s.cond.Broadcast()
	if s.dirty {
		c.n = -1 // the sequential read owns it
		s.tail = append(s.tail, c)
		return 0, false
	}
	if c.stop < len(c.data) {
		s.dirty = true
		s.stopped.Store(true)
		s.tail = append(s.tail, c)
	}
	if c.elems { // the worker numbered the chunk's elements from 1
		for k := range c.recs {
			c.recs[k].Origin.Index += int(s.records)
		}
	}
	s.records += int64(len(c.recs))
	seq = s.seq
	s.seq++
	return seq, true
}

// cutter reads a decompressed stream and cuts it into chunks at line ends.
type cutter struct {
	r     io.Reader
	pend  []byte // read, not yet in a chunk
	off   int64  // stream offset of pend[0]
	line  int    // line of pend[0]
	eof   bool
	err   error // the read error that ended the input, if not io.EOF
	over  bool  // nowhere to cut within next's limit: the rest is not cut
	first bool  // cutting elements: the next chunk starts just after the '['

	lineStart int64  // offset of the first byte of pend[0]'s line
	head      []byte // the bytes of pend[0]'s line before it, when it starts in the Records prefix
	size      int    // bytes per chunk
}

// isNDJSON reads the head of the stream and reports whether it starts like
// NDJSON records: an object that does not wrap an array of records.
func (ct *cutter) isNDJSON() bool {
	_, key, at, ok := ct.firstObject()
	if !ok {
		return false
	}
	_, wrapper := wrapperKinds[string(key)]
	return !(at > 0 && wrapper)
}

// firstObject reads the head of the stream, which must be whitespace and an object
// (ok false otherwise, and for a byte-order mark): it returns where in pend
// the object starts, its first key and, relative to the object, where the
// '[' that key's value opens is (at 0 when it opens none).
func (ct *cutter) firstObject() (i int, key []byte, at int, ok bool) {
	ct.fill(4096)
	d := ct.pend
	if bytes.HasPrefix(d, bom) {
		return 0, nil, 0, false
	}
	for i < len(d) && isSpace(d[i]) {
		i++
	}
	if i >= len(d) || d[i] != '{' {
		return 0, nil, 0, false
	}
	key, at = firstKey(d[i:])
	return i, key, at, true
}

// fill reads into pend until it holds n bytes or the input ends.
func (ct *cutter) fill(n int) {
	for len(ct.pend) < n && !ct.eof {
		if cap(ct.pend)-len(ct.pend) < 4096 {
			ct.pend = append(ct.pend, make([]byte, 4096)...)[:len(ct.pend)]
		}
		m, err := ct.r.Read(ct.pend[len(ct.pend):cap(ct.pend)])
		ct.pend = ct.pend[:len(ct.pend)+m]
		ct.noteErr(err)
	}
}

func (ct *cutter) noteErr(err error) {
	if err != nil {
		ct.eof = true
		if err != io.EOF {
			ct.err = err
		}
	}
}

// done reports whether everything was cut cleanly.
func (ct *cutter) done() bool { return ct.eof && ct.err == nil && len(ct.pend) == 0 && !ct.over }

// rest is the input after pend, ending with the read error if there was one.
func (ct *cutter) rest() io.Reader {
	switch {
	case ct.err != nil:
		return errReader{ct.err}
	case ct.eof:
		return bytes.NewReader(nil)
	}
	return ct.r
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// cutLines returns the next chunk of whole lines (the last one may end
// without a newline), or nil when next does.
func (ct *cutter) cutLines() *chunk {
	return ct.next(func(b []byte) int { return bytes.LastIndexByte(b, '\n') + 1 }, maxValue)
}

// next returns the next chunk of input cut by cut (the length of the
// longest prefix of b that is whole, 0 if none), or nil at the end of the
// input, on a read error (what was read stays in pend for the sequential
// read, which reports it), and when limit bytes hold nowhere to cut.
func (ct *cutter) next(cut func(b []byte) int, limit int) *chunk {
	if ct.eof && (len(ct.pend) == 0 || ct.err != nil) {
		return nil
	}
	c := getChunk()
	buf := c.buf[:ct.size]
	n := copy(buf, ct.pend)
	if n < len(ct.pend) { // a long line carried over
		buf = append(make([]byte, 0, 2*len(ct.pend)), ct.pend...)
		buf = buf[:cap(buf)]
		n = len(ct.pend)
	}
	for {
		for n < len(buf) && !ct.eof {
			m, err := ct.r.Read(buf[n:])
			n += m
			ct.noteErr(err)
		}
		if ct.err != nil {
			ct.pend = append(ct.pend[:0], buf[:n]...)
			putChunk(c)
			return nil
		}
		cutAt := n
		if !ct.eof {
			cutAt = cut(buf[:n])
		}
		if cutAt > 0 {
			c.buf = buf
			c.data = buf[:cutAt]
			c.off, c.line, c.lineStart = ct.off, ct.line, ct.lineStart
			// Count is vectorised, LastIndexByte is a plain loop: look for
			// the last line end only when there is one (a Records file is
			// one line).
			if nl := bytes.Count(c.data, nlByte); nl > 0 {
				ct.line += nl
				ct.lineStart = ct.off + int64(bytes.LastIndexByte(c.data, '\n')) + 1
			}
			ct.off += int64(cutAt)
			ct.pend = append(ct.pend[:0], buf[cutAt:n]...)
			c.last = ct.eof && len(ct.pend) == 0
			return c
		}
		if len(buf) >= limit { // nowhere to cut: the sequential read takes the rest
			ct.pend = append(ct.pend[:0], buf[:n]...)
			ct.over = true
			putChunk(c)
			return nil
		}
		grown := make([]byte, 2*len(buf)) // not append: a pooled buffer may have room to spare
		copy(grown, buf[:n])
		buf = grown
	}
}
