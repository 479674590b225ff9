package trail

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/cwpat/cwpat/diag"
)

// problem reports d, applying the per-file limits.
func (f *file) problem(d diag.Diagnostic) {
	f.problems++
	f.stats.Problems++
	if f.problems <= maxShownProblems {
		f.rd.report(d)
	}
	if f.stats.Records == 0 && f.problems >= maxProblemsBefore && !f.abandoned {
		f.abandoned = true
		f.rd.report(diag.Diagnostic{Code: CodeNotCloudTrail, Severity: diag.Error, Pos: diag.Position{File: f.name},
			Message: fmt.Sprintf("%d problems and no CloudTrail record so far; the rest of the file is skipped", f.problems)})
	}
}

// finish summarises the problems not shown one by one.
func (f *file) finish() {
	if hidden := f.problems - maxShownProblems; hidden > 0 {
		f.rd.report(diag.Diagnostic{Code: CodeTooManyProblems, Severity: diag.Warning, Pos: diag.Position{File: f.name},
			Message: fmt.Sprintf("%d more problems in this file not shown", hidden)})
	}
}

// at builds a diagnostic placed at unread byte k.
func (f *file) at(k int, code string, sev diag.Severity, msg, hint string) diag.Diagnostic {
	p := f.w.placeAt(k)
	return diag.Diagnostic{Code: code, Severity: sev, Message: msg, Hint: hint, SourceLine: p.text, Len: 1,
		Pos: diag.Position{File: f.name, Offset: int(p.offset), Line: p.line, Column: p.column}}
}

// recordProblem reports a record that is skipped. When the file's very
// first record is not CloudTrail, the file is not CloudTrail: one message
// for the file instead of one per record.
func (f *file) recordProblem(k int, code string, sev diag.Severity, msg, hint string) {
	f.stats.Skipped++
	if code == CodeNotCloudTrail && f.stats.Records == 0 {
		f.abandoned = true
		msg += "; the file is skipped"
	}
	d := f.at(k, code, sev, msg, hint)
	if len(d.SourceLine) > 200 {
		d.SourceLine = "" // a whole record under a caret helps no one
	}
	f.problem(d)
}

// syntax reports invalid JSON at unread byte k.
func (f *file) syntax(k int, msg string, abandon bool) {
	f.stats.Skipped++
	if abandon {
		f.abandoned = true
	}
	f.problem(f.at(k, CodeInvalidJSON, diag.Error, "invalid JSON: "+msg, ""))
}

// truncatedJSON reports input that ends inside a value. When a read error
// ended the input, that error is the news.
func (f *file) truncatedJSON(msg string) {
	f.stats.Skipped++
	f.abandoned = true
	if err := f.w.rerr; err != nil {
		f.w.rerr = nil
		f.readError(err)
		return
	}
	f.problem(f.at(len(f.w.data()), CodeTruncated, diag.Error, msg+": the file is truncated",
		"an interrupted download or copy leaves a truncated file; records before this point were read"))
}

// tooBig reports a JSON value larger than trail buffers.
func (f *file) tooBig() {
	f.stats.Skipped++
	f.problem(f.at(0, CodeTooLarge, diag.Error,
		fmt.Sprintf("a single JSON value larger than %d MB: not a CloudTrail record; skipped", maxValue>>20), ""))
}

// notRecords reports top-level input that cannot start a record.
func (f *file) notRecords(k int) {
	if f.stats.Records > 0 || f.problems > 0 {
		c := f.w.data()[k]
		f.syntax(k, "invalid character "+quoteChar(c)+" looking for the start of a record", false)
		if !f.abandoned {
			f.w.skipLine()
		}
		return
	}
	f.abandoned = true
	f.w.ensure(512)
	head := f.w.data()
	if len(head) > 512 {
		head = head[:512]
	}
	what := "binary data"
	if printable(trimPartialRune(head)) {
		line := head
		if i := indexNewline(line); i >= 0 {
			line = line[:i]
		}
		if len(line) > 40 {
			line = append(trimPartialRune(line[:40]), "…"...)
		}
		what = "text " + strconv.Quote(string(line))
	}
	f.problem(f.at(k, CodeNotCloudTrail, diag.Error, "not CloudTrail records: the input starts with "+what+"; the file is skipped",
		"cwpat reads CloudTrail records as NDJSON, {\"Records\":[...]} files (as delivered to S3), JSON arrays, lookup-events output or CloudWatch Logs exports, plain or gzip/zstd/bzip2-compressed"))
}

// digest skips a CloudTrail digest file, which sits next to the log files
// in the same bucket (one an hour per region) and holds hashes, not records.
// It is expected input when a whole bucket is read, so it is counted, not
// reported.
func (f *file) digest() {
	f.abandoned = true
	f.stats.DigestFiles++
}

func indexNewline(b []byte) int {
	for i, c := range b {
		if c == '\n' || c == '\r' {
			return i
		}
	}
	return -1
}

// trimPartialRune drops a UTF-8 sequence cut at the end of b.
func trimPartialRune(b []byte) []byte {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if r, size := utf8.DecodeLastRune(b); r != utf8.RuneError || size != 1 {
			return b
		}
		b = b[:len(b)-1]
	}
	return b
}

// unescaped returns a JSON string's contents with escapes resolved.
func unescaped(b []byte, esc bool) []byte {
	if !esc {
		return b
	}
	quoted := make([]byte, 0, len(b)+2)
	quoted = append(append(append(quoted, '"'), b...), '"')
	var s string
	if err := json.Unmarshal(quoted, &s); err != nil {
		return b
	}
	return []byte(s)
}
