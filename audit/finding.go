package audit

import (
	"bytes"
	"encoding/json"

	"github.com/cwpat/cwpat/diag"
)

// Finding is one audit diagnostic and the AWS resource it is about (an
// ARN, or a name when the ARN is unknown), so machine formats can locate it
// on the account rather than in a file.
type Finding struct {
	diag.Diagnostic
	Resource string `json:"resource,omitempty"`
}

// Findings is a list of findings; it encodes as [] when empty.
type Findings []Finding

// MarshalJSON writes an empty list as [] rather than null, and leaves &&,
// < and > in patterns as they are (no \u0026).
func (l Findings) MarshalJSON() ([]byte, error) {
	if l == nil {
		return []byte("[]"), nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode([]Finding(l)); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// finding makes a finding about a control ("" for the account); the
// control's id leads the message.
func finding(code string, sev diag.Severity, control, msg, hint string) Finding {
	if control != "" {
		msg = control + ": " + msg
	}
	return Finding{Diagnostic: diag.Diagnostic{Code: code, Severity: sev, Message: msg, Hint: hint}}
}

// on returns f located on resource.
func (f Finding) on(resource string) Finding {
	f.Resource = resource
	return f
}
