package pattern

import "github.com/cwpat/cwpat/diag"

// CodeInfo describes one diagnostic code this package reports.
type CodeInfo struct {
	Code     string
	Severity diag.Severity
	Summary  string
}

// Codes lists every diagnostic code Parse, Warnings, NewMetricFilter,
// TestMetricFilter and ValidateFilterName report, with a one-line meaning.
// Codes are stable: documentation and suppressions refer to them.
var Codes = []CodeInfo{
	// Pattern errors: AWS refuses the pattern.
	{"pattern-too-long", diag.Error, "the pattern is longer than 1024 characters as AWS counts them (an emoji counts 2)"},
	{"unclosed-brace", diag.Error, "a JSON pattern does not end with its closing '}'"},
	{"unclosed-bracket", diag.Error, "a space-delimited pattern does not end with its closing ']'"},
	{"blank-before-pattern", diag.Error, "blank space before the '{' or '[' of a pattern, which AWS refuses"},
	{"syntax-error", diag.Error, "the pattern does not follow the grammar at this point"},
	{"unexpected-character", diag.Error, "a character that has no meaning here"},
	{"invalid-character", diag.Error, "a non-ASCII character outside double quotes (often a typographic quote)"},
	{"unquoted-special-character", diag.Error, "a term or value holds characters that require double quotes"},
	{"unterminated-string", diag.Error, "a double-quoted string is never closed"},
	{"unterminated-regex", diag.Error, "a %regex% is never closed"},
	{"empty-regex", diag.Error, "%% holds no regular expression"},
	{"regex-invalid-character", diag.Error, "a regex uses a character AWS does not allow (parentheses, '!', non-ASCII...)"},
	{"regex-syntax", diag.Error, "a regex does not compile"},
	{"too-many-regexes", diag.Error, "more than 2 regular expressions in one pattern"},
	{"detached-prefix", diag.Error, "a '-' or '?' separated from its term by a space"},
	{"empty-json-pattern", diag.Error, "{} holds no condition"},
	{"selector-without-dollar", diag.Error, "a JSON property selector does not start with $."},
	{"invalid-selector", diag.Error, "a property selector is malformed"},
	{"too-many-wildcards-in-selector", diag.Error, "more than one .* or [*] in one selector"},
	{"too-many-wildcard-selectors", diag.Error, "more than 3 wildcard selectors in one pattern"},
	{"unsupported-is-not", diag.Error, "IS NOT, which AWS does not support"},
	{"unsupported-exists", diag.Error, "EXISTS, which AWS does not support (NOT EXISTS is supported)"},
	{"invalid-is-keyword", diag.Error, "IS followed by something other than NULL, TRUE or FALSE"},
	{"incomplete-condition", diag.Error, "a selector or field compared with nothing"},
	{"invalid-operator", diag.Error, "an operator AWS does not have (==, !)"},
	{"missing-value", diag.Error, "an operator without a value"},
	{"numeric-operator-value", diag.Error, "<, <=, > or >= with a quoted or non-numeric value, which AWS refuses"},
	{"single-quoted-value", diag.Error, "a value in single quotes, which are not string quotes"},
	{"selector-as-value", diag.Error, "a property compared with another property"},
	{"missing-comma", diag.Error, "two space-delimited fields without a comma between them"},
	{"duplicate-ellipsis", diag.Error, "'...' more than once"},
	{"duplicate-field", diag.Error, "a space-delimited field name used twice"},
	{"invalid-field-name", diag.Error, "a space-delimited field name with characters AWS does not allow, or a plain number"},
	{"cross-field-condition", diag.Error, "a condition in one field's slot tests another field"},
	{"json-only-operator", diag.Error, "IS or NOT EXISTS in a space-delimited pattern"},
	// Request errors: the metric transformation or TestMetricFilter input.
	{"invalid-filter-name", diag.Error, "a filter name that is empty, too long or holds ':' or '*'"},
	{"invalid-metric-name", diag.Error, "a metric name that is empty, too long or holds ':', '*' or '$'"},
	{"invalid-metric-namespace", diag.Error, "a metric namespace that is empty, too long or holds ':', '*' or '$'"},
	{"invalid-metric-value", diag.Error, "a metricValue that is not a number or a field the pattern can extract"},
	{"invalid-unit", diag.Error, "a unit CloudWatch does not know"},
	{"dimensions-not-supported", diag.Error, "dimensions on a pattern that extracts no fields"},
	{"too-many-dimensions", diag.Error, "more than 3 dimensions"},
	{"default-value-with-dimensions", diag.Error, "a default value together with dimensions"},
	{"invalid-dimension", diag.Error, "a dimension that does not name a field of the pattern"},
	{"too-few-test-messages", diag.Error, "TestMetricFilter without log event messages"},
	{"too-many-test-messages", diag.Error, "TestMetricFilter with more than 50 messages"},
	{"empty-test-message", diag.Error, "an empty TestMetricFilter message"},
	// Warnings: AWS accepts the pattern, but it does not do what it seems to.
	{"ne-missing-field", diag.Warning, "!= is false when the property is missing, and nothing catches that case"},
	{"ignored-or-terms", diag.Warning, "?terms mixed with other terms, which AWS silently ignores"},
	{"unquoted-hyphen", diag.Warning, "an unquoted a-b, read as a and -b (exclude b)"},
	{"unquoted-value", diag.Warning, "an unquoted true/false/null or number that compares differently than it looks"},
	{"never-matches", diag.Warning, "a condition or pattern that can never be true"},
	{"wildcard-not-equal", diag.Warning, "!= on a wildcard selector holds when any element differs, not when none equals"},
	{"quoted-regex", diag.Warning, "\"%...%\" in quotes is literal text, not a regex"},
	{"regex-unescaped-dot", diag.Warning, "'.' in a regex matches any character, not a dot"},
}
