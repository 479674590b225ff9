package localaws

import (
	"encoding/json"
	"strings"
)

// Whether a topic's access policy lets CloudWatch publish an alarm
// notification. CloudWatch publishes as the service principal
// cloudwatch.amazonaws.com with the alarm's account as aws:SourceOwner, so
// the default topic policy ("AWS": "*" limited to the owner account) admits
// it, and so does a statement naming the service; a policy that only names
// IAM principals shuts it out. Conditions are not evaluated: a statement
// with conditions is taken to hold.

type policyDoc struct {
	Statement json.RawMessage `json:"Statement"`
}

type policyStatement struct {
	Effect    string          `json:"Effect"`
	Principal json.RawMessage `json:"Principal"`
	Action    json.RawMessage `json:"Action"`
}

// stringsOf reads a policy field that is a string or a list of strings.
func stringsOf(raw json.RawMessage) []string {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}
	}
	var many []string
	if json.Unmarshal(raw, &many) == nil {
		return many
	}
	return nil
}

// statementsOf reads Statement, a single statement or a list.
func statementsOf(raw json.RawMessage) []policyStatement {
	var many []policyStatement
	if json.Unmarshal(raw, &many) == nil {
		return many
	}
	var one policyStatement
	if json.Unmarshal(raw, &one) == nil {
		return []policyStatement{one}
	}
	return nil
}

// coversPublish reports whether a statement's actions include sns:Publish.
func (s policyStatement) coversPublish() bool {
	for _, a := range stringsOf(s.Action) {
		switch strings.ToLower(a) {
		case "sns:publish", "sns:*", "*":
			return true
		}
	}
	return false
}

// namesCloudWatch reports whether a statement's principal includes
// CloudWatch: everyone, every AWS principal, or the service itself.
func (s policyStatement) namesCloudWatch() bool {
	if p := stringsOf(s.Principal); len(p) == 1 && p[0] == "*" {
		return true
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(s.Principal, &m) != nil {
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

// policyAdmitsCloudWatch reports whether CloudWatch may publish under policy:
// an Allow statement admits it and no Deny statement shuts it out. A missing
// policy is the default one, which admits it.
func policyAdmitsCloudWatch(policy string) bool {
	if strings.TrimSpace(policy) == "" {
		return true
	}
	var doc policyDoc
	if json.Unmarshal([]byte(policy), &doc) != nil {
		return false
	}
	allowed := false
	for _, s := range statementsOf(doc.Statement) {
		if !s.coversPublish() || !s.namesCloudWatch() {
			continue
		}
		switch s.Effect {
		case "Deny":
			return false
		case "Allow":
			allowed = true
		}
	}
	return allowed
}
