package awslimits

// CloudWatch Logs limits on filter patterns and metric filters (API
// reference of PutMetricFilter, TestMetricFilter, FilterLogEvents; the
// filter pattern syntax page; the CloudWatch Logs quotas page).
const (
	// FilterPatternMaxLength is the longest filterPattern, in UTF-16 code
	// units.
	FilterPatternMaxLength = 1024
	// FilterNameMaxLength is the longest metric or subscription filter
	// name.
	FilterNameMaxLength = 512
	// LogGroupNameMaxLength is the longest log group name.
	LogGroupNameMaxLength = 512
	// LogStreamNameMaxLength is the longest log stream name.
	LogStreamNameMaxLength = 512
	// MetricNameMaxLength is the longest metricName of a metric
	// transformation.
	MetricNameMaxLength = 255
	// MetricNamespaceMaxLength is the longest metricNamespace.
	MetricNamespaceMaxLength = 255
	// MetricValueMaxLength is the longest metricValue.
	MetricValueMaxLength = 100
	// DimensionKeyMaxLength and DimensionValueMaxLength bound a metric
	// filter dimension's key and value.
	DimensionKeyMaxLength   = 255
	DimensionValueMaxLength = 255
	// MetricFilterDimensionsMax is the number of dimensions a metric
	// transformation may have.
	MetricFilterDimensionsMax = 3
	// MetricFiltersPerLogGroup is the number of metric filters one log
	// group may have (CloudWatch Logs quotas page, PutMetricFilter
	// reference); it cannot be raised.
	MetricFiltersPerLogGroup = 100
	// RegexesPerPattern is the number of %regex% one filter pattern may hold.
	RegexesPerPattern = 2
	// RegexFiltersPerLogGroup is the number of metric and subscription
	// filters with a regex one log group may have.
	RegexFiltersPerLogGroup = 5
	// SubscriptionFiltersPerLogGroup is the number of subscription filters
	// one log group may have.
	SubscriptionFiltersPerLogGroup = 2
	// WildcardSelectorsPerPattern is the number of selectors with a
	// wildcard (.* or [*]) one JSON pattern may hold.
	WildcardSelectorsPerPattern = 3
	// WildcardsPerSelector is the number of wildcards one selector may hold.
	WildcardsPerSelector = 1
	// TestMessagesMin and TestMessagesMax bound TestMetricFilter's
	// logEventMessages.
	TestMessagesMin = 1
	TestMessagesMax = 50
)
