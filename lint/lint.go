// Package lint finds CloudWatch Logs filter patterns wherever users keep
// them (cwpat rule files, CloudFormation templates in YAML or JSON,
// Terraform files, plain pattern files) and checks them: everything AWS
// would refuse, the pitfalls AWS accepts silently, and what only the whole
// file shows (a selector CloudTrail records never contain, a metric value
// naming a field the pattern does not select, two alarms on one metric).
// Every finding is a diag.Diagnostic at the exact line and column of the
// pattern text in the file, however the pattern is quoted or escaped.
//
// Format (see format.go) rewrites the same patterns into canonical form in
// place, touching nothing else.
package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/cwpat/cwpat/diag"
)

// FileType is a kind of file lint reads.
type FileType string

// File types; TypeAuto decides by extension and content.
const (
	TypeAuto           FileType = ""
	TypeCloudFormation FileType = "cloudformation"
	TypeTerraform      FileType = "terraform"
	TypePatterns       FileType = "patterns"
	TypeRules          FileType = "rules"
)

// ParseFileType reads a --type value.
func ParseFileType(s string) (FileType, error) {
	switch t := FileType(strings.ToLower(s)); t {
	case TypeAuto, TypeCloudFormation, TypeTerraform, TypePatterns, TypeRules:
		return t, nil
	case "cfn":
		return TypeCloudFormation, nil
	case "tf":
		return TypeTerraform, nil
	}
	return "", fmt.Errorf("unknown file type %q (want cloudformation, terraform, patterns or rules)", s)
}

// Options configure a run.
type Options struct {
	// Type forces how every file is read (default: by extension and content).
	Type FileType
	// Stdin is what the path "-" reads.
	Stdin io.Reader
	// StdinName names standard input in findings and picks its file type
	// by extension, as an editor linting an unsaved buffer wants ("" is "-").
	StdinName string
	// FS reads files; nil means the real file system (os.ReadFile, os.Stat).
	FS fs.FS
	// Exclude are glob patterns (path.Match syntax) of files and directories
	// to skip while walking: a pattern matches the whole path or any one
	// element of it ("testdata", "*.generated.yaml", "build/*").
	Exclude []string
	// MaxFileSize is the most bytes read of one file or of standard input
	// (0 means DefaultMaxFileSize); a larger file is an input error.
	MaxFileSize int64
}

func (o Options) maxFileSize() int64 {
	if o.MaxFileSize > 0 {
		return o.MaxFileSize
	}
	return DefaultMaxFileSize
}

// Report is the result of a run.
type Report struct {
	// Diagnostics are all findings, sorted by file, line and column.
	Diagnostics diag.List
	// Files is how many files were read; Patterns how many patterns were found.
	Files, Patterns int
	// InputErrors counts files that could not be read or parsed (their
	// diagnostics are in Diagnostics too); a CLI exits 2 when it is not 0.
	InputErrors int
	// Inputs names every file read, in order (for per-file reports).
	Inputs []string
	// Skipped are the files the walk found but did not read (symlinks to
	// directories, devices, named pipes), with why.
	Skipped []Skipped
}

// Lint reads every path (a file, a directory walked recursively, or "-" for
// stdin) and checks every pattern found. It never stops at a bad file.
func Lint(paths []string, opt Options) *Report {
	r := &Report{}
	var scans []*scan
	srcOf := map[string]string{}
	ins, skipped := collect(paths, opt)
	r.Skipped = skipped
	for _, in := range ins {
		s, diags, ok := safeRead(in, opt.Type)
		r.Files++
		r.Inputs = append(r.Inputs, in.name)
		r.Diagnostics = append(r.Diagnostics, diags...)
		if !ok {
			r.InputErrors++
			continue
		}
		r.Patterns += len(s.patterns)
		r.Diagnostics = append(r.Diagnostics, s.diags...)
		scans = append(scans, s)
		srcOf[s.file.Name] = s.file.Src
	}
	for _, s := range scans {
		for _, fd := range s.patterns {
			r.Diagnostics = append(r.Diagnostics, safeCheck(s.file, fd)...)
		}
	}
	for _, group := range deployUnits(scans) {
		r.Diagnostics = append(r.Diagnostics, checkAcross(group)...)
		r.Diagnostics = append(r.Diagnostics, checkChain(group)...)
	}
	r.Diagnostics = suppressed(r.Diagnostics, srcOf)
	r.Diagnostics.Sort()
	return r
}

// typeByName is the file type an extension suggests: "yaml" and "json"
// still need a look at the content.
func typeByName(name string) string {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".tf"):
		return "tf"
	case strings.HasSuffix(lower, ".tf.json"):
		return "tfjson"
	case strings.HasSuffix(lower, ".pattern"), strings.HasSuffix(lower, ".patterns"):
		return "patterns"
	case strings.HasSuffix(lower, ".yaml"), strings.HasSuffix(lower, ".yml"), strings.HasSuffix(lower, ".template"):
		return "yaml"
	case strings.HasSuffix(lower, ".json"):
		return "json"
	}
	return ""
}

// read turns one input into what it holds. ok is false for input errors.
func read(in input, typ FileType) (*scan, diag.List, bool) {
	f := &file{Name: in.name, Src: string(in.src)}
	if in.err != nil {
		return nil, diag.List{ReadError(in.name, in.err)}, false
	}
	if off, why := notText(in.src); why != "" {
		d := f.at(newDiag(CodeFileNotText, "not a text file: "+why, "lint reads UTF-8 text: templates, Terraform files, pattern files"), off)
		d.SourceLine = ""
		return nil, diag.List{d}, false
	}
	s, err := readAs(f, in, typ)
	if err != nil {
		return nil, diag.List{syntaxDiag(f, err)}, false
	}
	if s == nil {
		// A file found by walking that is not one lint reads (a CI workflow,
		// a rule test file): examined, nothing to check.
		return &scan{file: f}, nil, true
	}
	return s, nil, true
}

func readAs(f *file, in input, typ FileType) (*scan, error) {
	if in.name == "-" {
		in.stdin = true
	}
	kind := typeByName(in.name)
	if in.stdin && in.name == "-" {
		kind = ""
	}
	if kind == "" && in.stdin && typ == TypeAuto {
		typ = sniff(f.Src)
	}
	switch typ {
	case TypeTerraform:
		if kind != "tfjson" {
			kind = "tf"
		}
	case TypePatterns:
		kind = "patterns"
	case TypeCloudFormation, TypeRules:
		if kind != "json" {
			kind = "yaml"
		}
	}
	switch kind {
	case "tf":
		return scanTerraform(f)
	case "tfjson":
		return scanTerraformJSON(f)
	case "patterns":
		return scanPatternFile(f), nil
	case "yaml", "json":
		root, err := parseTree(f.Src, kind)
		if err != nil {
			return nil, err
		}
		if typ == TypeRules || (typ == TypeAuto && isRuleFile(root)) {
			return scanRules(f)
		}
		if typ == TypeAuto && isServerless(root) {
			return scanServerless(f, root), nil
		}
		if isCloudFormation(root) || typ == TypeCloudFormation {
			if root == nil {
				return &scan{file: f}, nil
			}
			return scanCloudFormation(f, root), nil
		}
		if in.explicit {
			return nil, &syntaxError{Msg: "neither a CloudFormation template nor a cwpat rule file", Hint: "name the file type with --type", code: CodeUnrecognizedFile}
		}
		return nil, nil
	}
	return nil, &syntaxError{Msg: "not a file type lint reads (.yaml, .yml, .json, .template, .tf, .pattern, .patterns)",
		Hint: "name the file type with --type", code: CodeUnrecognizedFile}
}

// parseTree parses YAML, or JSON with positions (JSON is also YAML, but
// the JSON reader gives better messages for broken JSON).
func parseTree(src, kind string) (*node, error) {
	if kind == "json" || strings.HasPrefix(strings.TrimSpace(src), "{") {
		return parseJSON(src)
	}
	return parseYAML(src)
}

// sniff decides what stdin holds when no --type was given.
func sniff(src string) FileType {
	t := strings.TrimSpace(src)
	if strings.Contains(t, "resource \"aws_") {
		return TypeTerraform
	}
	if strings.Contains(t, "AWSTemplateFormatVersion") || strings.Contains(t, "AWS::Logs::") {
		return TypeCloudFormation
	}
	return TypePatterns
}

func syntaxDiag(f *file, err error) diag.Diagnostic {
	var se *syntaxError
	if !errors.As(err, &se) {
		se = &syntaxError{Msg: err.Error()}
	}
	code := se.code
	if code == "" {
		code = CodeYAMLSyntax
	}
	return f.at(newDiag(code, se.Msg, se.Hint), se.Off)
}

// notText reports where a file stops being UTF-8 text.
func notText(b []byte) (int, string) {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return i, "it contains a NUL byte"
	}
	if !utf8.Valid(b) {
		for i := 0; i < len(b); {
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				return i, fmt.Sprintf("invalid UTF-8 (byte 0x%02x)", b[i])
			}
			i += size
		}
	}
	return 0, ""
}

// ReadError is the diagnostic for a file that could not be read.
func ReadError(name string, err error) diag.Diagnostic {
	var tl *TooLargeError
	if errors.As(err, &tl) {
		d := newDiag(CodeFileTooLarge, "not read: "+tl.Error(),
			"templates, Terraform and rule files are far smaller; exclude generated or data files with --exclude")
		d.Pos = diag.Position{File: name}
		return d
	}
	d := newDiag(CodeFileUnreadable, "cannot read: "+unwrapPathError(err), "")
	d.Pos = diag.Position{File: name}
	return d
}

func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
