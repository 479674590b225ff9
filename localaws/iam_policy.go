package localaws

import (
	"encoding/json"
	"fmt"
	"strings"
)

// The IAM policy grammar the endpoint judges trust and permission policies
// with, read from AWS's IAM JSON policy reference ("IAM JSON policy elements":
// Version, Statement, Effect, Principal/NotPrincipal, Action/NotAction,
// Resource/NotResource, Condition) and its evaluation logic (an explicit Deny
// wins, then an Allow, else the implicit deny).
//
// This reading is the endpoint's own on purpose: the endpoint referees what
// cwpat's deployer and auditor conclude about a role, so it must not share
// their code for the same judgement (internal/awspolicy, alarms).

// policyDoc is a parsed policy document.
type policyDoc struct {
	Version   string
	Statement []policyStatement
}

// policyStatement is one statement. The list-or-string members are
// normalised to lists; a nil list means the member is absent.
type policyStatement struct {
	Sid          string
	Effect       string
	Principal    map[string][]string // "*" is stored as {"*": ["*"]}
	NotPrincipal map[string][]string
	Action       []string
	NotAction    []string
	Resource     []string
	NotResource  []string
	Condition    map[string]map[string][]string
}

// policyKind says which rules a document must follow: a trust policy names a
// principal and no resource; a permission (identity) policy the opposite.
type policyKind int

const (
	identityPolicy policyKind = iota
	trustPolicy
	// resourcePolicy is a policy attached to a resource (an SNS topic's
	// access policy, a KMS key policy): it names a principal, and its
	// Resource may be left out (it is then the resource itself).
	resourcePolicy
)

// malformedPolicy is IAM's MalformedPolicyDocument error.
func malformedPolicy(msg string) *awsError {
	return &awsError{Code: "MalformedPolicyDocument", Message: msg, Status: 400}
}

// parsePolicy reads a policy document and checks it as IAM does when it is
// stored, with IAM's messages.
func parsePolicy(doc string, kind policyKind) (*policyDoc, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		return nil, malformedPolicy("This policy contains invalid Json")
	}
	p := &policyDoc{}
	if v, ok := raw["Version"]; ok {
		if err := json.Unmarshal(v, &p.Version); err != nil || (p.Version != "2012-10-17" && p.Version != "2008-10-17") {
			return nil, malformedPolicy("The policy must contain a valid version string")
		}
	}
	st, ok := raw["Statement"]
	if !ok {
		return nil, malformedPolicy("Syntax errors in policy.")
	}
	var stmts []map[string]json.RawMessage
	if err := json.Unmarshal(st, &stmts); err != nil {
		var one map[string]json.RawMessage
		if err := json.Unmarshal(st, &one); err != nil {
			return nil, malformedPolicy("Syntax errors in policy.")
		}
		stmts = []map[string]json.RawMessage{one}
	}
	for _, m := range stmts {
		s, err := parseStatement(m, kind)
		if err != nil {
			return nil, err
		}
		p.Statement = append(p.Statement, s)
	}
	return p, nil
}

func parseStatement(m map[string]json.RawMessage, kind policyKind) (policyStatement, error) {
	var s policyStatement
	syntax := malformedPolicy("Syntax errors in policy.")
	if v, ok := m["Sid"]; ok && json.Unmarshal(v, &s.Sid) != nil {
		return s, syntax
	}
	if json.Unmarshal(m["Effect"], &s.Effect) != nil || (s.Effect != "Allow" && s.Effect != "Deny") {
		return s, syntax
	}
	var err error
	if s.Action, err = stringList(m, "Action"); err != nil {
		return s, syntax
	}
	if s.NotAction, err = stringList(m, "NotAction"); err != nil {
		return s, syntax
	}
	if s.Resource, err = stringList(m, "Resource"); err != nil {
		return s, syntax
	}
	if s.NotResource, err = stringList(m, "NotResource"); err != nil {
		return s, syntax
	}
	if s.Principal, err = principalMap(m, "Principal"); err != nil {
		return s, syntax
	}
	if s.NotPrincipal, err = principalMap(m, "NotPrincipal"); err != nil {
		return s, syntax
	}
	if c, ok := m["Condition"]; ok {
		if s.Condition, err = conditionMap(c); err != nil {
			return s, syntax
		}
	}
	if s.Action == nil && s.NotAction == nil {
		return s, malformedPolicy("Policy statement must contain actions.")
	}
	hasPrincipal := s.Principal != nil || s.NotPrincipal != nil
	hasResource := s.Resource != nil || s.NotResource != nil
	switch kind {
	case resourcePolicy:
		if !hasPrincipal {
			return s, malformedPolicy("Missing required field Principal")
		}
	case trustPolicy:
		if hasResource {
			return s, malformedPolicy("Has prohibited field Resource")
		}
		if !hasPrincipal {
			return s, malformedPolicy("Missing required field Principal")
		}
	default:
		if hasPrincipal {
			return s, malformedPolicy("Policy document should not specify a principal.")
		}
		if !hasResource {
			return s, malformedPolicy("Policy statement must contain resources.")
		}
	}
	return s, nil
}

// stringList reads a member that is a string or a list of strings; nil when
// the member is absent.
func stringList(m map[string]json.RawMessage, key string) ([]string, error) {
	v, ok := m[key]
	if !ok {
		return nil, nil
	}
	var one string
	if json.Unmarshal(v, &one) == nil {
		return []string{one}, nil
	}
	var many []string
	if err := json.Unmarshal(v, &many); err != nil {
		return nil, err
	}
	if many == nil {
		many = []string{}
	}
	return many, nil
}

// principalMap reads "Principal": "*" or {"AWS": ..., "Service": ...}.
func principalMap(m map[string]json.RawMessage, key string) (map[string][]string, error) {
	v, ok := m[key]
	if !ok {
		return nil, nil
	}
	var star string
	if json.Unmarshal(v, &star) == nil {
		if star != "*" {
			return nil, fmt.Errorf("principal %q is neither * nor a map", star)
		}
		return map[string][]string{"*": {"*"}}, nil
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(v, &raw); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for k := range raw {
		vals, err := stringList(raw, k)
		if err != nil {
			return nil, err
		}
		out[k] = vals
	}
	return out, nil
}

// conditionMap reads {"Operator": {"key": value-or-list}}; values may be
// strings, numbers or booleans, all compared as strings.
func conditionMap(v json.RawMessage) (map[string]map[string][]string, error) {
	var raw map[string]map[string]any
	if err := json.Unmarshal(v, &raw); err != nil {
		return nil, err
	}
	out := map[string]map[string][]string{}
	for op, keys := range raw {
		out[op] = map[string][]string{}
		for k, val := range keys {
			switch x := val.(type) {
			case []any:
				for _, e := range x {
					out[op][k] = append(out[op][k], fmt.Sprint(e))
				}
			default:
				out[op][k] = []string{fmt.Sprint(x)}
			}
		}
	}
	return out, nil
}

// policyRequest is what is asked of a policy: may this principal do this
// action on this resource, given these condition keys.
type policyRequest struct {
	// Principals are the names the caller matches in a Principal element,
	// by type: {"Service": ["cloudtrail.amazonaws.com"]} or {"AWS":
	// [account id, account root ARN, user or role ARN]}.
	Principals map[string][]string
	Action     string
	// Resource is the ARN acted on ("" for a trust policy).
	Resource string
	// Context holds the condition keys the endpoint knows for the request
	// (aws:SourceArn, aws:SourceAccount), lower-cased.
	Context map[string]string
}

// policyDecision is the outcome of evaluating one or more policies.
type policyDecision struct {
	Allowed bool
	// Reason says why not, in words for a delivery error or a log.
	Reason string
}

// evaluate applies IAM's logic over the statements of docs: any matching
// Deny denies; otherwise any matching Allow allows; otherwise the implicit
// deny. A statement whose condition the endpoint cannot evaluate counts as
// not matching when it allows and as matching when it denies, and the reason
// says so: the referee never grants on a guess.
func evaluate(docs []*policyDoc, req policyRequest) policyDecision {
	allowed := false
	var unsure string
	for _, d := range docs {
		if d == nil {
			continue
		}
		for _, s := range d.Statement {
			if !s.matches(req) {
				continue
			}
			ok, why := s.conditionHolds(req.Context)
			if why != "" {
				unsure = why
			}
			if s.Effect == "Deny" && (ok || why != "") {
				return policyDecision{Reason: "an explicit Deny in the policy covers " + req.Action + condNote(why)}
			}
			if s.Effect == "Allow" && ok {
				allowed = true
			}
		}
	}
	if allowed {
		return policyDecision{Allowed: true}
	}
	return policyDecision{Reason: "no statement allows " + req.Action + condNote(unsure)}
}

func condNote(why string) string {
	if why == "" {
		return ""
	}
	return " (" + why + ")"
}

// matches reports whether the statement covers the request, conditions
// aside.
func (s policyStatement) matches(req policyRequest) bool {
	if s.Action != nil && !anyMatch(s.Action, req.Action, true) {
		return false
	}
	if s.NotAction != nil && anyMatch(s.NotAction, req.Action, true) {
		return false
	}
	if req.Resource != "" {
		if s.Resource != nil && !anyMatch(s.Resource, req.Resource, false) {
			return false
		}
		if s.NotResource != nil && anyMatch(s.NotResource, req.Resource, false) {
			return false
		}
	}
	if s.Principal != nil && !principalMatches(s.Principal, req.Principals) {
		return false
	}
	if s.NotPrincipal != nil && principalMatches(s.NotPrincipal, req.Principals) {
		return false
	}
	return true
}

// principalMatches reports whether any of the caller's names appears in a
// Principal element. "*" (alone or as "AWS": "*") matches everyone.
func principalMatches(p map[string][]string, caller map[string][]string) bool {
	if _, ok := p["*"]; ok {
		return true
	}
	for typ, vals := range p {
		for _, v := range vals {
			if typ == "AWS" && v == "*" {
				return true
			}
			for _, c := range caller[typ] {
				if v == c {
					return true
				}
			}
		}
	}
	return false
}

// conditionHolds evaluates a Condition block over the known context keys.
// It returns why when it cannot evaluate it (an operator or key it does not
// know); ok is then false.
func (s policyStatement) conditionHolds(ctx map[string]string) (ok bool, why string) {
	for op, keys := range s.Condition {
		base, ifExists := strings.CutSuffix(op, "IfExists")
		for key, want := range keys {
			got, known := ctx[strings.ToLower(key)]
			if !known {
				if ifExists {
					continue
				}
				return false, fmt.Sprintf("condition key %s is not known to cwpat's local endpoint", key)
			}
			match, supported := conditionOp(base, got, want)
			if !supported {
				return false, fmt.Sprintf("condition operator %s is not evaluated by cwpat's local endpoint", op)
			}
			if !match {
				return false, ""
			}
		}
	}
	return true, ""
}

// conditionOp applies one string or ARN condition operator: true when got
// matches any of want (negated operators: matches none).
func conditionOp(op, got string, want []string) (match, supported bool) {
	var f func(w string) bool
	negate := false
	switch op {
	case "StringEquals", "ArnEquals":
		f = func(w string) bool { return w == got }
	case "StringNotEquals", "ArnNotEquals":
		f, negate = func(w string) bool { return w == got }, true
	case "StringEqualsIgnoreCase":
		f = func(w string) bool { return strings.EqualFold(w, got) }
	case "StringLike", "ArnLike":
		f = func(w string) bool { return wildcardMatch(w, got, false) }
	case "StringNotLike", "ArnNotLike":
		f, negate = func(w string) bool { return wildcardMatch(w, got, false) }, true
	default:
		return false, false
	}
	for _, w := range want {
		if f(w) {
			return !negate, true
		}
	}
	return negate, true
}

func anyMatch(patterns []string, s string, foldCase bool) bool {
	for _, p := range patterns {
		if wildcardMatch(p, s, foldCase) {
			return true
		}
	}
	return false
}

// wildcardMatch matches s against a policy pattern where * is any run of
// characters and ? any one character. Actions compare without case, ARNs
// with it, as IAM does.
func wildcardMatch(pattern, s string, foldCase bool) bool {
	if foldCase {
		pattern, s = strings.ToLower(pattern), strings.ToLower(s)
	}
	// Iterative glob with backtracking to the last star: linear in
	// practice, no recursion.
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			// Before the literal case: a "*" in s is no reason to
			// take the pattern's "*" literally.
			star, mark = p, i
			p++
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p++
			i++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
