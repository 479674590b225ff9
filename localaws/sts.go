package localaws

import (
	"hash/fnv"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// STS over the AWS query protocol (Version=2011-06-15): AssumeRole and
// GetCallerIdentity. AssumeRole issues credentials whose access key the
// endpoint maps back to the role's account on every later request, so a test
// can act in another account through a role, as `audit --role-arn` does.

// LocalUserName is the IAM user a long-term access key acts as: the
// endpoint has no IAM users, so every such key is this user of its account
// (GetCallerIdentity and CloudTrail records name it).
const LocalUserName = "cwpat-local"

// stsSession is a set of temporary credentials issued by AssumeRole.
type stsSession struct {
	accessKey, secret, token string
	account                  string // the role's account: where requests signed with the key act
	roleARN, roleName        string
	roleID, sessionName      string
	created, expires         time.Time
	// source is who assumed the role, for the record.
	source string
}

// assumedRoleARN is the session's STS ARN.
func (s *stsSession) assumedRoleARN() string {
	return "arn:aws:sts::" + s.account + ":assumed-role/" + s.roleName + "/" + s.sessionName
}

// caller is who signed a request: an access key and, for temporary
// credentials, the session it belongs to.
type caller struct {
	accessKey string
	session   *stsSession
	userAgent string
	sourceIP  string
}

// identify works out who signed a request. A key issued by AssumeRole acts
// in its role's account, overriding what identity read from the key. It
// takes s.mu briefly.
func (s *Server) identify(c *call, r *http.Request) {
	who := &caller{accessKey: accessKeyOf(r), userAgent: r.UserAgent(), sourceIP: r.RemoteAddr}
	if i := strings.LastIndex(who.sourceIP, ":"); i > 0 {
		who.sourceIP = strings.Trim(who.sourceIP[:i], "[]")
	}
	s.mu.Lock()
	if sess := s.chain.sessions[who.accessKey]; sess != nil {
		who.session = sess
		c.account = sess.account
	}
	s.mu.Unlock()
	c.who = who
}

// accessKeyOf reads the access key id from the SigV4 Authorization header.
func accessKeyOf(r *http.Request) string {
	auth := r.Header.Get("Authorization")
	i := strings.Index(auth, "Credential=")
	if i < 0 {
		return ""
	}
	cred := auth[i+len("Credential="):]
	if j := strings.IndexAny(cred, "/, "); j >= 0 {
		cred = cred[:j]
	}
	return cred
}

// principalARN is the caller's ARN as IAM writes it in an error message.
func (c *call) principalARN() string {
	if c.who != nil && c.who.session != nil {
		return c.who.session.assumedRoleARN()
	}
	return "arn:aws:iam::" + c.account + ":user/" + LocalUserName
}

// principalNames are the names a trust policy's "AWS" principal may use for
// the caller: its account id, the account's root ARN and its own ARN (for a
// session, also its role's ARN).
func (c *call) principalNames() map[string][]string {
	aws := []string{c.account, "arn:aws:iam::" + c.account + ":root", c.principalARN()}
	if c.who != nil && c.who.session != nil {
		aws = append(aws, c.who.session.roleARN)
	}
	return map[string][]string{"AWS": aws}
}

// userPrincipalID is the stable unique id of an account's local user.
func userPrincipalID(account string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	h := fnv.New64a()
	_, _ = h.Write([]byte(account))
	n := h.Sum64()
	b := make([]byte, 17)
	for i := range b {
		b[i] = alphabet[n%32]
		n = n/32 + uint64(i)*7919
	}
	return "AIDA" + string(b)
}

var reSessionName = regexp.MustCompile(`^[\w+=,.@-]*$`)

type stsAssumeRoleIn struct {
	RoleArn         *string `json:"RoleArn"`
	RoleSessionName *string `json:"RoleSessionName"`
	DurationSeconds *int64  `json:"DurationSeconds"`
	ExternalID      *string `json:"ExternalId"`
}

type stsCredentials struct {
	AccessKeyID     string    `json:"AccessKeyId"`
	SecretAccessKey string    `json:"SecretAccessKey"`
	SessionToken    string    `json:"SessionToken"`
	Expiration      time.Time `json:"Expiration"`
}

type stsAssumedRoleUser struct {
	AssumedRoleID string `json:"AssumedRoleId"`
	Arn           string `json:"Arn"`
}

type stsAssumeRoleOut struct {
	Credentials     stsCredentials     `json:"Credentials"`
	AssumedRoleUser stsAssumedRoleUser `json:"AssumedRoleUser"`
}

// stsAssumeRole issues credentials for a role whose trust policy lets the
// caller (its account, its account's root or its own ARN) call
// sts:AssumeRole. The caller's own permissions are not modelled: every
// caller may call sts:AssumeRole, as an administrator may.
func stsAssumeRole(c *call, in *stsAssumeRoleIn) (any, error) {
	var v violations
	if v.required(in.RoleArn, "roleArn") {
		v.length(*in.RoleArn, "roleArn", 20, 2048)
	}
	if v.required(in.RoleSessionName, "roleSessionName") && v.length(*in.RoleSessionName, "roleSessionName", 2, 64) {
		v.match(*in.RoleSessionName, "roleSessionName", reSessionName, `[\w+=,.@-]*`)
	}
	duration := int64(3600)
	if in.DurationSeconds != nil {
		duration = *in.DurationSeconds
		v.rangeInt(duration, "durationSeconds", 900, 43200)
	}
	if err := v.err("ValidationError", ""); err != nil {
		return nil, err
	}
	denied := &awsError{Code: "AccessDenied", Status: http.StatusForbidden,
		Message: "User: " + c.principalARN() + " is not authorized to perform: sts:AssumeRole on resource: " + *in.RoleArn}
	role := c.srv.roleByARN(*in.RoleArn)
	if role == nil {
		return nil, denied
	}
	// The condition keys a trust policy commonly tests: who asks, and the
	// external id a third party passes.
	ctx := map[string]string{"aws:principalaccount": c.account, "aws:principalarn": c.principalARN()}
	if in.ExternalID != nil {
		ctx["sts:externalid"] = *in.ExternalID
	}
	if !evaluate([]*policyDoc{role.trustDoc}, policyRequest{Principals: c.principalNames(), Action: "sts:AssumeRole", Context: ctx}).Allowed {
		return nil, denied
	}
	if duration > int64(role.maxSession) {
		return nil, &awsError{Code: "ValidationError", Status: 400,
			Message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."}
	}
	account, _, _ := parseRoleARN(role.arn)
	sess := &stsSession{
		accessKey: uniqueID("ASIA", 16), secret: uniqueID("", 40), token: uniqueID("IQoJ", 96),
		account: account, roleARN: role.arn, roleName: role.name, roleID: role.id,
		sessionName: *in.RoleSessionName, created: c.now.Truncate(time.Second),
		expires: c.now.Add(time.Duration(duration) * time.Second).Truncate(time.Second),
		source:  c.principalARN(),
	}
	if c.srv.chain.sessions == nil {
		c.srv.chain.sessions = map[string]*stsSession{}
	}
	c.srv.chain.sessions[sess.accessKey] = sess
	return &stsAssumeRoleOut{
		Credentials:     stsCredentials{AccessKeyID: sess.accessKey, SecretAccessKey: sess.secret, SessionToken: sess.token, Expiration: sess.expires},
		AssumedRoleUser: stsAssumedRoleUser{AssumedRoleID: role.id + ":" + sess.sessionName, Arn: sess.assumedRoleARN()},
	}, nil
}

type stsCallerIdentityOut struct {
	UserID  string `json:"UserId"`
	Account string `json:"Account"`
	Arn     string `json:"Arn"`
}

func stsGetCallerIdentity(c *call, _ *struct{}) (any, error) {
	out := &stsCallerIdentityOut{UserID: userPrincipalID(c.account), Account: c.account, Arn: c.principalARN()}
	if c.who != nil && c.who.session != nil {
		out.UserID = c.who.session.roleID + ":" + c.who.session.sessionName
	}
	return out, nil
}

// sessionExpired refuses a request signed with temporary credentials past
// their expiry, as every AWS service does.
func (c *call) sessionExpired() error {
	if c.who == nil || c.who.session == nil || c.now.Before(c.who.session.expires) {
		return nil
	}
	return &awsError{Code: "ExpiredTokenException", QueryCode: "ExpiredToken", Status: http.StatusBadRequest,
		Message: "The security token included in the request is expired"}
}

// stsHandlers is the STS operation table.
func stsHandlers() map[string]handler {
	return map[string]handler{
		"AssumeRole":        op(stsAssumeRole),
		"GetCallerIdentity": op(stsGetCallerIdentity),
	}
}
