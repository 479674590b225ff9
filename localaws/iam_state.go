package localaws

import (
	"crypto/rand"
	"sort"
	"strings"
	"time"
)

// IAM, STS and AWS Organizations state: account-scoped (IAM is a global
// service, so roles live outside the per-region state), guarded by
// Server.mu like everything else.

// Service names of IAM and STS, as in the SigV4 credential scope.
const (
	ServiceIAM = "iam"
	ServiceSTS = "sts"
)

// chainState is what the trail chain adds to a Server: IAM roles per
// account, STS sessions, organizations, and CloudTrail records waiting for
// delivery.
type chainState struct {
	iam      map[string]*iamAccount // by account id
	sessions map[string]*stsSession // by access key id
	orgs     []*Organization
	pending  []pendingRecord // CloudTrail records waiting for Options.TrailDelay
}

// iamAccount is one account's IAM roles.
type iamAccount struct {
	roles map[string]*iamRole // by lower-cased name: IAM names are unique without case
}

// iamRole is a role with its trust policy, inline policies and tags.
type iamRole struct {
	name, id, path, arn string
	description         string
	maxSession          int
	created             time.Time
	trust               string
	policies            map[string]string // inline policy name -> document
	// trustDoc and docs are trust and policies parsed once, when stored:
	// the recorder judges them at every delivery.
	trustDoc *policyDoc
	docs     map[string]*policyDoc
	tags     []iamTag // in the order given
}

// iamTag is an IAM tag (Key, Value), as the query protocol names them.
type iamTag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// iamAccount returns (creating on first use) an account's IAM state. The
// caller holds s.mu.
func (s *Server) iamAccount(account string) *iamAccount {
	if s.chain.iam == nil {
		s.chain.iam = map[string]*iamAccount{}
	}
	a := s.chain.iam[account]
	if a == nil {
		a = &iamAccount{roles: map[string]*iamRole{}}
		s.chain.iam[account] = a
	}
	return a
}

// roleByARN finds the role an ARN names (arn:aws:iam::ACCOUNT:role/PATH/NAME),
// nil when it does not exist. The caller holds s.mu.
func (s *Server) roleByARN(arn string) *iamRole {
	account, name, ok := parseRoleARN(arn)
	if !ok {
		return nil
	}
	a := s.chain.iam[account]
	if a == nil {
		return nil
	}
	r := a.roles[strings.ToLower(name)]
	if r == nil || r.arn != arn {
		return nil
	}
	return r
}

// parseRoleARN splits arn:aws:iam::ACCOUNT:role/[PATH/]NAME.
func parseRoleARN(arn string) (account, name string, ok bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || !strings.HasPrefix(parts[5], "role/") {
		return "", "", false
	}
	res := parts[5]
	return parts[4], res[strings.LastIndex(res, "/")+1:], true
}

// uniqueID returns an IAM-style unique id: a four-letter prefix (AROA for
// roles, AIDA for users, ASIA for session keys) and upper-case letters and
// digits.
func uniqueID(prefix string, n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return prefix + string(b)
}

// roleNames lists an account's roles by name, sorted. The caller holds s.mu.
func (s *Server) roleNames(account string) []string {
	a := s.chain.iam[account]
	if a == nil {
		return nil
	}
	names := make([]string, 0, len(a.roles))
	for _, r := range a.roles {
		names = append(names, r.name)
	}
	sort.Strings(names)
	return names
}
