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
	// CIS 3.4, the Conformity rule and Security Hub CloudWatch.15-17.
	CodeNotIntegrated        = "trail-not-integrated"
	CodeDeliveryError        = "trail-delivery-error"
	CodeDeliveryStale        = "trail-delivery-stale"
	CodeLogGroupOtherAccount = "log-group-other-account"
	CodeLogGroupMissing      = "log-group-missing"
	CodeRetention            = "log-group-retention"
	CodeAlarmActionsDisabled = "alarm-actions-disabled"
	// Issue 14: a filter carrying a published text since replaced.
	CodeTextSuperseded = "securityhub-text-superseded"
)

// CodeDescriptions says in one line what each audit code means (SARIF's
// rule table, documentation).
var CodeDescriptions = map[string]string{
	CodeTrail:                "The CloudTrail trail feeding the log group is not multi-Region, not logging, or misses management events",
	CodeNoTrail:              "No CloudTrail trail delivers to CloudWatch Logs in the region",
	CodeFilterMissing:        "No metric filter on the trail's log group matches the control's events",
	CodeFilterInvalid:        "A metric filter meant for the control misses its events or matches unrelated ones",
	CodeAlarmMissing:         "No alarm watches the metric the control's filter publishes",
	CodeAlarmSilent:          "The alarm on the control's metric does not go to ALARM on one matching event",
	CodeAlarmNoActions:       "The alarm notifies no SNS topic (Security Hub CloudWatch.15)",
	CodeTopicInvalid:         "The alarm's SNS topic cannot deliver (missing, unreadable, AWS-managed KMS key, or policy denying CloudWatch)",
	CodeNoSubscription:       "The alarm's SNS topic has no confirmed subscription",
	CodeCovered:              "The control is covered: filter, alarm and a topic that reaches someone",
	CodeTextDiffers:          "The filter works but is not the published text Security Hub compares against",
	CodeCrossAccount:         "The alarm's SNS topic is in another account and its subscriptions cannot be read",
	CodeAWSDisagrees:         "CloudWatch Logs' own TestMetricFilter answers differently from cwpat's matcher for the filter",
	CodeNotIntegrated:        "A CloudTrail trail does not send its events to CloudWatch Logs (CIS 3.4)",
	CodeDeliveryError:        "CloudTrail reports an error delivering to the trail's log group: its role must be fixed",
	CodeDeliveryStale:        "The trail's latest delivery to CloudWatch Logs is older than --max-delivery-age (CIS 3.4: about a day)",
	CodeLogGroupOtherAccount: "An organization trail delivers to a log group in another account: audit that account",
	CodeLogGroupMissing:      "The log group the trail delivers to does not exist",
	CodeRetention:            "The log group keeps events fewer than 365 days (CIS 3.4, Security Hub CloudWatch.16)",
	CodeAlarmActionsDisabled: "The alarm's actions are disabled, so it notifies nobody (Security Hub CloudWatch.17)",
	CodeTextSuperseded:       "The filter works but carries an older published text that Security Hub no longer accepts",
}

// SecurityHubControl names the Security Hub control that checks the same
// thing as an audit code, where one does.
var SecurityHubControl = map[string]string{
	CodeNotIntegrated:        "CloudTrail.5",
	CodeDeliveryError:        "CloudTrail.5",
	CodeDeliveryStale:        "CloudTrail.5",
	CodeAlarmNoActions:       "CloudWatch.15",
	CodeRetention:            "CloudWatch.16",
	CodeAlarmActionsDisabled: "CloudWatch.17",
}

// SecurityHubReason maps an audit code to Security Hub's status reason code.
var SecurityHubReason = map[string]string{
	CodeTrail:                "CLOUDTRAIL_MULTI_REGION_NOT_PRESENT",
	CodeNoTrail:              "CLOUDTRAIL_MULTI_REGION_NOT_PRESENT",
	CodeFilterMissing:        "CLOUDTRAIL_METRIC_FILTERS_NOT_PRESENT",
	CodeFilterInvalid:        "CLOUDTRAIL_METRIC_FILTER_NOT_VALID",
	CodeAlarmMissing:         "CLOUDWATCH_ALARMS_NOT_PRESENT",
	CodeAlarmSilent:          "CLOUDWATCH_ALARMS_NOT_PRESENT",
	CodeAlarmNoActions:       "CLOUDWATCH_ALARM_ACTIONS_NOT_VALID",
	CodeTopicInvalid:         "SNS_TOPIC_INVALID",
	CodeNoSubscription:       "SNS_SUBSCRIPTION_NOT_PRESENT",
	CodeCrossAccount:         "SNS_TOPIC_CROSS_ACCOUNT",
	CodeAWSDisagrees:         "CLOUDTRAIL_METRIC_FILTER_NOT_VALID",
	CodeAlarmActionsDisabled: "CLOUDWATCH_ALARM_ACTIONS_NOT_VALID",
	CodeLogGroupMissing:      "CLOUDTRAIL_METRIC_FILTERS_NOT_PRESENT",
}
