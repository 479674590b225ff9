package localaws

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"
)

// IAM roles over the AWS query protocol (Version=2010-05-08), as the SDK and
// the AWS CLI send them: CreateRole, GetRole, ListRoles, DeleteRole,
// UpdateAssumeRolePolicy. Inline policies and tags are in iam_inline.go.

const (
	// maxTrustPolicy is IAM's default quota for a role trust policy
	// ("Role trust policy length", 2,048 characters).
	maxTrustPolicy = 2048
	// maxInlinePolicies is IAM's quota for the inline policies of a role,
	// all documents together ("Role policy size", 10,240 characters).
	maxInlinePolicies = 10240
)

var (
	reIAMName = regexp.MustCompile(`^[\w+=,.@-]+$`)
	reIAMPath = regexp.MustCompile(`^(/|/[\x21-\x7E]+/)$`)
)

const shownIAMName = `[\w+=,.@-]+`

func iamNoSuchRole(name string) *awsError {
	return &awsError{Code: "NoSuchEntity", Status: http.StatusNotFound,
		Message: "The role with name " + name + " cannot be found."}
}

// iamRoleOut is IAM's Role structure.
type iamRoleOut struct {
	Path                     string    `json:"Path"`
	RoleName                 string    `json:"RoleName"`
	RoleID                   string    `json:"RoleId"`
	Arn                      string    `json:"Arn"`
	CreateDate               time.Time `json:"CreateDate"`
	AssumeRolePolicyDocument string    `json:"AssumeRolePolicyDocument,omitempty"`
	Description              string    `json:"Description,omitempty"`
	MaxSessionDuration       int       `json:"MaxSessionDuration,omitempty"`
	Tags                     []iamTag  `json:"Tags,omitempty"`
}

// out renders a role as IAM returns it: the trust policy URL-encoded (RFC
// 3986), which the AWS CLI decodes and the Go SDK leaves to the caller.
func (r *iamRole) out(withTags bool) iamRoleOut {
	o := iamRoleOut{Path: r.path, RoleName: r.name, RoleID: r.id, Arn: r.arn, CreateDate: r.created,
		AssumeRolePolicyDocument: policyEscape(r.trust), Description: r.description, MaxSessionDuration: r.maxSession}
	if withTags {
		o.Tags = append([]iamTag(nil), r.tags...)
	}
	return o
}

// policyEscape percent-encodes every byte but the RFC 3986 unreserved ones,
// as IAM returns policy documents; url.QueryUnescape, url.PathUnescape and
// Python's unquote all read it back unchanged.
func policyEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

type iamCreateRoleIn struct {
	RoleName                 *string  `json:"RoleName"`
	AssumeRolePolicyDocument *string  `json:"AssumeRolePolicyDocument"`
	Path                     *string  `json:"Path"`
	Description              string   `json:"Description"`
	MaxSessionDuration       *int64   `json:"MaxSessionDuration"`
	Tags                     []iamTag `json:"Tags"`
}

type iamRoleResult struct {
	Role iamRoleOut `json:"Role"`
}

func iamCreateRole(c *call, in *iamCreateRoleIn) (any, error) {
	var v violations
	v.roleName(in.RoleName, "roleName")
	if v.required(in.AssumeRolePolicyDocument, "assumeRolePolicyDocument") {
		v.length(*in.AssumeRolePolicyDocument, "assumeRolePolicyDocument", 1, 131072)
	}
	path := "/"
	if in.Path != nil {
		path = *in.Path
		if v.length(path, "path", 1, 512) {
			v.match(path, "path", reIAMPath, `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`)
		}
	}
	v.length(in.Description, "description", 0, 1000)
	maxSession := 3600
	if in.MaxSessionDuration != nil {
		v.rangeInt(*in.MaxSessionDuration, "maxSessionDuration", 3600, 43200)
		maxSession = int(*in.MaxSessionDuration)
	}
	v.tags(in.Tags)
	if err := v.err("ValidationError", ""); err != nil {
		return nil, err
	}
	trustDoc, err := checkTrustPolicy(*in.AssumeRolePolicyDocument)
	if err != nil {
		return nil, err
	}
	acct := c.srv.iamAccount(c.account)
	key := strings.ToLower(*in.RoleName)
	if acct.roles[key] != nil {
		return nil, &awsError{Code: "EntityAlreadyExists", Status: http.StatusConflict,
			Message: "Role with name " + *in.RoleName + " already exists."}
	}
	r := &iamRole{
		name: *in.RoleName, id: uniqueID("AROA", 17), path: path,
		arn:         "arn:aws:iam::" + c.account + ":role" + path + *in.RoleName,
		description: in.Description, maxSession: maxSession, created: c.now.Truncate(time.Second),
		trust: *in.AssumeRolePolicyDocument, trustDoc: trustDoc,
		policies: map[string]string{}, docs: map[string]*policyDoc{},
		tags: append([]iamTag(nil), in.Tags...),
	}
	acct.roles[key] = r
	return &iamRoleResult{Role: r.out(true)}, nil
}

// checkTrustPolicy refuses a trust policy IAM would refuse, and parses it.
func checkTrustPolicy(doc string) (*policyDoc, error) {
	if len(doc) > maxTrustPolicy {
		return nil, &awsError{Code: "LimitExceeded", Status: http.StatusConflict,
			Message: "Cannot exceed quota for ACLSizePerRole: 2048"}
	}
	return parsePolicy(doc, trustPolicy)
}

// roleName checks a RoleName member.
func (v *violations) roleName(name *string, field string) bool {
	return v.required(name, field) && v.length(*name, field, 1, 64) && v.match(*name, field, reIAMName, shownIAMName)
}

// tags checks IAM tags: at most 50, keys of 1-128 and values of 0-256
// characters.
func (v *violations) tags(tags []iamTag) {
	if len(tags) > 50 {
		v.add(len(tags), "tags", "Member must have length less than or equal to 50")
	}
	for i, t := range tags {
		at := "tags." + itoa(i+1) + ".member"
		v.length(t.Key, at+".key", 1, 128)
		v.length(t.Value, at+".value", 0, 256)
	}
}

// role finds a role of the caller's account by name.
func (c *call) role(name *string) (*iamRole, error) {
	var v violations
	v.roleName(name, "roleName")
	if err := v.err("ValidationError", ""); err != nil {
		return nil, err
	}
	r := c.srv.iamAccount(c.account).roles[strings.ToLower(*name)]
	if r == nil {
		return nil, iamNoSuchRole(*name)
	}
	return r, nil
}

type iamRoleNameIn struct {
	RoleName *string `json:"RoleName"`
}

func iamGetRole(c *call, in *iamRoleNameIn) (any, error) {
	r, err := c.role(in.RoleName)
	if err != nil {
		return nil, err
	}
	return &iamRoleResult{Role: r.out(true)}, nil
}

type iamListRolesIn struct {
	PathPrefix string `json:"PathPrefix"`
	Marker     string `json:"Marker"`
	MaxItems   *int64 `json:"MaxItems"`
}

type iamListRolesOut struct {
	Roles       []iamRoleOut `json:"Roles"`
	IsTruncated bool         `json:"IsTruncated"`
	Marker      string       `json:"Marker,omitempty"`
}

// iamListRoles lists roles by name. As in IAM, ListRoles leaves out tags.
func iamListRoles(c *call, in *iamListRolesIn) (any, error) {
	limit := int64(100)
	var v violations
	if in.MaxItems != nil {
		limit = *in.MaxItems
		v.rangeInt(limit, "maxItems", 1, 1000)
	}
	if err := v.err("ValidationError", ""); err != nil {
		return nil, err
	}
	var roles []*iamRole
	for _, r := range c.srv.iamAccount(c.account).roles {
		if strings.HasPrefix(r.path, in.PathPrefix) {
			roles = append(roles, r)
		}
	}
	sort.Slice(roles, func(i, j int) bool { return strings.ToLower(roles[i].name) < strings.ToLower(roles[j].name) })
	page, next, err := paginate(roles, in.Marker, int(limit), &awsError{Code: "ValidationError", Status: 400, Message: "Invalid Marker."})
	if err != nil {
		return nil, err
	}
	out := &iamListRolesOut{Roles: []iamRoleOut{}, IsTruncated: next != "", Marker: next}
	for _, r := range page {
		out.Roles = append(out.Roles, r.out(false))
	}
	return out, nil
}

func iamDeleteRole(c *call, in *iamRoleNameIn) (any, error) {
	r, err := c.role(in.RoleName)
	if err != nil {
		return nil, err
	}
	if len(r.policies) > 0 {
		return nil, &awsError{Code: "DeleteConflict", Status: http.StatusConflict,
			Message: "Cannot delete entity, must delete policies first."}
	}
	delete(c.srv.iamAccount(c.account).roles, strings.ToLower(r.name))
	return nil, nil
}

type iamUpdateTrustIn struct {
	RoleName       *string `json:"RoleName"`
	PolicyDocument *string `json:"PolicyDocument"`
}

func iamUpdateAssumeRolePolicy(c *call, in *iamUpdateTrustIn) (any, error) {
	var v violations
	v.roleName(in.RoleName, "roleName")
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
	trustDoc, err := checkTrustPolicy(*in.PolicyDocument)
	if err != nil {
		return nil, err
	}
	r.trust, r.trustDoc = *in.PolicyDocument, trustDoc
	return nil, nil
}

// iamHandlers is the IAM operation table.
func iamHandlers() map[string]handler {
	return map[string]handler{
		"CreateRole":             op(iamCreateRole),
		"GetRole":                op(iamGetRole),
		"ListRoles":              op(iamListRoles),
		"DeleteRole":             op(iamDeleteRole),
		"UpdateAssumeRolePolicy": op(iamUpdateAssumeRolePolicy),
		"PutRolePolicy":          op(iamPutRolePolicy),
		"GetRolePolicy":          op(iamGetRolePolicy),
		"ListRolePolicies":       op(iamListRolePolicies),
		"DeleteRolePolicy":       op(iamDeleteRolePolicy),
		"TagRole":                op(iamTagRole),
		"UntagRole":              op(iamUntagRole),
		"ListRoleTags":           op(iamListRoleTags),
	}
}
