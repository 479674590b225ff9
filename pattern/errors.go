package pattern

import (
	"fmt"
	"unicode/utf8"

	"github.com/cwpat/cwpat/diag"
)

// AWS's messages for refused patterns, where they are known (spec section
// 9.2). AWS reports one problem per call; cwpat reports every problem it can
// find, and each diagnostic carries the message AWS would give if that
// problem were the only one.
const (
	// MsgInvalidMetricFilterPattern is PutMetricFilter's (and
	// TestMetricFilter's) message for a pattern it cannot parse.
	MsgInvalidMetricFilterPattern = "Invalid metric filter pattern"
	// MsgInvalidFilterPattern is the same message from FilterLogEvents,
	// StartLiveTail and the console; see FilterLogEventsMessage.
	MsgInvalidFilterPattern = "Invalid filter pattern"
	// MsgUnclosedBrace is AWS's message for a JSON pattern without its '}'.
	MsgUnclosedBrace = "If a filter pattern starts with '{' it must end with '}'"
	// MsgDoesNotSupportDimensions is PutMetricFilter's message for dimensions
	// on a term pattern.
	MsgDoesNotSupportDimensions = "The specified filter pattern does not support dimensions"
)

// MaxPatternLength is AWS's limit on a filter pattern, in characters.
const MaxPatternLength = 1024

// FilterLogEventsMessage returns the message FilterLogEvents and the console
// give for the problem d describes: the same as PutMetricFilter's, except
// that its generic message leaves out the word "metric".
func FilterLogEventsMessage(d diag.Diagnostic) string {
	if d.AWSMessage == MsgInvalidMetricFilterPattern {
		return MsgInvalidFilterPattern
	}
	return d.AWSMessage
}

// tooLongMessage is AWS's validation error for an over-long pattern.
func tooLongMessage(src string) string {
	return fmt.Sprintf("1 validation error detected: Value '%s' at 'filterPattern' failed to satisfy constraint: "+
		"Member must have length less than or equal to %d", src, MaxPatternLength)
}

// invalidCharsMessage is AWS's message for characters it refuses in a term
// or regex; non-ASCII characters are shown as '?', as AWS shows them.
func invalidCharsMessage(chars string) string {
	return fmt.Sprintf("Invalid character(s) in term '%s'", chars)
}

// problem builds an error diagnostic at byte offset off of src spanning n
// bytes.
func problem(src, code string, off, n int, msg, aws, hint string) diag.Diagnostic {
	return finding(src, diag.Error, code, off, n, msg, aws, hint)
}

// requestProblem is an error in a request field other than the pattern
// (metric transformation, TestMetricFilter messages): it has no position.
func requestProblem(code, msg, aws, hint string) diag.Diagnostic {
	if aws == "" {
		aws = "-"
	}
	d := finding("", diag.Error, code, 0, 0, msg, aws, hint)
	d.Pos, d.Len, d.SourceLine = diag.Position{}, 0, ""
	return d
}

func finding(src string, sev diag.Severity, code string, off, n int, msg, aws, hint string) diag.Diagnostic {
	pos := diag.PositionAt(src, off)
	end := off + n
	if end > len(src) {
		end = len(src)
	}
	length := 0
	if end > pos.Offset {
		length = utf8.RuneCountInString(src[pos.Offset:end])
	}
	line := diag.LineAt(src, pos.Line)
	// Keep the caret on the line it starts on.
	if rest := utf8.RuneCountInString(line) - (pos.Column - 1); length > rest {
		length = rest
	}
	if length < 1 {
		length = 1
	}
	if aws == "" && sev == diag.Error && code != "" {
		aws = MsgInvalidMetricFilterPattern
	}
	if aws == "-" {
		aws = "" // AWS's wording is not known and is not the generic one
	}
	return diag.Diagnostic{
		Code: code, Severity: sev, Pos: pos, Len: length,
		Message: msg, AWSMessage: aws, Hint: hint, SourceLine: line,
	}
}
