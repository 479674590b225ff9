package lint

import (
	"sort"

	"github.com/cwpat/cwpat/diag"
)

// Code describes one finding lint itself can report (beyond the pattern
// package's own error and warning codes, which lint passes through). Codes
// for the metric transformation problems that pattern.NewMetricFilter also
// reports use the same names, so a problem has one code wherever it is found.
type Code struct {
	Name     string
	Severity diag.Severity
	// Summary is one line for `cwpat lint --list-codes` and the docs index.
	Summary string
}

// Lint's own codes. Each has a page docs/lint/<code>.md.
const (
	CodeFileUnreadable          = "file-unreadable"
	CodeFileNotText             = "file-not-text"
	CodeFileTooLarge            = "file-too-large"
	CodeHCLTooDeep              = "hcl-too-deep"
	CodeConfig                  = "config-invalid"
	CodeYAMLSyntax              = "yaml-syntax"
	CodeJSONSyntax              = "json-syntax"
	CodeHCLSyntax               = "hcl-syntax"
	CodeUnrecognizedFile        = "unrecognized-file"
	CodePatternInvalid          = "pattern-invalid"
	CodePatternNotLiteral       = "pattern-not-literal"
	CodeUnknownField            = "unknown-cloudtrail-field"
	CodeSelectorNotScalar       = "selector-not-scalar"
	CodeMetricValueInvalid      = "invalid-metric-value"
	CodeMetricValueKind         = "metric-value-kind-mismatch"
	CodeMetricFieldMissing      = "metric-field-not-in-pattern"
	CodeDimensionsTerm          = "dimensions-not-supported"
	CodeTooManyDimensions       = "too-many-dimensions"
	CodeDefaultWithDims         = "default-value-with-dimensions"
	CodeTransformCount          = "metric-transformations-count"
	CodeMetricUnitInvalid       = "invalid-unit"
	CodeMetricNameInvalid       = "invalid-metric-name"
	CodeNamespaceInvalid        = "invalid-metric-namespace"
	CodeDuplicateMetric         = "duplicate-metric"
	CodeDuplicateAlarm          = "duplicate-alarm"
	CodeAlarmUnpublished        = "alarm-metric-unpublished"
	CodeMetricWithoutAlarm      = "metric-without-alarm"
	CodeTooManyRegexFilters     = "too-many-regex-filters"
	CodeTooManySubscription     = "too-many-subscription-filters"
	CodeInternal                = "internal-error"
	CodePatternNotString        = "pattern-not-a-string"
	CodeMatchesAlmostEverything = "matches-almost-everything"
)

var codes = []Code{
	{CodeFileUnreadable, diag.Error, "a file or directory could not be read"},
	{CodeFileNotText, diag.Error, "a file is binary or not UTF-8 text"},
	{CodeFileTooLarge, diag.Error, "a file is larger than lint reads"},
	{CodeHCLTooDeep, diag.Error, "a Terraform file nests deeper than lint parses"},
	{CodeConfig, diag.Error, "the project configuration file (.cwpat.yaml) has an unknown key or value"},
	{CodeYAMLSyntax, diag.Error, "a YAML file does not parse"},
	{CodeJSONSyntax, diag.Error, "a JSON file does not parse"},
	{CodeHCLSyntax, diag.Error, "a Terraform file does not parse"},
	{CodeUnrecognizedFile, diag.Error, "a file named on the command line is not a kind lint reads"},
	{CodePatternInvalid, diag.Error, "the pattern could not be checked"},
	{CodePatternNotLiteral, diag.Info, "the pattern is computed at deploy time, so it was not checked"},
	{CodeUnknownField, diag.Warning, "a selector names a field CloudTrail records do not have"},
	{CodeSelectorNotScalar, diag.Warning, "a selector names a CloudTrail object or array, which never matches"},
	{CodeMetricValueInvalid, diag.Error, "a metric value is neither a number nor a field"},
	{CodeMetricValueKind, diag.Error, "a metric value or dimension uses the other pattern kind's field syntax"},
	{CodeMetricFieldMissing, diag.Warning, "a metric value or dimension takes a field the pattern does not select"},
	{CodeDimensionsTerm, diag.Error, "dimensions on a term pattern, which AWS refuses"},
	{CodeTooManyDimensions, diag.Error, "more than three dimensions on one metric filter"},
	{CodeDefaultWithDims, diag.Error, "a default value on a metric filter with dimensions"},
	{CodeTransformCount, diag.Error, "a metric filter with other than one metric transformation"},
	{CodeMetricUnitInvalid, diag.Error, "a metric unit CloudWatch does not know"},
	{CodeMetricNameInvalid, diag.Error, "a metric name with a character AWS refuses"},
	{CodeNamespaceInvalid, diag.Error, "a metric namespace with a character AWS refuses"},
	{CodeDuplicateMetric, diag.Warning, "two metric filters publish the same metric"},
	{CodeDuplicateAlarm, diag.Warning, "two alarms watch the same metric"},
	{CodeAlarmUnpublished, diag.Warning, "an alarm watches a metric no metric filter publishes"},
	{CodeMetricWithoutAlarm, diag.Info, "a metric filter's metric has no alarm"},
	{CodeTooManyRegexFilters, diag.Error, "more than five patterns with regexes on one log group"},
	{CodeTooManySubscription, diag.Error, "more than two subscription filters on one log group"},
	{CodeInternal, diag.Error, "cwpat itself failed on a file (a bug: please report it)"},
	{CodePatternNotString, diag.Error, "an unquoted { } or [ ] pattern that YAML reads as a mapping or list"},
	{CodeMatchesAlmostEverything, diag.Warning, "a CloudTrail filter that matches nearly every sample record"},
	{CodeTrailWithoutLogs, diag.Warning, "a trail that does not send its events to CloudWatch Logs (CIS 3.4)"},
	{CodeInvalidLogGroupName, diag.Error, "a log group name CloudWatch Logs refuses"},
	{CodeShortRetention, diag.Warning, "a CloudTrail log group that keeps records less than 365 days"},
	{CodeAlarmPeriodTooShort, diag.Warning, "an alarm on a CloudTrail metric with a period under 5 minutes"},
}

// Codes returns lint's own codes, sorted by name.
func Codes() []Code {
	out := append([]Code(nil), codes...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func severityOf(code string) diag.Severity {
	for _, c := range codes {
		if c.Name == code {
			return c.Severity
		}
	}
	return diag.Error
}

// newDiag makes a diagnostic of one of lint's codes with its usual severity.
func newDiag(code, msg, hint string) diag.Diagnostic {
	return diag.Diagnostic{Code: code, Severity: severityOf(code), Message: msg, Hint: hint}
}
