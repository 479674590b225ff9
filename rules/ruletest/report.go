package ruletest

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/cwpat/cwpat/diag"
)

// Reporter renders a run's results. Every output format implements it, so
// the runner has one sink (as opa test does).
type Reporter interface {
	Report(results []Result) error
}

// Formats are the output formats NewReporter accepts.
var Formats = []string{"text", "json", "junit", "github", "gitlab"}

// Options tune the reporters.
type Options struct {
	Verbose bool   // text: list passing checks too
	Color   bool   // text: ANSI colour
	BaseDir string // github: paths relative to this directory
}

// NewReporter returns the reporter for format (text, json, junit, github, gitlab).
func NewReporter(format string, w io.Writer, opt Options) (Reporter, error) {
	switch format {
	case "", "text":
		return &TextReporter{W: w, Options: opt}, nil
	case "json":
		return &JSONReporter{W: w}, nil
	case "junit":
		return &JUnitReporter{W: w}, nil
	case "github":
		return &GitHubReporter{W: w, BaseDir: opt.BaseDir}, nil
	case "gitlab":
		return &GitLabReporter{W: w, BaseDir: opt.BaseDir}, nil
	}
	return nil, fmt.Errorf("unknown output format %q (choose one of %s)", format, strings.Join(Formats, ", "))
}

// TextReporter writes each failure with its position and what differed,
// then PASS n/N (and FAIL f/N).
type TextReporter struct {
	W io.Writer
	Options
}

// Report writes the text report.
func (t *TextReporter) Report(rs []Result) error {
	var b strings.Builder
	paint := func(code, s string) string {
		if !t.Color {
			return s
		}
		return code + s + "\x1b[0m"
	}
	for _, r := range rs {
		switch {
		case !r.Passed:
			fmt.Fprintf(&b, "%s %s: %s\n", paint("\x1b[31m", "FAIL"), r.Suite, r.Name)
			if len(r.Diagnostics) > 0 {
				for _, d := range r.Diagnostics {
					for _, line := range strings.Split(strings.TrimRight(diag.Text(d, diag.TextOptions{Color: t.Color}), "\n"), "\n") {
						b.WriteString("  " + line + "\n")
					}
				}
				continue
			}
			fmt.Fprintf(&b, "  %s: %s\n", r.Pos, r.Message)
			if r.SourceLine != "" && r.Pos.IsValid() {
				for _, line := range strings.Split(strings.TrimRight(diag.Caret(r.SourceLine, r.Pos.Column, 1, t.Color), "\n"), "\n") {
					b.WriteString("  " + line + "\n")
				}
			}
		case t.Verbose:
			fmt.Fprintf(&b, "%s %s: %s\n", paint("\x1b[32m", "PASS"), r.Suite, r.Name)
			if r.Note != "" {
				fmt.Fprintf(&b, "  note: %s\n", r.Note)
			}
		}
	}
	s := Summarize(rs)
	if s.Failed > 0 || t.Verbose {
		b.WriteString(strings.Repeat("-", 80) + "\n")
	}
	fmt.Fprintf(&b, "PASS: %d/%d\n", s.Passed, s.Total)
	if s.Failed > 0 {
		fmt.Fprintf(&b, "FAIL: %d/%d\n", s.Failed, s.Total)
	}
	_, err := io.WriteString(t.W, b.String())
	return err
}

// JSONReporter writes one JSON document: the summary and every result.
type JSONReporter struct{ W io.Writer }

// Report writes the JSON report.
func (j *JSONReporter) Report(rs []Result) error {
	if rs == nil {
		rs = []Result{}
	}
	enc := json.NewEncoder(j.W)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Summary Summary  `json:"summary"`
		Results []Result `json:"results"`
	}{Summarize(rs), rs})
}

// JUnitReporter writes JUnit XML, one test suite per set or test file.
type JUnitReporter struct{ W io.Writer }

// Report writes the JUnit report.
func (j *JUnitReporter) Report(rs []Result) error {
	root := &diag.JUnitTestSuites{Name: "cwpat test"}
	index := map[string]int{}
	for _, r := range rs {
		i, ok := index[r.Suite]
		if !ok {
			i = len(root.Suites)
			index[r.Suite] = i
			root.Suites = append(root.Suites, diag.JUnitTestSuite{Name: r.Suite})
		}
		c := diag.JUnitTestCase{Name: r.Name, Classname: r.Suite}
		if r.Note != "" {
			c.SystemOut = r.Note
		}
		if !r.Passed {
			c.Failure = &diag.JUnitFailure{Message: r.Message, Type: string(r.Kind), Text: fmt.Sprintf("%s: %s", r.Pos, r.Message)}
		}
		root.Suites[i].Cases = append(root.Suites[i].Cases, c)
	}
	return root.Write(j.W)
}

// failures are the failed results as diagnostics, for the formats shared
// with cwpat lint.
func failures(rs []Result) diag.List {
	var l diag.List
	for _, r := range rs {
		if r.Passed {
			continue
		}
		if len(r.Diagnostics) > 0 {
			l = append(l, r.Diagnostics...)
			continue
		}
		l = append(l, r.Diagnostic())
	}
	return l
}

// GitLabReporter writes a GitLab Code Quality report with an issue per
// failure, so a failed example or alarm test shows in the merge request.
type GitLabReporter struct {
	W       io.Writer
	BaseDir string
}

// Report writes the report.
func (g *GitLabReporter) Report(rs []Result) error {
	return diag.WriteGitLab(g.W, failures(rs), diag.FormatOptions{BaseDir: g.BaseDir})
}

// GitHubReporter writes a GitHub Actions annotation per failure.
type GitHubReporter struct {
	W       io.Writer
	BaseDir string
}

// Report writes the annotations.
func (g *GitHubReporter) Report(rs []Result) error {
	return diag.WriteGitHub(g.W, failures(rs), diag.FormatOptions{BaseDir: g.BaseDir})
}
