package audit

// Audit codes. Each has the Security Hub status reason code it corresponds
// to, so findings can be matched with Security Hub's.
const (
	CodeTrail          = "trail-not-compliant"
	CodeNoTrail        = "no-cloudwatch-trail"
	CodeFilterMissing  = "metric-filter-missing"
	CodeFilterInvalid  = "metric-filter-not-valid"
	CodeAlarmMissing   = "alarm-missing"
	CodeAlarmSilent    = "alarm-never-fires"
	CodeAlarmNoActions = "alarm-actions-missing"
	CodeTopicInvalid   = "sns-topic-invalid"
	CodeNoSubscription = "sns-subscription-missing"
	CodeCovered        = "control-covered"
	CodeTextDiffers    = "securityhub-text-differs"
	CodeCrossAccount   = "sns-topic-cross-account"
	CodeAWSDisagrees   = "aws-disagrees"
)

// CodeDescriptions says in one line what each audit code means (SARIF's
// rule table, documentation).
var CodeDescriptions = map[string]string{
	CodeTrail:          "The CloudTrail trail feeding the log group is not multi-Region, not logging, or misses management events",
	CodeNoTrail:        "No CloudTrail trail delivers to CloudWatch Logs in the region",
	CodeFilterMissing:  "No metric filter on the trail's log group matches the control's events",
	CodeFilterInvalid:  "A metric filter meant for the control misses its events or matches unrelated ones",
	CodeAlarmMissing:   "No alarm watches the metric the control's filter publishes",
	CodeAlarmSilent:    "The alarm on the control's metric does not go to ALARM on one matching event",
	CodeAlarmNoActions: "The alarm notifies no SNS topic, or its actions are disabled",
	CodeTopicInvalid:   "The alarm's SNS topic cannot deliver (missing, unreadable, AWS-managed KMS key, or policy denying CloudWatch)",
	CodeNoSubscription: "The alarm's SNS topic has no confirmed subscription",
	CodeCovered:        "The control is covered: filter, alarm and a topic that reaches someone",
	CodeTextDiffers:    "The filter works but is not the published text Security Hub compares against",
	CodeCrossAccount:   "The alarm's SNS topic is in another account and its subscriptions cannot be read",
	CodeAWSDisagrees:   "CloudWatch Logs' own TestMetricFilter answers differently from cwpat's matcher for the filter",
}

// SecurityHubReason maps an audit code to Security Hub's status reason code.
var SecurityHubReason = map[string]string{
	CodeTrail:          "CLOUDTRAIL_MULTI_REGION_NOT_PRESENT",
	CodeNoTrail:        "CLOUDTRAIL_MULTI_REGION_NOT_PRESENT",
	CodeFilterMissing:  "CLOUDTRAIL_METRIC_FILTERS_NOT_PRESENT",
	CodeFilterInvalid:  "CLOUDTRAIL_METRIC_FILTER_NOT_VALID",
	CodeAlarmMissing:   "CLOUDWATCH_ALARMS_NOT_PRESENT",
	CodeAlarmSilent:    "CLOUDWATCH_ALARMS_NOT_PRESENT",
	CodeAlarmNoActions: "CLOUDWATCH_ALARM_ACTIONS_NOT_VALID",
	CodeTopicInvalid:   "SNS_TOPIC_INVALID",
	CodeNoSubscription: "SNS_SUBSCRIPTION_NOT_PRESENT",
	CodeCrossAccount:   "SNS_TOPIC_CROSS_ACCOUNT",
	CodeAWSDisagrees:   "CLOUDTRAIL_METRIC_FILTER_NOT_VALID",
}
