package pattern

import (
	"fmt"
	"regexp"

	"github.com/cwpat/cwpat/awslimits"
	"github.com/cwpat/cwpat/diag"
)

var filterNameRE = regexp.MustCompile(`^[^:*]*$`)

// ValidateFilterName checks a filter name as PutMetricFilter and
// PutSubscriptionFilter do: 1 to 512 characters, no ':' or '*'. The error
// is a diag.List whose AWSMessage is AWS's validation message.
func ValidateFilterName(name string) error {
	const field = "filterName"
	switch n := awslimits.Length(name); {
	case n == 0:
		return diag.List{requestProblem("invalid-filter-name", "filter name is required",
			validationMessage(name, field, awslimits.MinLength(1)), "")}
	case n > awslimits.FilterNameMaxLength:
		return diag.List{requestProblem("invalid-filter-name",
			fmt.Sprintf("filter name is %d characters long; AWS allows %d", n, awslimits.FilterNameMaxLength),
			validationMessage(name, field, awslimits.MaxLength(awslimits.FilterNameMaxLength)), "")}
	case !filterNameRE.MatchString(name):
		return diag.List{requestProblem("invalid-filter-name", fmt.Sprintf("filter name %q may not contain ':' or '*'", name),
			validationMessage(name, field, awslimits.MatchesPattern("[^:*]*")), "")}
	}
	return nil
}

// RegexCount is the number of %regex% in the pattern. AWS allows 2 per
// pattern (Parse enforces it) and 5 regex-bearing metric and subscription
// filters per log group, which only a caller that sees the whole log group
// can check.
func (p *Pattern) RegexCount() int {
	n := 0
	Inspect(p, func(node Node) bool {
		switch x := node.(type) {
		case *Term:
			if x.kind == RegexTerm {
				n++
			}
		case *Value:
			if x.kind == RegexValue {
				n++
			}
		}
		return true
	})
	return n
}
