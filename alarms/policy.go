package alarms

import (
	"encoding/json"
	"reflect"

	"github.com/cwpat/cwpat/internal/awspolicy"
)

// TopicPolicy is the access policy cwpat sets on a topic it owns: SNS's own
// default statement (the owning account keeps its rights) plus one that lets
// CloudWatch alarms of the same account and region publish. Without the
// second, an alarm's notification fails silently ("not authorized to perform:
// SNS:Publish" shows only in the alarm history).
func TopicPolicy(topicARN string) (string, error) {
	a, err := ParseARN(topicARN)
	if err != nil {
		return "", err
	}
	doc := map[string]any{
		"Version": "2012-10-17",
		"Id":      "cwpat-topic-policy",
		"Statement": []any{
			map[string]any{
				"Sid":       "__default_statement_ID",
				"Effect":    "Allow",
				"Principal": map[string]any{"AWS": "*"},
				"Action": []any{"SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission",
					"SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"},
				"Resource":  topicARN,
				"Condition": map[string]any{"StringEquals": map[string]any{"AWS:SourceOwner": a.Account}},
			},
			map[string]any{
				"Sid":       "AllowCloudWatchAlarmsToPublish",
				"Effect":    "Allow",
				"Principal": map[string]any{"Service": "cloudwatch.amazonaws.com"},
				"Action":    "sns:Publish",
				"Resource":  topicARN,
				"Condition": map[string]any{
					"ArnLike":      map[string]any{"aws:SourceArn": "arn:" + a.Partition + ":cloudwatch:" + a.Region + ":" + a.Account + ":alarm:*"},
					"StringEquals": map[string]any{"aws:SourceAccount": a.Account},
				},
			},
		},
	}
	b, err := json.Marshal(doc)
	return string(b), err
}

// samePolicy compares two policy documents as JSON values, so that AWS
// reformatting them does not read as a change.
func samePolicy(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return a == b
	}
	return reflect.DeepEqual(x, y)
}

// PolicyAllowsCloudWatch reports whether a topic policy lets CloudWatch
// alarms publish: an Allow of sns:Publish to cloudwatch.amazonaws.com or to
// every principal (SNS's default policy, which works for alarms of the owning
// account), and no Deny of it. The local endpoint decides delivery with the
// same reading (internal/awspolicy).
func PolicyAllowsCloudWatch(policy string) bool {
	return awspolicy.Allows(policy, awspolicy.CloudWatch, awspolicy.ServiceOrAnyone, "sns:Publish")
}
