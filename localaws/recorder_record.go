package localaws

import (
	"encoding/json"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A CloudTrail record of one answered call, in the shape CloudTrail delivers
// to CloudWatch Logs (compact JSON, one record per log event; the members in
// CloudTrail's order, as the records in cwpat's bundled data sets show).

// cloudTrailEventVersion is the record format version written.
const cloudTrailEventVersion = "1.09"

type trailRecord struct {
	EventVersion       string       `json:"eventVersion"`
	UserIdentity       userIdentity `json:"userIdentity"`
	EventTime          string       `json:"eventTime"`
	EventSource        string       `json:"eventSource"`
	EventName          string       `json:"eventName"`
	AWSRegion          string       `json:"awsRegion"`
	SourceIPAddress    string       `json:"sourceIPAddress"`
	UserAgent          string       `json:"userAgent"`
	ErrorCode          string       `json:"errorCode,omitempty"`
	ErrorMessage       string       `json:"errorMessage,omitempty"`
	RequestParameters  any          `json:"requestParameters"`
	ResponseElements   any          `json:"responseElements"`
	RequestID          string       `json:"requestID"`
	EventID            string       `json:"eventID"`
	ReadOnly           bool         `json:"readOnly"`
	EventType          string       `json:"eventType"`
	ManagementEvent    bool         `json:"managementEvent"`
	RecipientAccountID string       `json:"recipientAccountId"`
	EventCategory      string       `json:"eventCategory"`
}

// userIdentity is the record's caller: an IAM user for a long-term key, an
// assumed role for STS credentials.
type userIdentity struct {
	Type           string          `json:"type"`
	PrincipalID    string          `json:"principalId"`
	Arn            string          `json:"arn"`
	AccountID      string          `json:"accountId"`
	AccessKeyID    string          `json:"accessKeyId,omitempty"`
	UserName       string          `json:"userName,omitempty"`
	SessionContext *sessionContext `json:"sessionContext,omitempty"`
}

type sessionContext struct {
	SessionIssuer sessionIssuer     `json:"sessionIssuer"`
	Attributes    sessionAttributes `json:"attributes"`
}

type sessionIssuer struct {
	Type        string `json:"type"`
	PrincipalID string `json:"principalId"`
	Arn         string `json:"arn"`
	AccountID   string `json:"accountId"`
	UserName    string `json:"userName"`
}

type sessionAttributes struct {
	CreationDate     string `json:"creationDate"`
	MFAAuthenticated string `json:"mfaAuthenticated"`
}

const recordTimeFormat = "2006-01-02T15:04:05Z"

// identityOf is the userIdentity of the call's caller.
func (c *call) identityOf() userIdentity {
	who := c.who
	if who == nil {
		who = &caller{}
	}
	if s := who.session; s != nil {
		return userIdentity{
			Type: "AssumedRole", PrincipalID: s.roleID + ":" + s.sessionName, Arn: s.assumedRoleARN(),
			AccountID: s.account, AccessKeyID: s.accessKey,
			SessionContext: &sessionContext{
				SessionIssuer: sessionIssuer{Type: "Role", PrincipalID: s.roleID, Arn: s.roleARN, AccountID: s.account, UserName: s.roleName},
				Attributes:    sessionAttributes{CreationDate: s.created.UTC().Format(recordTimeFormat), MFAAuthenticated: "false"},
			},
		}
	}
	return userIdentity{Type: "IAMUser", PrincipalID: userPrincipalID(c.account), Arn: c.principalARN(),
		AccountID: c.account, AccessKeyID: who.accessKey, UserName: LocalUserName}
}

// buildRecord renders the record of an answered call as CloudTrail's JSON.
func (c *call) buildRecord(kind eventKind, in, out any, callErr error) []byte {
	rec := trailRecord{
		EventVersion: cloudTrailEventVersion, UserIdentity: c.identityOf(),
		EventTime: c.now.UTC().Format(recordTimeFormat), EventSource: kind.source, EventName: c.op,
		AWSRegion: kind.region(c), RequestParameters: recordMembers(in), RequestID: c.requestID,
		EventID: newRequestID(), ReadOnly: kind.readOnly, EventType: "AwsApiCall", ManagementEvent: true,
		RecipientAccountID: c.account, EventCategory: "Management",
	}
	if c.who != nil {
		rec.SourceIPAddress, rec.UserAgent = c.who.sourceIP, c.who.userAgent
	}
	var ae *awsError
	switch {
	case errors.As(callErr, &ae):
		rec.ErrorCode, rec.ErrorMessage = ae.Code, ae.Message
	case callErr != nil:
		rec.ErrorCode, rec.ErrorMessage = "InternalFailure", callErr.Error()
	case !kind.readOnly || c.op == "AssumeRole":
		// Read-only calls log no response elements, as CloudTrail's
		// Describe/Get/List records show; AssumeRole logs the
		// credentials it issued (without their secret).
		rec.ResponseElements = recordMembers(out)
	}
	b, _ := json.Marshal(rec)
	return b
}

// secretMembers are never written to a record: CloudTrail leaves out
// credentials' secrets.
var secretMembers = map[string]bool{"secretAccessKey": true, "sessionToken": true}

// recordMembers renders an operation's input or output as CloudTrail's
// requestParameters/responseElements: the AWS member names with a
// lower-case first letter, absent members left out, null for nothing.
func recordMembers(v any) any {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var tree any
	if json.Unmarshal(b, &tree) != nil {
		return nil
	}
	tree = camelTree(tree)
	if m, ok := tree.(map[string]any); ok && len(m) == 0 {
		return nil
	}
	return tree
}

// camelTree lower-cases the first letter of every member name and drops
// members that are null or empty strings.
func camelTree(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			if e == nil || e == "" {
				continue
			}
			name := lowerFirst(k)
			if secretMembers[name] {
				continue
			}
			out[name] = camelTree(e)
		}
		return out
	case []any:
		for i, e := range x {
			x[i] = camelTree(e)
		}
	}
	return v
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsLower(r) {
		return s
	}
	return strings.ToLower(s[:n]) + s[n:]
}
