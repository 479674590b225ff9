package audit

import (
	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/diag"
)

// ControlResult is the verdict on one control.
type ControlResult struct {
	Control Control `json:"control"`
	Covered bool    `json:"covered"`
	// Filter, Alarm and Topic name the chain that covers the control (or
	// the best partial chain found).
	Filter string `json:"filter,omitempty"`
	// FilterPattern is that filter's pattern, as AWS holds it.
	FilterPattern string `json:"filterPattern,omitempty"`
	Alarm         string `json:"alarm,omitempty"`
	Topic         string `json:"topic,omitempty"`
	// Findings say what is missing or broken; the first is the verdict.
	Findings Findings `json:"findings"`
	// Checked lists every filter judged for this control and why it does
	// or does not fit.
	Checked []FilterVerdict `json:"checkedFilters,omitempty"`
}

// FilterVerdict is how one filter fared against one control's examples.
type FilterVerdict struct {
	Filter string `json:"filter"`
	Fits   bool   `json:"fits"`
	Reason string `json:"reason,omitempty"`
}

// Report is the outcome of an audit.
type Report struct {
	Region string `json:"region"`
	// AccountID is the audited account, when known.
	AccountID    string          `json:"accountId,omitempty"`
	LogGroupName string          `json:"logGroupName,omitempty"`
	Trail        *alarms.Trail   `json:"trail,omitempty"`
	Trails       []alarms.Trail  `json:"trails"`
	Controls     []ControlResult `json:"controls"`
	// Account holds findings about the account rather than one control.
	Account Findings `json:"accountFindings"`
}

// Covered counts the covered controls.
func (r *Report) Covered() int {
	n := 0
	for _, c := range r.Controls {
		if c.Covered {
			n++
		}
	}
	return n
}

// Diagnostics flattens the report into one list (account first).
func (r *Report) Diagnostics() diag.List {
	out := diag.List{}
	for _, f := range r.Findings() {
		out = append(out, f.Diagnostic)
	}
	return out
}

// Findings flattens the report's findings (account first), each with the
// AWS resource it is about.
func (r *Report) Findings() Findings {
	out := append(Findings{}, r.Account...)
	for _, c := range r.Controls {
		out = append(out, c.Findings...)
	}
	return out
}
