package localaws

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/cwpat/cwpat/awslimits"
)

// violations collects constraint failures and renders them as AWS does:
// "2 validation errors detected: Value 'x' at 'a' failed to satisfy
// constraint: ...; Value null at 'b' failed to satisfy constraint: ...".
type violations []string

// add records that value at field fails constraint. A nil value renders as
// "Value null", as AWS writes a missing required member.
// maxEchoed bounds how much of a refused value an error message repeats:
// AWS echoes a value of a few hundred characters whole (a 513-character
// filter name, a list of transformations), never a megabyte.
const maxEchoed = 4096

func (v *violations) add(value any, field, constraint string) {
	var shown string
	switch x := value.(type) {
	case nil:
		shown = "null"
	case *string:
		if x == nil {
			shown = "null"
		} else {
			shown = "'" + *x + "'"
		}
	default:
		shown = fmt.Sprintf("'%v'", value)
	}
	if len(shown) > maxEchoed {
		// A megabyte-long name is not echoed back whole: the error says
		// what is wrong, and the client already has the value.
		shown = shown[:maxEchoed] + "...'"
	}
	*v = append(*v, awslimits.Violation{Value: shown, Field: field, Constraint: constraint}.String())
}

// required records a missing required string member.
func (v *violations) required(s *string, field string) bool {
	if s == nil {
		v.add(nil, field, "Member must not be null")
		return false
	}
	return true
}

// length checks a string's length as AWS counts it (UTF-16 code units).
func (v *violations) length(s string, field string, minLen, maxLen int) bool {
	n := awslimits.Length(s)
	switch {
	case n < minLen:
		v.add(s, field, awslimits.MinLength(minLen))
		return false
	case maxLen > 0 && n > maxLen:
		v.add(s, field, awslimits.MaxLength(maxLen))
		return false
	}
	return true
}

// match checks a string against a member's regular expression.
func (v *violations) match(s string, field string, re *regexp.Regexp, shown string) bool {
	if !re.MatchString(s) {
		v.add(s, field, awslimits.MatchesPattern(shown))
		return false
	}
	return true
}

// rangeInt checks an integer member's bounds.
func (v *violations) rangeInt(n int64, field string, minVal, maxVal int64) bool {
	switch {
	case n < minVal:
		v.add(n, field, awslimits.MinValue(minVal))
		return false
	case n > maxVal:
		v.add(n, field, awslimits.MaxValue(maxVal))
		return false
	}
	return true
}

// err returns the violations as one error with code, or nil.
func (v violations) err(code, queryCode string) error {
	if len(v) == 0 {
		return nil
	}
	noun := "error"
	if len(v) > 1 {
		noun = "errors"
	}
	// Not awslimits.ValidationMessage: the violations are already rendered.
	return &awsError{Code: code, QueryCode: queryCode, Status: 400,
		Message: fmt.Sprintf("%d validation %s detected: %s", len(v), noun, strings.Join(v, "; "))}
}

// listString renders a string list as AWS's Java-side messages do: [a, b].
func listString(items []string) string { return awslimits.List(items) }

// noControlChars records a name with an ASCII control character (NUL and
// the like), which CloudWatch's names may not contain ("The name must
// contain only UTF-8 characters, and can't contain ASCII control
// characters", PutMetricAlarm's AlarmName).
func (v *violations) noControlChars(s, field string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			v.add(s, field, "Member must not contain ASCII control characters")
			return false
		}
	}
	if !utf8.ValidString(s) {
		v.add(s, field, "Member must contain only UTF-8 characters")
		return false
	}
	return true
}
