package awslimits

import (
	"fmt"
	"strings"
)

// AWS's messages for refused filter patterns, where they are known (the
// spec, section 9.2).
const (
	// MsgInvalidMetricFilterPattern is PutMetricFilter's (and
	// TestMetricFilter's) message for a pattern it cannot parse.
	MsgInvalidMetricFilterPattern = "Invalid metric filter pattern"
	// MsgInvalidFilterPattern is the same message from FilterLogEvents,
	// StartLiveTail and the console.
	MsgInvalidFilterPattern = "Invalid filter pattern"
	// MsgUnclosedBrace is AWS's message for a JSON pattern without its '}'.
	MsgUnclosedBrace = "If a filter pattern starts with '{' it must end with '}'"
	// MsgDoesNotSupportDimensions is PutMetricFilter's message for dimensions
	// on a pattern that extracts no fields.
	MsgDoesNotSupportDimensions = "The specified filter pattern does not support dimensions"
)

// InvalidCharsInTerm is AWS's message for characters it refuses in a term
// or regex; AWS shows non-ASCII characters as '?'.
func InvalidCharsInTerm(chars string) string {
	return fmt.Sprintf("Invalid character(s) in term '%s'", chars)
}

// Violation is one member that fails one constraint, as AWS's request
// validation reports it.
type Violation struct {
	// Value is the member's value as AWS shows it (see Quote, List); "null"
	// for a missing member.
	Value string
	// Field is the member's path, such as filterPattern or
	// metricTransformations.1.member.metricName.
	Field string
	// Constraint is AWS's text, such as MaxLength(1024).
	Constraint string
}

// String renders the violation as AWS does: Value 'x' at 'f' failed to
// satisfy constraint: c.
func (v Violation) String() string {
	return fmt.Sprintf("Value %s at '%s' failed to satisfy constraint: %s", v.Value, v.Field, v.Constraint)
}

// Quote shows a string member's value in a violation: 'value'.
func Quote(s string) string { return "'" + s + "'" }

// List renders a list as AWS's Java-side messages do: [a, b]. A list
// member's value in a violation is Quote(List(items)).
func List(items []string) string { return "[" + strings.Join(items, ", ") + "]" }

// ValidationMessage joins violations as AWS does: "1 validation error
// detected: ..." or "2 validation errors detected: ...; ...".
func ValidationMessage(vs ...Violation) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.String()
	}
	noun := "error"
	if len(vs) != 1 {
		noun = "errors"
	}
	return fmt.Sprintf("%d validation %s detected: %s", len(vs), noun, strings.Join(parts, "; "))
}

// Constraint texts of AWS's request validation.

// MaxLength is the constraint on a string or list longer than n.
func MaxLength(n int) string {
	return fmt.Sprintf("Member must have length less than or equal to %d", n)
}

// MinLength is the constraint on a string or list shorter than n.
func MinLength(n int) string {
	return fmt.Sprintf("Member must have length greater than or equal to %d", n)
}

// MatchesPattern is the constraint on a string that fails the member's
// regular expression, shown as AWS shows it.
func MatchesPattern(shown string) string {
	return "Member must satisfy regular expression pattern: " + shown
}

// MaxValue is the constraint on a number above n.
func MaxValue(n int64) string {
	return fmt.Sprintf("Member must have value less than or equal to %d", n)
}

// MinValue is the constraint on a number below n.
func MinValue(n int64) string {
	return fmt.Sprintf("Member must have value greater than or equal to %d", n)
}

// MembersMinLength is the constraint on a list whose members are each at
// least n long, as TestMetricFilter reports an empty message.
func MembersMinLength(n int) string {
	return fmt.Sprintf("Member must satisfy constraint: [%s]", MinLength(n))
}

// ClientMinLength is the AWS CLI's (botocore's) message for a parameter
// shorter than its minimum; botocore checks minimums itself and leaves
// maximums to the service.
func ClientMinLength(param string, got, minLen int) string {
	return fmt.Sprintf("Invalid length for parameter %s, value: %d, valid min length: %d", param, got, minLen)
}

// ClientValidationFailed joins botocore's messages as the AWS CLI prints
// them.
func ClientValidationFailed(msgs []string) string {
	return "Parameter validation failed:\n" + strings.Join(msgs, "\n")
}
