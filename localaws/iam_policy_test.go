package localaws

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWildcardMatch(t *testing.T) {
	cases := []struct {
		pattern, s string
		fold, want bool
	}{
		{"logs:*", "logs:PutLogEvents", true, true},
		{"logs:Put*", "LOGS:putlogevents", true, true},
		{"logs:Put*", "logs:putlogevents", false, false},
		{"logs:?utLogEvents", "logs:PutLogEvents", true, true},
		{"*", "", false, true},
		{"a*b*c", "aXXbYYc", false, true},
		{"a*b*c", "aXXbYY", false, false},
		{"arn:aws:logs:*:*:log-group:G:log-stream:123_CloudTrail_us-east-1*", "arn:aws:logs:us-east-1:123:log-group:G:log-stream:123_CloudTrail_us-east-1", false, true},
		{"arn:aws:logs:*:*:log-group:G:log-stream:123_CloudTrail_us-east-1*", "arn:aws:logs:us-east-1:123:log-group:G:log-stream:123_CloudTrail_eu-west-1", false, false},
		{"o-exampleorgid_*", "o-exampleorgid_", false, true},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, wildcardMatch(tc.pattern, tc.s, tc.fold), "%q ~ %q", tc.pattern, tc.s)
	}
}

func TestEvaluate(t *testing.T) {
	stream := "arn:aws:logs:us-east-1:123456789012:log-group:G:log-stream:123456789012_CloudTrail_us-east-1"
	cases := []struct {
		name, doc string
		kind      policyKind
		req       policyRequest
		allowed   bool
		reason    string
	}{
		{"an allow on the stream", `{"Statement":{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"arn:aws:logs:us-east-1:123456789012:log-group:G:log-stream:*"}}`,
			identityPolicy, policyRequest{Action: "logs:PutLogEvents", Resource: stream}, true, ""},
		{"another action", `{"Statement":{"Effect":"Allow","Action":"logs:CreateLogStream","Resource":"*"}}`,
			identityPolicy, policyRequest{Action: "logs:PutLogEvents", Resource: stream}, false, "no statement allows logs:PutLogEvents"},
		{"NotAction leaves the action out", `{"Statement":{"Effect":"Allow","NotAction":"logs:Put*","Resource":"*"}}`,
			identityPolicy, policyRequest{Action: "logs:PutLogEvents", Resource: stream}, false, "no statement allows logs:PutLogEvents"},
		{"NotResource leaves the stream out", `{"Statement":{"Effect":"Allow","Action":"logs:*","NotResource":"arn:aws:logs:*:*:log-group:G:*"}}`,
			identityPolicy, policyRequest{Action: "logs:PutLogEvents", Resource: stream}, false, "no statement allows logs:PutLogEvents"},
		{"a deny wins", `{"Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"},{"Effect":"Deny","Action":"logs:PutLogEvents","Resource":"*"}]}`,
			identityPolicy, policyRequest{Action: "logs:PutLogEvents", Resource: stream}, false, "an explicit Deny in the policy covers logs:PutLogEvents"},
		{"the service principal", `{"Statement":{"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com","cloudtrail.amazonaws.com"]},"Action":"sts:AssumeRole"}}`,
			trustPolicy, policyRequest{Principals: map[string][]string{"Service": {"cloudtrail.amazonaws.com"}}, Action: "sts:AssumeRole"}, true, ""},
		{"another service", `{"Statement":{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}}`,
			trustPolicy, policyRequest{Principals: map[string][]string{"Service": {"cloudtrail.amazonaws.com"}}, Action: "sts:AssumeRole"}, false, "no statement allows sts:AssumeRole"},
		{"everyone", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}}`,
			trustPolicy, policyRequest{Principals: map[string][]string{"AWS": {"123456789012"}}, Action: "sts:AssumeRole"}, true, ""},
		{"a source ARN that matches", `{"Statement":{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:123456789012:trail/*"}}}}`,
			trustPolicy, policyRequest{Principals: map[string][]string{"Service": {"cloudtrail.amazonaws.com"}}, Action: "sts:AssumeRole",
				Context: map[string]string{"aws:sourcearn": "arn:aws:cloudtrail:us-east-1:123456789012:trail/main"}}, true, ""},
		{"a source account that does not", `{"Statement":{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"999999999999"}}}}`,
			trustPolicy, policyRequest{Principals: map[string][]string{"Service": {"cloudtrail.amazonaws.com"}}, Action: "sts:AssumeRole",
				Context: map[string]string{"aws:sourceaccount": "123456789012"}}, false, "no statement allows sts:AssumeRole"},
		{"a condition key the endpoint does not know", `{"Statement":{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}`,
			trustPolicy, policyRequest{Principals: map[string][]string{"Service": {"cloudtrail.amazonaws.com"}}, Action: "sts:AssumeRole"},
			false, "no statement allows sts:AssumeRole (condition key aws:SecureTransport is not known to cwpat's local endpoint)"},
		{"a deny under a condition it cannot judge", `{"Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"},{"Effect":"Deny","Action":"logs:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}`,
			identityPolicy, policyRequest{Action: "logs:PutLogEvents", Resource: stream, Context: map[string]string{"aws:sourceip": "127.0.0.1"}},
			false, "an explicit Deny in the policy covers logs:PutLogEvents (condition operator IpAddress is not evaluated by cwpat's local endpoint)"},
		{"IfExists on an absent key", `{"Statement":{"Effect":"Allow","Action":"logs:*","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:SourceAccount":"1"}}}}`,
			identityPolicy, policyRequest{Action: "logs:PutLogEvents", Resource: stream}, true, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := parsePolicy(tc.doc, tc.kind)
			require.NoError(t, err)
			got := evaluate([]*policyDoc{p}, tc.req)
			assert.Equal(t, tc.allowed, got.Allowed)
			assert.Equal(t, tc.reason, got.Reason)
		})
	}
}

func TestPolicyEscapeRoundTrips(t *testing.T) {
	doc := `{"Statement":[{"Sid":"a b+c","Resource":"arn:aws:logs:*:*:log-group:x/y:*"}]}`
	esc := policyEscape(doc)
	assert.Regexp(t, `^[A-Za-z0-9%._~-]+$`, esc)
	assert.Contains(t, esc, "%2B", "a plus sign is escaped, so query-unescaping keeps it")
}

// FuzzPolicy feeds arbitrary documents and requests to the policy reading:
// it never panics, and wildcard matching agrees with the same pattern as a
// regular expression.
func FuzzPolicy(f *testing.F) {
	f.Add(`{"Statement":{"Effect":"Allow","Action":"logs:*","Resource":"arn:*"}}`, "logs:PutLogEvents", "arn:aws:logs:x")
	f.Add(`{"Statement":[{"Effect":"Deny","NotAction":["a?c"],"NotResource":"*","Condition":{"StringLike":{"aws:SourceArn":"*"}}}]}`, "abc", "")
	f.Add(`{"Statement":{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"sts:AssumeRole"}}`, "sts:AssumeRole", "")
	f.Add(`{"Version":"2012-10-17","Statement":[]}`, "*?*", "**")
	f.Fuzz(func(t *testing.T, doc, action, resource string) {
		for _, kind := range []policyKind{identityPolicy, trustPolicy} {
			if p, err := parsePolicy(doc, kind); err == nil {
				evaluate([]*policyDoc{p}, policyRequest{Action: action, Resource: resource,
					Principals: map[string][]string{"AWS": {resource}}, Context: map[string]string{"aws:sourcearn": resource}})
			}
		}
		re, err := regexp.Compile("^" + strings.NewReplacer(`\*`, ".*", `\?`, ".").Replace(regexp.QuoteMeta(action)) + "$")
		if err != nil || !ascii(action) || !ascii(resource) {
			// "?" is one byte to the glob and one rune to the regexp.
			return
		}
		if got, want := wildcardMatch(action, resource, false), re.MatchString(resource); got != want {
			t.Errorf("wildcardMatch(%q, %q) = %v, the regexp says %v", action, resource, got, want)
		}
	})
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] == '\n' {
			return false
		}
	}
	return true
}
