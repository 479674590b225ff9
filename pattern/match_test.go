package pattern

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type matchCase struct {
	pattern, event string
	want           bool
}

func runMatchCases(t *testing.T, cases []matchCase) {
	t.Helper()
	for _, c := range cases {
		m, err := Compile(c.pattern)
		require.NoError(t, err, c.pattern)
		assert.Equal(t, c.want, m.MatchString(c.event), "pattern %s\nevent   %s", c.pattern, c.event)
		assert.Equal(t, c.want, compileReference(m.Pattern()).match([]byte(c.event)), "reference: %s", c.pattern)
	}
}

func TestMatchAllPatterns(t *testing.T) {
	for _, p := range []string{"", "   ", "\t\n", `""`, `" "`, `"" " "`} {
		pp, err := Parse(p)
		require.NoError(t, err, "%q", p)
		assert.Equal(t, MatchAll, pp.Kind(), "%q", p)
		assert.Equal(t, "", pp.String())
		m := pp.Compile()
		assert.True(t, m.MatchString("anything at all"))
		assert.True(t, m.MatchString(""))
	}
}

func TestTermSemantics(t *testing.T) {
	runMatchCases(t, []matchCase{
		// Case-sensitive substrings, not words.
		{`ERROR`, `ERRORCODE: -1`, true},
		{`ERROR`, `error`, false},
		{`Exception`, `InvalidQueryException`, true},
		// AND, order-independent.
		{`REQUEST ERROR`, `ERROR in REQUEST`, true},
		{`REQUEST ERROR`, `ERROR only`, false},
		// Quoted phrase keeps its spaces; escapes \" and \\.
		{`"a b"`, `xa by`, true},
		{`"a b"`, `a  b`, false},
		{`"say \"hi\""`, `they say "hi" twice`, true},
		{`"C:\\temp"`, `dir C:\temp`, true},
		// '*' in a term is literal (terms are substrings already).
		{`"ERR*"`, `ERROR`, false},
		{`"ERR*"`, `ERR*`, true},
		// Exclusion.
		{`-DEBUG`, `INFO x`, true},
		{`-DEBUG`, `DEBUG x`, false},
		{`ERROR -"timed out"`, `ERROR timed out`, false},
		// ?terms: an OR group only when all terms are ?terms.
		{`?a ?b`, `xbx`, true},
		{`?a ?b`, `xyz`, false},
		{`?ERROR REQUEST`, `REQUEST`, true},
		{`?ERROR REQUEST`, `ERROR`, false},
		{`?ERROR -REQUEST`, `INFO`, true},
		{`?ERROR -REQUEST`, `ERROR REQUEST`, false},
		// Unquoted hyphen reads as an exclusion: ORDER -ITEM -1.
		{`ORDER-ITEM-1`, `ORDER-ITEM-1`, false},
		{`ORDER-ITEM-1`, `ORDER placed`, true},
		{`"ORDER-ITEM-1"`, `got ORDER-ITEM-1`, true},
		// Regex terms are unanchored searches; several regexes AND together.
		{`%ERR[0-9]+%`, `code ERR42`, true},
		{`%^ERR%`, `code ERR42`, false},
		{`%^a% %b$%`, `a..b`, true},
		{`?%^a% ?%b$%`, `xb`, true},
		{`-%[0-9]%`, `no digits`, true},
		// {,n} means {0,n} as AWS documents.
		{`%^ab{,2}c$%`, `ac`, true},
		{`%^ab{,2}c$%`, `abbbc`, false},
		// \xhh reaches characters the whitelist forbids.
		{`%\x28x\x29%`, `f(x)`, true},
		// Unicode inside quotes is fine.
		{`"café"`, `un café`, true},
	})
}

const ctEvent = `{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"alice","sessionContext":{"attributes":{"mfaAuthenticated":"false"}}},` +
	`"eventTime":"2026-01-01T00:00:00Z","eventSource":"s3.amazonaws.com","eventName":"PutBucketPolicy","awsRegion":"us-east-1",` +
	`"sourceIPAddress":"192.0.2.10","requestParameters":{"bucketName":"logs-prod","x-amz-acl":["private"],"policy.v2":"p"},` +
	`"responseElements":null,"readOnly":false,"count":42,"ratio":"0.5","big":1e3,"neg":-7,"tags":[{"k":"a","v":1},{"k":"b","v":2}],` +
	`"matrix":[[1,2],[3,4]],"empty":"","flag":true,"esc":"a\"b","nums":["10","20"]}`

func TestJSONSemantics(t *testing.T) {
	e := ctEvent
	runMatchCases(t, []matchCase{
		{`{ $.eventName = PutBucketPolicy }`, e, true},
		{`{ $.eventName = "PutBucketPolicy" }`, e, true},
		{`{ $.eventName = "putbucketpolicy" }`, e, false},
		// Wildcards anywhere in the value, quoted or not (SEMANTICS.md).
		{`{ $.eventName = Put* }`, e, true},
		{`{ $.eventName = "*Policy" }`, e, true},
		{`{ $.eventName = "Put*Policy" }`, e, true},
		{`{ $.eventName = "Put*Acl" }`, e, false},
		{`{ $.eventSource = s3.amazonaws.com }`, e, true},
		{`{ $.sourceIPAddress = 192.0.2.* }`, e, true},
		// "*" means "present with a non-null value" (an empty string counts).
		{`{ $.empty = "*" }`, e, true},
		{`{ $.responseElements = "*" }`, e, false},
		{`{ $.nothere = "*" }`, e, false},
		{`{ $.userIdentity = "*" }`, e, false},
		// Every comparison on a missing, null, array or object value is false.
		{`{ $.nothere != "x" }`, e, false},
		{`{ $.responseElements != "x" }`, e, false},
		{`{ $.tags != "x" }`, e, false},
		{`{ $.userIdentity != "x" }`, e, false},
		{`{ $.nothere < 5 }`, e, false},
		{`{ ($.nothere NOT EXISTS) || ($.nothere != "x") }`, e, true},
		// Numbers compare by value, strings holding numbers too.
		{`{ $.count = 42 }`, e, true},
		{`{ $.count = 42.0 }`, e, true},
		{`{ $.count = 4.2e1 }`, e, true},
		{`{ $.big = 1000 }`, e, true},
		{`{ $.big > 999.5 }`, e, true},
		{`{ $.neg < -6 }`, e, true},
		{`{ $.neg >= -7 }`, e, true},
		{`{ $.neg <= -8 }`, e, false},
		{`{ $.count != 41 }`, e, true},
		{`{ $.count != 42 }`, e, false},
		{`{ $.ratio = 0.5 }`, e, true},
		{`{ $.ratio > 0.25 }`, e, true},
		{`{ $.count = "42" }`, e, true},
		{`{ $.count = 4* }`, e, true},
		{`{ $.eventName > 5 }`, e, false},
		{`{ $.eventName != 5 }`, e, true},
		// Booleans and null.
		{`{ $.flag IS TRUE }`, e, true},
		{`{ $.flag IS FALSE }`, e, false},
		{`{ $.readOnly IS FALSE }`, e, true},
		{`{ $.responseElements IS NULL }`, e, true},
		{`{ $.nothere IS NULL }`, e, false},
		{`{ $.eventName IS NULL }`, e, false},
		{`{ $.flag = true }`, e, true},
		{`{ $.responseElements NOT EXISTS }`, e, false},
		{`{ $.nothere NOT EXISTS }`, e, true},
		{`{ $.userIdentity.nothere.deeper NOT EXISTS }`, e, true},
		{`{ $.eventName.deeper NOT EXISTS }`, e, true},
		// Selectors: nesting, indexes, bracketed keys, wildcards.
		{`{ $.userIdentity.sessionContext.attributes.mfaAuthenticated = "false" }`, e, true},
		{`{ $.tags[1].k = b }`, e, true},
		{`{ $.tags[2].k = "*" }`, e, false},
		{`{ $.matrix[1][0] = 3 }`, e, true},
		{`{ $.requestParameters.['policy.v2'] = p }`, e, true},
		{`{ $.requestParameters.policy.v2 = p }`, e, false},
		{`{ $.requestParameters.x-amz-acl[0] = private }`, e, true},
		{`{ $.tags[*].k = b }`, e, true},
		{`{ $.tags[*].k = c }`, e, false},
		{`{ $.tags[*].k != a }`, e, true},
		{`{ $.nums[*] > 15 }`, e, true},
		{`{ $.* = "alice" }`, e, false},
		{`{ $.userIdentity.* = "alice" }`, e, true},
		{`{ $.tags.*.v = 2 }`, e, true},
		{`{ $.tags[*].zz NOT EXISTS }`, e, true},
		{`{ $.tags[*].k NOT EXISTS }`, e, false},
		// An index on an object or a key on an array selects nothing.
		{`{ $.userIdentity[0] = "*" }`, e, false},
		{`{ $.tags.k = "*" }`, e, false},
		// Escaped JSON strings compare unescaped.
		{`{ $.esc = "a\"b" }`, e, true},
		// Regex values search inside the value, quoted regex is literal.
		{`{ $.eventName = %Bucket% }`, e, true},
		{`{ $.eventName = %^Bucket% }`, e, false},
		{`{ $.eventName != %^Get% }`, e, true},
		{`{ $.eventName = "%Bucket%" }`, e, false},
		// Precedence: () > && > ||.
		{`{ $.eventName = x || $.count = 42 && $.flag IS TRUE }`, e, true},
		{`{ ($.eventName = x || $.count = 42) && $.flag IS FALSE }`, e, false},
		{`{ $.eventName = x && $.count = 42 || $.flag IS TRUE }`, e, true},
		// Multi-line patterns.
		{"{\n  ($.eventName = \"PutBucketPolicy\")\n  &&\n  ($.awsRegion = us-east-1)\n}", e, true},
		// No space needed around operators.
		{`{$.count>41&&$.count<43}`, e, true},
	})
}

func TestJSONNeedsOneObject(t *testing.T) {
	runMatchCases(t, []matchCase{
		{`{ $.a = 1 }`, `{"a":1}`, true},
		{`{ $.a = 1 }`, "  {\"a\":1}\n", true},
		{`{ $.a = 1 }`, `{"a":1`, false},
		{`{ $.a = 1 }`, `{"a":1} trailing`, false},
		{`{ $.a = 1 }`, `[{"a":1}]`, false},
		{`{ $.a = 1 }`, `2026-01-01T00:00:00Z	abc	INFO	{"a":1}`, false},
		{`{ $.a = 1 }`, `a=1`, false},
		{`{ $.a NOT EXISTS }`, `not json`, false},
		{`{ $.a = 1 }`, ``, false},
		// Duplicate keys: the first one counts (gjson, the reference reader).
		{`{ $.a = 1 }`, `{"a":1,"a":2}`, true},
	})
}

func TestDelimitedSemantics(t *testing.T) {
	const access = `127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534`
	runMatchCases(t, []matchCase{
		{`[ip, id, user, ts, request, status, size]`, access, true},
		{`[ip, id, user, ts, request = "GET /index.html HTTP/1.0", status, size]`, access, true},
		{`[ip, id, user, ts = 10/Oct/2000*, request, status, size]`, access, true},
		{`[ip, id, user, ts, request = *index*, status = 404, size > 1000]`, access, true},
		{`[ip, id, user, ts, request, status = 4*, size < 1000]`, access, false},
		{`[ip, id, user, ts, request, status != 404, size]`, access, false},
		{`[..., status = 404, size]`, access, true},
		{`[ip = 127.*, ...]`, access, true},
		{`[ip, ..., size = 1534]`, access, true},
		{`[ip, ..., status, size = 1534]`, access, true},
		{`[..., ip, id, user, ts, request, status, size]`, access, true},
		{`[..., x, ip, id, user, ts, request, status, size]`, access, false},
		// Without ..., the last field takes the rest of the line.
		{`[ip, rest = "- frank*"]`, access, true},
		{`[ip]`, access, true},
		{`[ip = 127.0.0.1]`, access, false},
		// Too few fields: no match.
		{`[a, b, c]`, `one two`, false},
		{`[a, b]`, `one`, false},
		{`[a, ...]`, ``, false},
		// [] matches everything, even an empty message.
		{`[]`, ``, true},
		// Tabs and runs of spaces separate fields.
		{`[a, b = x, c]`, "1\tx  \t 3", true},
		// Delimiters are stripped; an unclosed one is an ordinary character.
		{`[a = "x y", b]`, `"x y" z`, true},
		{`[a = "[x", b]`, `[x y`, true},
		{`[a = x]`, `[x]`, true},
		// Per-field compound conditions.
		{`[w1 != ERROR && w1 != WARN, w2]`, `INFO x`, true},
		{`[w1 != ERROR && w1 != WARN, w2]`, `WARN x`, false},
		{`[w1 = ERROR || w1 = WARN, w2]`, `WARN x`, true},
		{`[w1 = A || (w1 = B* && w1 != BAD), w2]`, `BOX x`, true},
		{`[w1 = A || (w1 = B* && w1 != BAD), w2]`, `BAD x`, false},
		// Numeric and regex fields.
		{`[a > 1.5, b]`, `2 x`, true},
		{`[a > 1.5, b]`, `abc x`, false},
		{`[a = 1e3, b]`, `1000 x`, true},
		{`[a = %^[0-9]+$%, b]`, `123 x`, true},
		{`[a = %^[0-9]+$%, b]`, `12a x`, false},
		// Unnamed slots.
		{`[, b = x]`, `1 x`, true},
		{`[a, , c = 3]`, `1 2 3`, true},
	})
}

func TestExtract(t *testing.T) {
	const ev = `127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534`
	cases := []struct {
		pattern string
		event   string
		want    map[string]string
	}{
		{`[ip, identity, user_id, timestamp, request, status_code, size]`, ev, map[string]string{
			"$ip": "127.0.0.1", "$identity": "-", "$user_id": "frank", "$timestamp": "10/Oct/2000:13:25:15 -0700",
			"$request": "GET /apache_pb.gif HTTP/1.0", "$status_code": "200", "$size": "1534"}},
		{`[..., size]`, ev, map[string]string{
			"$1": "127.0.0.1", "$2": "-", "$3": "frank", "$4": "10/Oct/2000:13:25:15 -0700",
			"$5": "GET /apache_pb.gif HTTP/1.0", "$6": "200", "$size": "1534"}},
		{`[]`, ev, map[string]string{
			"$1": "127.0.0.1", "$2": "-", "$3": "frank", "$4": "10/Oct/2000:13:25:15 -0700",
			"$5": "GET /apache_pb.gif HTTP/1.0", "$6": "200", "$7": "1534"}},
		{`[..., status_code=200, size]`, ev, map[string]string{
			"$1": "127.0.0.1", "$2": "-", "$3": "frank", "$4": "10/Oct/2000:13:25:15 -0700",
			"$5": "GET /apache_pb.gif HTTP/1.0", "$status_code": "200", "$size": "1534"}},
		{`[..., request=*.gif*, status_code=2*,]`, ev, map[string]string{
			"$1": "127.0.0.1", "$2": "-", "$3": "frank", "$4": "10/Oct/2000:13:25:15 -0700",
			"$request": "GET /apache_pb.gif HTTP/1.0", "$status_code": "200", "$7": "1534"}},
		{`[ip, rest]`, ev, map[string]string{
			"$ip": "127.0.0.1", "$rest": `- frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534`}},
		{`"apache_pb"`, ev, map[string]string{}},
		{`{ $.a = 1 }`, `{"a":1}`, map[string]string{}},
	}
	for _, c := range cases {
		got, ok := MustCompile(c.pattern).Extract([]byte(c.event))
		require.True(t, ok, c.pattern)
		assert.Equal(t, c.want, got, c.pattern)
	}
	_, ok := MustCompile(`[a, b = x]`).Extract([]byte("1 y"))
	assert.False(t, ok)
}
