package diag

import (
	"encoding/json"
	"io"
)

// jsonReport is the JSON format's one document.
type jsonReport struct {
	Diagnostics List    `json:"diagnostics"`
	Summary     Summary `json:"summary"`
	// Skipped lists inputs found but not read (opt.Skipped), when there are any.
	Skipped []Skipped `json:"skipped,omitempty"`
}

// WriteJSON writes one JSON document:
//
//	{"diagnostics": [...], "summary": {"errors": 1, "warnings": 0, ...}}
//
// Each diagnostic carries its code, severity name, position, message and,
// where known, AWS's own message and a hint. An empty list is [] (not null),
// so consumers can iterate without a check. Inputs found but not read
// (opt.Skipped) are listed under "skipped".
func WriteJSON(w io.Writer, l List, opt FormatOptions) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(jsonReport{Diagnostics: l, Summary: Summarize(l, opt), Skipped: opt.Skipped})
}
