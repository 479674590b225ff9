package alarms

import (
	"encoding/json"
	"reflect"
	"strings"
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
// account), and no Deny of it to CloudWatch.
func PolicyAllowsCloudWatch(policy string) bool {
	var doc struct {
		Statement json.RawMessage
	}
	if json.Unmarshal([]byte(policy), &doc) != nil {
		return false
	}
	var stmts []map[string]any
	if json.Unmarshal(doc.Statement, &stmts) != nil {
		var one map[string]any
		if json.Unmarshal(doc.Statement, &one) != nil {
			return false
		}
		stmts = []map[string]any{one}
	}
	allowed := false
	for _, s := range stmts {
		if !actionCovers(s["Action"], "sns:publish") || !principalCovers(s["Principal"]) {
			continue
		}
		switch s["Effect"] {
		case "Deny":
			return false
		case "Allow":
			allowed = true
		}
	}
	return allowed
}

func actionCovers(v any, action string) bool {
	for _, a := range stringsOf(v) {
		a = strings.ToLower(a)
		if a == "*" || a == "sns:*" || a == action {
			return true
		}
	}
	return false
}

func principalCovers(v any) bool {
	if s, ok := v.(string); ok {
		return s == "*"
	}
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for _, p := range stringsOf(m["AWS"]) {
		if p == "*" {
			return true
		}
	}
	for _, p := range stringsOf(m["Service"]) {
		if p == "cloudwatch.amazonaws.com" {
			return true
		}
	}
	return false
}

func stringsOf(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
