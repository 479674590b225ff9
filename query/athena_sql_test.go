package query_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/query"
	"github.com/cwpat/cwpat/rules"
)

// patternsForDialects reach every dialect hook: regexes, array elements and
// wildcards, and each JSON-text test.
var patternsForDialects = []string{
	`{ $.eventName = %^Create[A-Z]+$% }`,
	`{ $.resources[0].ARN = "arn:aws:s3:::b" || $.resources[*].type != "AWS::S3::Bucket" }`,
	`{ $.requestParameters.maxResults > 10 && $.requestParameters.instanceType = *.8xlarge }`,
	`{ $.requestParameters.x IS NULL || $.requestParameters.y IS TRUE || $.requestParameters.z IS FALSE }`,
	`{ $.additionalEventData.MFAUsed != "Yes" && $.responseElements.ConsoleLogin NOT EXISTS }`,
	`{ $.errorCode = "*Unauthorized*Operation" && $.readOnly IS FALSE }`,
}

func builtinAndSamplePatterns(t *testing.T) []string {
	out := append([]string(nil), patternsForDialects...)
	for _, name := range rules.BuiltinNames() {
		set, err := rules.Builtin(name)
		require.NoError(t, err)
		for _, r := range set.Rules {
			out = append(out, r.FilterPattern)
		}
	}
	return out
}

// The Athena SQL of every built-in rule, and of patterns reaching every
// construct, parses in Trino's grammar (counting query and window included).
func TestAthenaSQLParsesAsTrino(t *testing.T) {
	opt := query.Options{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC),
		Organization: true, Accounts: []string{"111122223333"}, Regions: []string{"us-east-1"}}
	var preds []string
	for _, src := range builtinAndSamplePatterns(t) {
		q, err := query.SQL(query.Athena, src, opt)
		if err != nil {
			continue
		}
		require.NoError(t, trinoCheck(q.Text), "%s\n%s", src, q.Text)
		preds = append(preds, q.Where)
	}
	require.Greater(t, len(preds), 150)
	counts := query.Counts(query.Athena, preds, opt)
	require.NoError(t, trinoCheck(counts))
	// The checker is not a pushover: DuckDB's spellings fail it.
	for _, duck := range []string{
		"SELECT * FROM t WHERE len(list_filter(resources, lambda r: r.arn = 'x')) > 0",
		"SELECT * FROM t WHERE eventname::VARCHAR = 'x'",
		"SELECT * FROM t WHERE from = 1",
		"SELECT * FROM t WHERE [1, 2] = x",
	} {
		require.Error(t, trinoCheck(duck), duck)
	}
}

// duckToAthena is the dialect layer (query/dialect.go), written out as
// rewrites of DuckDB's spellings into Trino's. Applied to the DuckDB text,
// it must give the Athena text exactly: the two differ nowhere else.
var duckToAthena = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`CASE WHEN json_valid\((\w+)\) THEN \w+ END`), `$1`},
	{regexp.MustCompile(`CASE WHEN json_type\((\w+), ('[^']*')\) IN \('VARCHAR', 'BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE', 'BOOLEAN'\) THEN json_extract_string\(\w+, '[^']*'\) END`), `json_extract_scalar($1, $2)`},
	{regexp.MustCompile(`json_type\((\w+), ('[^']*')\) IN \('BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE'\)`), `regexp_like(json_format(json_extract($1, $2)), '^-?[0-9]')`},
	{regexp.MustCompile(`json_type\((\w+), ('[^']*')\) = 'NULL'`), `json_format(json_extract($1, $2)) = 'null'`},
	{regexp.MustCompile(`\(json_type\((\w+), ('[^']*')\) = 'BOOLEAN' AND json_extract_string\(\w+, '[^']*'\) = '(true|false)'\)`), `json_format(json_extract($1, $2)) = '$3'`},
	{regexp.MustCompile(`regexp_matches\(`), `regexp_like(`},
	{regexp.MustCompile(`len\(list_filter\((\w+), lambda (\w+): `), `cardinality(filter($1, $2 -> `},
	{regexp.MustCompile(`(\w+)\[(\d+)\]`), `element_at($1, $2)`},
}

func TestDialectsDifferOnlyInTheDialectLayer(t *testing.T) {
	n := 0
	for _, src := range builtinAndSamplePatterns(t) {
		athena, _, errA := query.Predicate(query.Athena, src)
		duck, _, errD := query.Predicate(query.DuckDB, src)
		require.Equal(t, errA == nil, errD == nil, src)
		if errA != nil {
			continue
		}
		for _, r := range duckToAthena {
			duck = r.re.ReplaceAllString(duck, r.with)
		}
		require.Equal(t, athena, duck, src)
		n++
	}
	require.Greater(t, n, 150)
}
