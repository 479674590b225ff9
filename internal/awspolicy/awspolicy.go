// Package awspolicy reads AWS resource policies (SNS topic policies, KMS key
// policies) to answer the question cwpat's deploy and audit ask of a real
// account: may the CloudWatch service principal publish to this topic, or
// use this key? The local endpoint judges the same policies with its own IAM
// policy evaluation (localaws/iam_policy.go) on purpose: it referees this
// package's conclusions, so it must not share its code.
//
// Conditions are not evaluated: a statement with conditions is taken to
// hold. That is right for the policies cwpat meets (the default topic policy
// limits "AWS": "*" to the owner account, which CloudWatch alarms of that
// account satisfy) and errs toward "allowed" elsewhere.
package awspolicy

import (
	"encoding/json"
	"strings"
)

// CloudWatch is the service principal CloudWatch alarms act as.
const CloudWatch = "cloudwatch.amazonaws.com"

// Statement is the part of a policy statement this package reads.
type Statement struct {
	Effect    string          `json:"Effect"`
	Principal json.RawMessage `json:"Principal"`
	Action    json.RawMessage `json:"Action"`
}

// Statements parses a policy document; Statement may be one object or a list.
func Statements(policy string) ([]Statement, bool) {
	var doc struct {
		Statement json.RawMessage `json:"Statement"`
	}
	if json.Unmarshal([]byte(policy), &doc) != nil {
		return nil, false
	}
	var many []Statement
	if json.Unmarshal(doc.Statement, &many) == nil {
		return many, true
	}
	var one Statement
	if json.Unmarshal(doc.Statement, &one) == nil {
		return []Statement{one}, true
	}
	return nil, false
}

// Principals says which principals count as naming the service.
type Principals int

const (
	// ServiceOnly counts only statements that name the service principal.
	ServiceOnly Principals = iota
	// ServiceOrAnyone also counts "*" and {"AWS": "*"}, as SNS does for
	// CloudWatch alarms of the topic owner's account.
	ServiceOrAnyone
)

// Allows reports whether policy lets service perform every one of actions:
// for each action some Allow statement names it (IAM wildcards, any case)
// and a principal that counts, and no Deny statement does. An unreadable
// policy allows nothing.
func Allows(policy, service string, who Principals, actions ...string) bool {
	stmts, ok := Statements(policy)
	if !ok {
		return false
	}
	for _, action := range actions {
		allowed := false
		for _, s := range stmts {
			if !s.coversAction(action) || !s.namesService(service, who) {
				continue
			}
			switch s.Effect {
			case "Deny":
				return false
			case "Allow":
				allowed = true
			}
		}
		if !allowed {
			return false
		}
	}
	return true
}

func (s Statement) coversAction(action string) bool {
	for _, a := range stringsOf(s.Action) {
		if wildcardMatch(strings.ToLower(a), strings.ToLower(action)) {
			return true
		}
	}
	return false
}

func (s Statement) namesService(service string, who Principals) bool {
	if p := stringsOf(s.Principal); len(p) == 1 {
		return who == ServiceOrAnyone && p[0] == "*"
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(s.Principal, &m) != nil {
		return false
	}
	if who == ServiceOrAnyone {
		for _, p := range stringsOf(m["AWS"]) {
			if p == "*" {
				return true
			}
		}
	}
	for _, p := range stringsOf(m["Service"]) {
		if p == service {
			return true
		}
	}
	return false
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

// wildcardMatch matches IAM action patterns: '*' any run, '?' one character.
func wildcardMatch(pattern, s string) bool {
	for len(pattern) > 0 {
		switch pattern[0] {
		case '*':
			for i := len(s); i >= 0; i-- {
				if wildcardMatch(pattern[1:], s[i:]) {
					return true
				}
			}
			return false
		case '?':
			if s == "" {
				return false
			}
		default:
			if s == "" || s[0] != pattern[0] {
				return false
			}
		}
		pattern, s = pattern[1:], s[1:]
	}
	return s == ""
}
