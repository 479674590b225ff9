package diag

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
)

// JUnitTestSuites is the root of a JUnit XML report, in the shape Jenkins,
// GitLab, CircleCI and the GitHub test-report actions all read. It is
// exported so commands that report test results rather than diagnostics
// (cwpat test) render the same XML.
type JUnitTestSuites struct {
	XMLName  xml.Name         `xml:"testsuites"`
	Name     string           `xml:"name,attr"`
	Tests    int              `xml:"tests,attr"`
	Failures int              `xml:"failures,attr"`
	Errors   int              `xml:"errors,attr"`
	Suites   []JUnitTestSuite `xml:"testsuite"`
}

// JUnitTestSuite groups test cases (for diagnostics: one suite per file).
type JUnitTestSuite struct {
	Name     string          `xml:"name,attr"`
	Tests    int             `xml:"tests,attr"`
	Failures int             `xml:"failures,attr"`
	Errors   int             `xml:"errors,attr"`
	Skipped  int             `xml:"skipped,attr"`
	Cases    []JUnitTestCase `xml:"testcase"`
}

// JUnitTestCase is one check; Failure is nil when it passed.
type JUnitTestCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *JUnitFailure `xml:"failure,omitempty"`
	Skipped   *JUnitSkipped `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

// JUnitSkipped marks a test case that did not run, and why.
type JUnitSkipped struct {
	Message string `xml:"message,attr"`
}

// JUnitFailure says why a test case failed; the text is the full rendering.
type JUnitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// MarshalXML writes the failure with its text's line breaks kept as line
// breaks (a ",chardata" field would write each as &#xA;), so the caret
// rendering reads the same in the raw XML as in a terminal.
func (f JUnitFailure) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Attr = append(start.Attr,
		xml.Attr{Name: xml.Name{Local: "message"}, Value: f.Message},
		xml.Attr{Name: xml.Name{Local: "type"}, Value: f.Type})
	for _, t := range []xml.Token{start, xml.CharData(f.Text), start.End()} {
		if err := e.EncodeToken(t); err != nil {
			return err
		}
	}
	return nil
}

// Count fills in the tests and failures counters of the suites and the root
// from their cases, so callers only build cases.
func (r *JUnitTestSuites) Count() {
	r.Tests, r.Failures, r.Errors = 0, 0, 0
	for i := range r.Suites {
		s := &r.Suites[i]
		s.Tests, s.Failures, s.Skipped = len(s.Cases), 0, 0
		for _, c := range s.Cases {
			if c.Failure != nil {
				s.Failures++
			}
			if c.Skipped != nil {
				s.Skipped++
			}
		}
		r.Tests += s.Tests
		r.Failures += s.Failures
		r.Errors += s.Errors
	}
}

// Write counts and writes the report with an XML declaration.
func (r *JUnitTestSuites) Write(w io.Writer) error {
	r.Count()
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(r); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// WriteJUnit writes diagnostics as JUnit XML: one test suite per file, one
// test case per diagnostic. Diagnostics at least as severe as opt.FailAt are
// failures (their text is the caret rendering); less severe ones pass, with
// the rendering as system-out. Every file in opt.Files without diagnostics
// gets one passing case, so a dashboard shows what was checked, and every
// input in opt.Skipped one skipped case saying why.
func WriteJUnit(w io.Writer, l List, opt FormatOptions) error {
	t := opt.tool()
	byFile := map[string][]Diagnostic{}
	for _, f := range opt.Files {
		byFile[f] = nil
	}
	skipped := map[string]string{}
	for _, s := range opt.Skipped {
		skipped[s.File] = s.Reason
		if _, ok := byFile[s.File]; !ok {
			byFile[s.File] = nil
		}
	}
	for _, d := range l {
		f := d.Pos.File
		if f == "" {
			f = "-"
		}
		byFile[f] = append(byFile[f], d)
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	report := &JUnitTestSuites{Name: t.Name}
	for _, f := range files {
		suite := JUnitTestSuite{Name: f}
		if why, ok := skipped[f]; ok {
			suite.Cases = append(suite.Cases, JUnitTestCase{Name: t.Name, Classname: f, Skipped: &JUnitSkipped{Message: why}})
		} else if len(byFile[f]) == 0 {
			suite.Cases = append(suite.Cases, JUnitTestCase{Name: t.Name, Classname: f})
		}
		for _, d := range byFile[f] {
			suite.Cases = append(suite.Cases, junitCase(f, d, opt))
		}
		report.Suites = append(report.Suites, suite)
	}
	return report.Write(w)
}

func junitCase(file string, d Diagnostic, opt FormatOptions) JUnitTestCase {
	name := d.Code
	if d.Pos.IsValid() {
		name = fmt.Sprintf("%s %d:%d", d.Code, d.Pos.Line, d.Pos.Column)
	}
	c := JUnitTestCase{Name: name, Classname: file}
	text := Text(d, TextOptions{})
	if d.Severity <= opt.FailAt {
		c.Failure = &JUnitFailure{Message: d.Message, Type: d.Severity.String(), Text: text}
	} else {
		c.SystemOut = text
	}
	return c
}
