package diag

import (
	"net/url"
	"path"
	"path/filepath"
	"strings"
)

// Tool names the program that produced a report, for the formats that carry
// it (SARIF's tool.driver, JUnit's suite name).
type Tool struct {
	Name           string // "cwpat"
	Version        string // "v0.3.0" or "dev"
	InformationURI string // home page, for SARIF
}

// RuleInfo documents one diagnostic code, for SARIF's rule table and for
// hints that link to documentation.
type RuleInfo struct {
	ShortDescription string // one line: what the code means
	HelpURI          string // a page explaining Avoid / Prefer / Why
}

// FormatOptions are shared by the machine formats. The zero value works: the
// tool is called "cwpat", only errors count as failures.
type FormatOptions struct {
	Tool Tool
	// Files are the inputs that were checked. Formats that report per file
	// (JUnit) list clean files too, so a CI dashboard shows what passed.
	Files []string
	// BaseDir, when set, makes absolute file paths relative to it in SARIF
	// and GitHub annotations, which both want repository-relative paths.
	BaseDir string
	// Rules describes codes; codes without an entry still get a SARIF rule.
	Rules func(code string) (RuleInfo, bool)
	// FailAt is the least severe severity that counts as a failure (JUnit
	// failures; Summary.Failed). The zero value is Error.
	FailAt Severity
	// Anchor is the file that SARIF results without a file of their own
	// (an audit finding about an account, a pattern from the command line)
	// point at, on line 1. GitHub code scanning rejects a whole SARIF log
	// when any result has no location; SARIF itself allows it, so with no
	// Anchor such results have none.
	Anchor string
	// Skipped are inputs that were found but deliberately not read (a
	// symlink to a device, a named pipe): JSON lists them, SARIF carries
	// them as tool notifications and JUnit as skipped test cases.
	Skipped []Skipped
}

// Skipped is an input a run found but did not read, and why.
type Skipped struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

func (o FormatOptions) tool() Tool {
	t := o.Tool
	if t.Name == "" {
		t.Name = "cwpat"
	}
	if t.Version == "" {
		t.Version = "dev"
	}
	return t
}

// Summary counts a list by severity. It is the "summary" object of the JSON
// format and the source of the one-line text summary commands print.
type Summary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	// Files is how many inputs were checked (len(FormatOptions.Files)).
	Files int `json:"files"`
	// Failed reports whether any diagnostic is at least as severe as
	// FormatOptions.FailAt: the run should exit 1.
	Failed bool `json:"failed"`
}

// Summarize counts l by severity.
func Summarize(l List, opt FormatOptions) Summary {
	s := Summary{Files: len(opt.Files)}
	for _, d := range l {
		switch d.Severity {
		case Error:
			s.Errors++
		case Warning:
			s.Warnings++
		default:
			s.Infos++
		}
		if d.Severity <= opt.FailAt {
			s.Failed = true
		}
	}
	return s
}

// relPath returns file as a slash-separated path, relative to base when file
// is absolute and inside base.
func relPath(file, base string) string {
	if base != "" && filepath.IsAbs(file) {
		if r, err := filepath.Rel(base, file); err == nil && !strings.HasPrefix(r, "..") {
			file = r
		}
	}
	return filepath.ToSlash(file)
}

// fileURI turns a path into the URI reference SARIF's artifactLocation.uri
// wants: relative paths stay relative (percent-encoded), absolute ones become
// file:// URIs.
func fileURI(file, base string) string {
	p := relPath(file, base)
	if strings.HasPrefix(p, "/") {
		return (&url.URL{Scheme: "file", Path: path.Clean(p)}).String()
	}
	if vol := filepath.VolumeName(file); vol != "" && p == filepath.ToSlash(file) {
		// A Windows drive path: file:///C:/dir/f.yaml.
		return (&url.URL{Scheme: "file", Path: "/" + p}).String()
	}
	// String (not EscapedPath) adds "./" before a first segment with a colon,
	// which a URI reader would otherwise take for a scheme.
	return (&url.URL{Path: p}).String()
}
