package ruletest

import "github.com/cwpat/cwpat/diag"

// Kind says what a result checked.
type Kind string

// The kinds of check.
const (
	KindExample   Kind = "example"    // one example event against one rule's pattern
	KindAlarmTest Kind = "alarm-test" // one expectation of a timed test
	KindLoad      Kind = "load"       // a rule or test file that could not be loaded
)

// Result is the outcome of one check.
type Result struct {
	Kind  Kind   `json:"kind"`
	Suite string `json:"suite"` // set name or test file
	Name  string `json:"name"`
	// Pos is where the check is written (the example entry, the
	// expectation), so failures point into the YAML.
	Pos    diag.Position `json:"position"`
	Passed bool          `json:"passed"`
	// Message says what differed, for a failure.
	Message string `json:"message,omitempty"`
	// Note documents an expected oddity (a false positive of a broken rule).
	Note string `json:"note,omitempty"`
	// Diagnostics are load problems (KindLoad).
	Diagnostics diag.List `json:"diagnostics,omitempty"`
	// SourceLine is the line of Pos, for the caret rendering.
	SourceLine string `json:"-"`
}

// Summary counts results.
type Summary struct {
	Total  int `json:"total"`
	Passed int `json:"passed"`
	Failed int `json:"failed"`
}

// Summarize counts passes and failures.
func Summarize(rs []Result) Summary {
	s := Summary{Total: len(rs)}
	for _, r := range rs {
		if r.Passed {
			s.Passed++
		}
	}
	s.Failed = s.Total - s.Passed
	return s
}

// Failed reports whether any result failed.
func Failed(rs []Result) bool { return Summarize(rs).Failed > 0 }

// Diagnostic renders a failed result as a diagnostic, for the machine
// formats shared with cwpat lint.
func (r Result) Diagnostic() diag.Diagnostic {
	code := "test-failed"
	if r.Kind == KindExample {
		code = "example-failed"
	}
	return diag.Diagnostic{Code: code, Severity: diag.Error, Pos: r.Pos, Len: 1,
		Message: r.Name + ": " + r.Message, SourceLine: r.SourceLine}
}
