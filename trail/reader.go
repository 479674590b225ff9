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
	f := &file{rd: rd, name: src.Name, fn: fn, max: rd.MaxEventSize}
	if f.max <= 0 {
		f.max = DefaultMaxEventSize
	}
	rc, err := src.Open()
	if err != nil {
		f.stats.Problems++
		rd.report(unreadable(src.Name, err))
		return f.stats, nil
	}
	defer rc.Close()
	f.stats.Files = 1
	counted := &countingReader{r: rc, progress: rd.OnProgress}
	br := bufReaders.Get().(*bufio.Reader)
	br.Reset(counted)
	defer func() { br.Reset(nil); bufReaders.Put(br) }()
	dec, format, closeDec, err := decompressor(br)
	f.compression = format
	if err != nil {
		f.w = newWindow(br)
		f.readError(err)
	} else {
		f.w = newWindow(dec)
		f.run()
		closeDec()
	}
	f.stats.Bytes = f.w.off + int64(len(f.w.data()))
	f.w.release()
	f.finish()
	f.stats.CompressedBytes = counted.n
	return f.stats, f.cbErr
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
