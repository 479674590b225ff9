package trail

import (
	"bufio"
	"compress/bzip2"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"github.com/cwpat/cwpat/diag"
)

// DefaultMaxEventSize is the largest record handed over: 256 KiB, because
// CloudTrail does not send larger events to CloudWatch Logs ("CloudWatch
// Logs and EventBridge each allow a maximum event size of 256 KB ...
// CloudTrail does not send these events to CloudWatch Logs"), so no metric
// filter ever sees them.
const DefaultMaxEventSize = 256 * 1024

// Reader reads CloudTrail records from sources. The zero value is ready to
// use. A Reader may read several sources at once from different goroutines.
type Reader struct {
	// OnProblem receives every problem found in the input, each naming its
	// file and position; nil drops them (they are still counted in Stats).
	// When sources are read concurrently it must be safe for concurrent use.
	OnProblem func(diag.Diagnostic)
	// MaxEventSize is the largest record, as compact JSON, handed over;
	// larger records are reported and skipped. 0 means DefaultMaxEventSize.
	MaxEventSize int
	// OnProgress, when set, is called with the number of bytes read from
	// each source (compressed bytes, for compressed input) as reading goes.
	OnProgress func(n int64)

	chunkSize int // Parallel's chunk size; tests make it small to cut often
}

// ReadAll reads srcs one after another. It stops early only when fn
// returns an error, and returns that error.
func (rd *Reader) ReadAll(srcs []Source, fn func(*Record) error) (Stats, error) {
	var total Stats
	for _, s := range srcs {
		st, err := rd.Read(s, fn)
		total.Add(st)
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// Read reads the records of one source, calling fn for each in order. Every
// problem in the input is reported through OnProblem and reading goes on;
// Read returns an error only when fn does, and then stops.
func (rd *Reader) Read(src Source, fn func(*Record) error) (Stats, error) {
	f := rd.newFile(src.Name, fn)
	st, ok := rd.open(src, f)
	if !ok {
		return f.stats, nil
	}
	defer st.close()
	if st.err != nil {
		f.w = newWindow(st.br)
		f.readError(st.err)
	} else {
		f.w = newWindow(st.dec)
		f.run()
	}
	f.done(st)
	return f.stats, f.cbErr
}

func (rd *Reader) newFile(name string, fn func(*Record) error) *file {
	f := &file{rd: rd, name: name, fn: fn, max: rd.MaxEventSize}
	if f.max <= 0 {
		f.max = DefaultMaxEventSize
	}
	return f
}

// stream is an opened source: its decompressed bytes and what closes it.
type stream struct {
	rc      io.ReadCloser
	counted *countingReader
	br      *bufio.Reader
	dec     io.Reader // the decompressed bytes, when err is nil
	err     error     // the compressed stream's header is unreadable
	closeFn func()
}

func (s *stream) close() {
	s.closeFn()
	s.br.Reset(nil)
	bufReaders.Put(s.br)
	_ = s.rc.Close()
}

// open opens src for f, picking its decompressor. It reports false when the
// source cannot be opened (the problem is reported and counted in f).
func (rd *Reader) open(src Source, f *file) (*stream, bool) {
	rc, err := src.Open()
	if err != nil {
		f.stats.Problems++
		rd.report(unreadable(src.Name, err))
		return nil, false
	}
	f.stats.Files = 1
	st := &stream{rc: rc, counted: &countingReader{r: rc, progress: rd.OnProgress}}
	st.br = bufReaders.Get().(*bufio.Reader)
	st.br.Reset(st.counted)
	st.dec, f.compression, st.closeFn, st.err = decompressor(st.br)
	return st, true
}

// done ends the reading of f's stream: the byte counts, the summary of
// problems not shown.
func (f *file) done(st *stream) {
	f.stats.Bytes = f.w.off + int64(len(f.w.data()))
	f.w.release()
	f.finish()
	f.stats.CompressedBytes = st.counted.n
}

func (rd *Reader) report(d diag.Diagnostic) {
	if rd.OnProblem != nil {
		rd.OnProblem(d)
	}
}

// decompressor picks the decompressor by the stream's magic bytes, never by
// the file name: archives are renamed, and stdin has no name.
func decompressor(br *bufio.Reader) (io.Reader, string, func(), error) {
	magic, _ := br.Peek(4)
	nop := func() {}
	switch {
	case len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
		zr, _ := gzipReaders.Get().(*gzip.Reader)
		var err error
		if zr == nil {
			zr, err = gzip.NewReader(br)
		} else {
			err = zr.Reset(br)
		}
		if err != nil {
			return nil, "gzip", nop, err
		}
		return zr, "gzip", func() { _ = zr.Close(); gzipReaders.Put(zr) }, nil
	case len(magic) == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd:
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
		if err != nil {
			return nil, "zstd", nop, err
		}
		return zr, "zstd", zr.Close, nil
	case len(magic) >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h':
		return bzip2.NewReader(br), "bzip2", nop, nil
	}
	return br, "", nop, nil
}

// Readers recycled across sources (an archive is many small files).
var (
	bufReaders  = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}
	gzipReaders sync.Pool // *gzip.Reader, Reset per source
)

// countingReader counts the bytes read from the underlying source.
type countingReader struct {
	r        io.Reader
	n        int64
	progress func(int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.progress != nil && n > 0 {
		c.progress(int64(n))
	}
	return n, err
}

// readError reports the error that ended the input early, placed at the
// end of what was read.
func (f *file) readError(err error) {
	p := f.w.placeAt(len(f.w.data()))
	d := diag.Diagnostic{Severity: diag.Error,
		Pos: diag.Position{File: f.name, Offset: int(p.offset), Line: p.line, Column: p.column}}
	var pathErr *fs.PathError
	switch {
	case f.compression != "" && errors.Is(err, io.ErrUnexpectedEOF):
		d.Code = CodeTruncated
		d.Message = fmt.Sprintf("%s data ends early, after %d decompressed bytes: the file is truncated", f.compression, p.offset)
		d.Hint = "an interrupted download or copy leaves a truncated archive; fetch the file again (records before this point were read)"
	case f.compression != "" && !errors.As(err, &pathErr):
		d.Code = CodeCorrupt
		d.Message = fmt.Sprintf("corrupt %s data after %d decompressed bytes: %v", f.compression, p.offset, err)
		d.Hint = "the archive is damaged; records before this point were read"
	default:
		d.Code = CodeUnreadable
		d.Message = fmt.Sprintf("cannot read after %d bytes: %v", p.offset, err)
	}
	f.problem(d)
}
