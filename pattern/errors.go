package pattern

import (
	"fmt"
	"unicode/utf8"

	"github.com/cwpat/cwpat/awslimits"
	"github.com/cwpat/cwpat/diag"
)

// AWS's messages for refused patterns live in awslimits. AWS reports one
// problem per call; cwpat reports every problem it can find, and each
// diagnostic carries the message AWS would give (Diagnostic.AWSMessage) if
// that problem were the only one.

// FilterLogEventsMessage returns the message FilterLogEvents and the console
// give for the problem d describes: the same as PutMetricFilter's, except
// that its generic message leaves out the word "metric".
func FilterLogEventsMessage(d diag.Diagnostic) string {
	if d.AWSMessage == awslimits.MsgInvalidMetricFilterPattern {
		return awslimits.MsgInvalidFilterPattern
	}
	return d.AWSMessage
}

// tooLongMessage is AWS's validation error for an over-long pattern.
// tooLongText says how long the pattern is, in AWS's count: characters
// outside the Basic Multilingual Plane count twice.
func tooLongText(src string, units int) string {
	chars := utf8.RuneCountInString(src)
	if chars == units {
		return fmt.Sprintf("filter pattern is %d characters long; AWS allows at most %d", chars, awslimits.FilterPatternMaxLength)
	}
	return fmt.Sprintf("filter pattern is %d characters long, which AWS counts as %d (characters such as emoji count twice); AWS allows at most %d",
		chars, units, awslimits.FilterPatternMaxLength)
}

func tooLongMessage(src string) string {
	return awslimits.ValidationMessage(awslimits.Violation{Value: awslimits.Quote(src), Field: "filterPattern",
		Constraint: awslimits.MaxLength(awslimits.FilterPatternMaxLength)})
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
		aws = awslimits.MsgInvalidMetricFilterPattern
	}
	if aws == "-" {
		aws = "" // AWS's wording is not known and is not the generic one
	}
	return diag.Diagnostic{
		Code: code, Severity: sev, Pos: pos, Len: length,
		Message: msg, AWSMessage: aws, Hint: hint, SourceLine: line,
	}
}
