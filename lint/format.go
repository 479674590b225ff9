package lint

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
)

// CodeNotRewritten is fmt's note that a pattern is not canonical but cannot
// be rewritten in place (assembled with Fn::Join, say).
const CodeNotRewritten = "fmt-not-rewritten"

// CodeKeptPublished is fmt's note that a pattern is kept as a published CIS
// or Security Hub pattern, because compliance scanners compare its text.
const CodeKeptPublished = "fmt-kept-published"

// FormatResult is what Format did to one file.
type FormatResult struct {
	// Output is the file with every canonicalisable pattern rewritten.
	Output []byte
	// Changed reports whether Output differs from the input.
	Changed bool
	// Patterns is how many patterns the file holds; Rewritten how many changed.
	Patterns, Rewritten int
	// Diagnostics are patterns that do not parse (left as they are) and
	// patterns that cannot be rewritten in place.
	Diagnostics diag.List
}

// ErrInput is returned (wrapped) when a file cannot be read as its type; its
// diagnostics are in the FormatResult.
var ErrInput = errors.New("input error")

// Format rewrites every literal filter pattern in src into its canonical form
// ((*pattern.Pattern).String()), touching only the pattern text: the rest of
// the file is byte-for-byte the same. A pattern that does not parse is
// reported and left alone. name picks the file type (with typ), as in Lint.
func Format(name string, src []byte, typ FileType) (*FormatResult, error) {
	return format(input{name: name, src: src, explicit: true}, typ)
}

// FormatInput is Format for a file from Collect: a file found by walking a
// directory that is not one lint reads is left alone without a finding.
func FormatInput(in Input, typ FileType) (*FormatResult, error) {
	if in.Err != nil {
		return &FormatResult{Diagnostics: diag.List{ReadError(in.Name, in.Err)}}, fmt.Errorf("%s: %w", in.Name, ErrInput)
	}
	return format(input{name: in.Name, src: in.Src, explicit: in.Explicit, stdin: in.Stdin}, typ)
}

func format(in input, typ FileType) (*FormatResult, error) {
	name, src := in.name, in.src
	s, diags, ok := read(in, typ)
	res := &FormatResult{Output: src, Diagnostics: diags}
	if !ok {
		return res, fmt.Errorf("%s: %w", name, ErrInput)
	}
	if s == nil {
		return res, nil // found by walking, and not a file lint reads
	}
	f := s.file
	type edit struct {
		start, end int
		repl       string
	}
	var edits []edit
	for _, fd := range s.patterns {
		res.Patterns++
		t := &fd.pattern
		if !t.Literal {
			continue
		}
		p, err := pattern.Parse(t.Value)
		if err != nil {
			res.Diagnostics = append(res.Diagnostics, patternErrors(f, t, err)...)
			continue
		}
		canon := p.Format() // the canonical form, unless it would exceed AWS's limit
		if structural(t) == canon || canon == p.Source() {
			continue
		}
		if isPublished(structural(t)) {
			d := newDiag(CodeKeptPublished, "pattern of "+fd.resource+" is kept as published: compliance scanners such as Security Hub compare CIS patterns as text",
				"its canonical form would be: "+canon)
			d.Severity = diag.Info
			res.Diagnostics = append(res.Diagnostics, f.at(d, t.fileOffset(0)))
			continue
		}
		if t.enc.kind == encNone {
			d := newDiag(CodeNotRewritten, "pattern of "+fd.resource+" is not in canonical form, and cannot be rewritten in place",
				"write it as: "+canon)
			d.Severity = diag.Info
			res.Diagnostics = append(res.Diagnostics, f.at(d, t.fileOffset(0)))
			continue
		}
		repl, err := t.encode(canon)
		if err != nil {
			d := newDiag(CodeNotRewritten, "pattern of "+fd.resource+" cannot be rewritten in place: "+err.Error(), "write it as: "+canon)
			d.Severity = diag.Info
			res.Diagnostics = append(res.Diagnostics, f.at(d, t.fileOffset(0)))
			continue
		}
		if t.enc.blockLike() && strings.Contains(f.Src[t.Start:t.End], "\r\n") {
			repl = strings.ReplaceAll(repl, "\n", "\r\n") // keep a Windows file's line endings
		}
		edits = append(edits, edit{t.Start, t.End, repl})
	}
	if len(edits) == 0 {
		res.Diagnostics.Sort()
		return res, nil
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b strings.Builder
	last := 0
	for i, e := range edits {
		if i > 0 && e == edits[i-1] {
			continue // one pattern in a Terraform local, used by two resources
		}
		if e.start < last {
			return res, fmt.Errorf("%s: overlapping pattern rewrites at byte %d", name, e.start)
		}
		b.WriteString(f.Src[last:e.start])
		b.WriteString(e.repl)
		last = e.end
	}
	b.WriteString(f.Src[last:])
	out := []byte(b.String())
	if err := verifyFormatted(in, out, typ); err != nil {
		return res, fmt.Errorf("%s: not rewritten: %w (please report this as a cwpat bug)", name, err)
	}
	res.Output, res.Changed, res.Rewritten = out, true, len(edits)
	res.Diagnostics.Sort()
	return res, nil
}

// structural is the pattern as fmt compares it: a block scalar's or
// heredoc's final line break belongs to the syntax, not the pattern.
func structural(t *text) string {
	if t.enc.blockLike() {
		return strings.TrimRight(t.Value, "\n")
	}
	return t.Value
}

// verifyFormatted re-reads the rewritten file and checks that it still
// parses and that every pattern in it is canonical: a safety net so a
// quoting mistake can never corrupt a user's file.
func verifyFormatted(in input, out []byte, typ FileType) error {
	in.src = out
	s, diags, ok := read(in, typ)
	if !ok {
		return fmt.Errorf("the rewritten file does not parse: %v", diags)
	}
	if s == nil {
		return fmt.Errorf("the rewritten file is no longer a file lint reads")
	}
	for _, fd := range s.patterns {
		if !fd.pattern.Literal {
			continue
		}
		p, err := pattern.Parse(fd.pattern.Value)
		if err != nil {
			continue // it did not parse before either; it was left alone
		}
		want := p.Format()
		if want == p.Source() {
			continue // kept as written: its canonical form is longer than AWS allows
		}
		if got := structural(&fd.pattern); got != want && fd.pattern.enc.kind != encNone && !isPublished(got) {
			return fmt.Errorf("pattern of %s reads back as %q, want %q", fd.resource, got, want)
		}
	}
	return nil
}
