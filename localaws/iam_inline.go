package localaws

import (
	"net/http"
	"sort"
)

// IAM inline role policies and role tags: PutRolePolicy, GetRolePolicy,
// ListRolePolicies, DeleteRolePolicy, TagRole, UntagRole, ListRoleTags.

type iamRolePolicyIn struct {
	RoleName       *string `json:"RoleName"`
	PolicyName     *string `json:"PolicyName"`
	PolicyDocument *string `json:"PolicyDocument"`
}

// policyName checks a PolicyName member.
func (v *violations) policyName(name *string) bool {
	return v.required(name, "policyName") && v.length(*name, "policyName", 1, 128) && v.match(*name, "policyName", reIAMName, shownIAMName)
}

func iamNoSuchPolicy(name string) *awsError {
	return &awsError{Code: "NoSuchEntity", Status: http.StatusNotFound,
		Message: "The role policy with name " + name + " cannot be found."}
}

func iamPutRolePolicy(c *call, in *iamRolePolicyIn) (any, error) {
	var v violations
	v.roleName(in.RoleName, "roleName")
	v.policyName(in.PolicyName)
	if v.required(in.PolicyDocument, "policyDocument") {
		v.length(*in.PolicyDocument, "policyDocument", 1, 131072)
	}
	if err := v.err("ValidationError", ""); err != nil {
		return nil, err
	}
	r, err := c.role(in.RoleName)
	if err != nil {
		return nil, err
	}
	doc, err := parsePolicy(*in.PolicyDocument, identityPolicy)
	if err != nil {
		return nil, err
	}
	total := len(*in.PolicyDocument)
	for name, doc := range r.policies {
		if name != *in.PolicyName {
			total += len(doc)
		}
	}
	if total > maxInlinePolicies {
		return nil, &awsError{Code: "LimitExceeded", Status: http.StatusConflict,
			Message: "Maximum policy size of 10240 bytes exceeded for role " + r.name}
	}
	r.policies[*in.PolicyName], r.docs[*in.PolicyName] = *in.PolicyDocument, doc
	return nil, nil
}

type iamRolePolicyNameIn struct {
	RoleName   *string `json:"RoleName"`
	PolicyName *string `json:"PolicyName"`
}

type iamGetRolePolicyOut struct {
	RoleName       string `json:"RoleName"`
	PolicyName     string `json:"PolicyName"`
	PolicyDocument string `json:"PolicyDocument"`
}

// rolePolicy finds a role and one of its inline policies.
func (c *call) rolePolicy(in *iamRolePolicyNameIn) (*iamRole, string, error) {
	var v violations
	v.roleName(in.RoleName, "roleName")
	v.policyName(in.PolicyName)
	if err := v.err("ValidationError", ""); err != nil {
		return nil, "", err
	}
	r, err := c.role(in.RoleName)
	if err != nil {
		return nil, "", err
	}
	doc, ok := r.policies[*in.PolicyName]
	if !ok {
		return nil, "", iamNoSuchPolicy(*in.PolicyName)
	}
	return r, doc, nil
}

// iamGetRolePolicy returns the document URL-encoded, as IAM does.
func iamGetRolePolicy(c *call, in *iamRolePolicyNameIn) (any, error) {
	r, doc, err := c.rolePolicy(in)
	if err != nil {
		return nil, err
	}
	return &iamGetRolePolicyOut{RoleName: r.name, PolicyName: *in.PolicyName, PolicyDocument: policyEscape(doc)}, nil
}

func iamDeleteRolePolicy(c *call, in *iamRolePolicyNameIn) (any, error) {
	r, _, err := c.rolePolicy(in)
	if err != nil {
		return nil, err
	}
	delete(r.policies, *in.PolicyName)
	delete(r.docs, *in.PolicyName)
	return nil, nil
}

type iamListRolePoliciesIn struct {
	RoleName *string `json:"RoleName"`
	Marker   string  `json:"Marker"`
	MaxItems *int64  `json:"MaxItems"`
}

type iamListRolePoliciesOut struct {
	PolicyNames []string `json:"PolicyNames"`
	IsTruncated bool     `json:"IsTruncated"`
	Marker      string   `json:"Marker,omitempty"`
}

func iamListRolePolicies(c *call, in *iamListRolePoliciesIn) (any, error) {
	r, err := c.role(in.RoleName)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(r.policies))
	for n := range r.policies {
		names = append(names, n)
	}
	sort.Strings(names)
	limit := 100
	if in.MaxItems != nil {
		limit = int(*in.MaxItems)
	}
	page, next, err := paginate(names, in.Marker, limit, &awsError{Code: "ValidationError", Status: 400, Message: "Invalid Marker."})
	if err != nil {
		return nil, err
	}
	return &iamListRolePoliciesOut{PolicyNames: append([]string{}, page...), IsTruncated: next != "", Marker: next}, nil
}

type iamTagRoleIn struct {
	RoleName *string  `json:"RoleName"`
	Tags     []iamTag `json:"Tags"`
}

// iamTagRole adds or overwrites tags, keeping a role at IAM's 50 tags.
func iamTagRole(c *call, in *iamTagRoleIn) (any, error) {
	var v violations
	v.roleName(in.RoleName, "roleName")
	if in.Tags == nil {
		v.add(nil, "tags", "Member must not be null")
	}
	v.tags(in.Tags)
	if err := v.err("ValidationError", ""); err != nil {
		return nil, err
	}
	r, err := c.role(in.RoleName)
	if err != nil {
		return nil, err
	}
	tags := append([]iamTag(nil), r.tags...)
	for _, t := range in.Tags {
		replaced := false
		for i := range tags {
			if tags[i].Key == t.Key {
				tags[i].Value, replaced = t.Value, true
			}
		}
		if !replaced {
			tags = append(tags, t)
		}
	}
	if len(tags) > 50 {
		return nil, &awsError{Code: "LimitExceeded", Status: http.StatusConflict,
			Message: "The number of tags has reached the maximum limit."}
	}
	r.tags = tags
	return nil, nil
}

type iamUntagRoleIn struct {
	RoleName *string  `json:"RoleName"`
	TagKeys  []string `json:"TagKeys"`
}

func iamUntagRole(c *call, in *iamUntagRoleIn) (any, error) {
	r, err := c.role(in.RoleName)
	if err != nil {
		return nil, err
	}
	drop := map[string]bool{}
	for _, k := range in.TagKeys {
		drop[k] = true
	}
	kept := r.tags[:0:0]
	for _, t := range r.tags {
		if !drop[t.Key] {
			kept = append(kept, t)
		}
	}
	r.tags = kept
	return nil, nil
}

type iamListRoleTagsOut struct {
	Tags        []iamTag `json:"Tags"`
	IsTruncated bool     `json:"IsTruncated"`
}

func iamListRoleTags(c *call, in *iamRoleNameIn) (any, error) {
	r, err := c.role(in.RoleName)
	if err != nil {
		return nil, err
	}
	return &iamListRoleTagsOut{Tags: append([]iamTag{}, r.tags...)}, nil
}
