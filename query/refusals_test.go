package query_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/query"
)

// Every construct without an exact translation is refused with a reason
// code naming why; nothing is approximated.
func TestRefusals(t *testing.T) {
	sql := []struct{ pattern, code string }{
		{`ERROR`, "no-raw-line"},
		{`[ip, user, status = 404]`, "no-raw-line"},
		{`{ $.managementEvent IS TRUE }`, "unknown-column"},
		{`{ $.eventname = "x" }`, "unknown-column"},
		{`{ $.userIdentity.invokedBy NOT EXISTS }`, "null-or-missing"},
		{`{ $.errorCode IS NULL }`, "null-or-missing"},
		{`{ $.requestParameters NOT EXISTS }`, "null-or-missing"},
		{`{ $.userIdentity.* = "Root" }`, "struct-wildcard"},
		{`{ $.userIdentity = "Root" }`, "compares-object"},
		{`{ $.resources[*] = "x" }`, "compares-object"},
		{`{ $.resources.ARN = "x" }`, "not-an-object"},
		{`{ $.eventName.x = "y" }`, "not-an-object"},
		{`{ $.requestParameters.items[*].id = "i" }`, "json-wildcard"},
		{`{ $.requestParameters.['x-amz-date'] = "d" }`, "json-key"},
		{`{ $.userIdentity.sessionContext.webIdFederationData.attributes.x = "y" }`, "map-field"},
		{`{ $.eventName = %\bCreate% }`, "regex"},
	}
	for _, c := range sql {
		_, _, err := query.Predicate(query.Athena, c.pattern)
		var qe *query.Error
		require.ErrorAs(t, err, &qe, c.pattern)
		require.Equal(t, c.code, qe.Code, "%s: %v", c.pattern, err)
	}
	insights := []struct{ pattern, code string }{
		{`[ip, user]`, "no-raw-line"},
		{`{ $.resources[0].ARN = "x" }`, "insights-array"},
		{`{ $.x IS NULL }`, "insights-literal"},
		{`{ $.x > 5 }`, "insights-number"},
		{`{ $.x = 5 }`, "insights-number"},
		{`{ $.x = "a*b*c" }`, "insights-glob"},
	}
	for _, c := range insights {
		_, _, err := query.Insights(c.pattern)
		var qe *query.Error
		require.ErrorAs(t, err, &qe, c.pattern)
		require.Equal(t, c.code, qe.Code, "%s: %v", c.pattern, err)
	}
}

// Insights' != is true on a missing field where CloudWatch's is false: every
// != is guarded by ispresent().
func TestInsightsGuardsNotEqual(t *testing.T) {
	f, conds, err := query.Insights(`{ ($.errorCode = "AccessDenied") && ($.userIdentity.invokedBy != "cloudfront.amazonaws.com") }`)
	require.NoError(t, err)
	require.Equal(t, `(errorCode = "AccessDenied") and (ispresent(userIdentity.invokedBy) and not (userIdentity.invokedBy = "cloudfront.amazonaws.com"))`, f)
	require.NotEmpty(t, conds)
}
