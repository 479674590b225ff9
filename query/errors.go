package query

import (
	"errors"
	"fmt"
)

// Error is a pattern or rule the compiler will not translate, and why.
type Error struct {
	// Code is a stable name for the reason, such as "no-raw-line".
	Code string
	// Rule is the rule id, when compiling a rule set.
	Rule string
	// Construct is the part of the pattern refused, as written.
	Construct string
	// Reason says why in the user's words.
	Reason string
}

func (e *Error) Error() string {
	s := ""
	if e.Rule != "" {
		s = "rule " + e.Rule + ": "
	}
	if e.Construct != "" {
		s += fmt.Sprintf("%s: ", e.Construct)
	}
	return s + e.Reason + " [" + e.Code + "]"
}

// WithRule names rule id in err, an error from translating that rule's
// pattern: a *Error is copied with Rule set; any other error (a pattern that
// does not parse) is wrapped as "rule ID: ...".
func WithRule(err error, id string) error {
	var qe *Error
	if errors.As(err, &qe) {
		c := *qe
		c.Rule = id
		return &c
	}
	return fmt.Errorf("rule %s: %w", id, err)
}

func refuse(code, construct, format string, args ...any) *Error {
	return &Error{Code: code, Construct: construct, Reason: fmt.Sprintf(format, args...)}
}

// Condition is something the data must satisfy for a translation to be
// exact; each is a fact about CloudTrail's records that the target's table
// cannot check.
type Condition struct {
	// Code names the condition, such as "string-column".
	Code string
	// Selector is the pattern's selector it is about.
	Selector string
	// Text states the condition.
	Text string
}

func (c Condition) String() string { return c.Selector + ": " + c.Text + " [" + c.Code + "]" }
