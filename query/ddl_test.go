package query_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/query"
)

// The DDL is AWS's documented table: the columns in order with their
// types, partition projection on timestamp, the organization variant's
// account and region partitions.
func TestAthenaDDL(t *testing.T) {
	ddl := query.AthenaDDL(query.Options{}, "s3://trail-bucket/AWSLogs/111122223333/CloudTrail/us-east-1/", "2024/01/01")
	for _, want := range []string{
		"CREATE EXTERNAL TABLE cloudtrail_logs (\n    eventversion STRING,\n    useridentity STRUCT<\n        type: STRING,",
		"    requestparameters STRING,\n",
		"    resources ARRAY<STRUCT<\n        arn: STRING,\n        accountid: STRING,\n        type: STRING\n    >>,",
		"    tlsdetails STRUCT<\n        tlsversion: STRING,\n        ciphersuite: STRING,\n        clientprovidedhostheader: STRING\n    >\n)",
		"PARTITIONED BY (`timestamp` string)",
		"'projection.timestamp.range'='2024/01/01,NOW'",
		"'storage.location.template'='s3://trail-bucket/AWSLogs/111122223333/CloudTrail/us-east-1/${timestamp}'",
	} {
		require.Contains(t, ddl, want)
	}
	org := query.AthenaDDL(query.Options{Organization: true, Accounts: []string{"111122223333", "444455556666"}, Regions: []string{"us-east-1"}},
		"s3://org-trail/AWSLogs/o-abc123", "2024/01/01")
	require.Contains(t, org, "PARTITIONED BY (account string, region string, `timestamp` string)")
	require.Contains(t, org, "'projection.account.values'='111122223333,444455556666'")
	require.Contains(t, org, "'storage.location.template'='s3://org-trail/AWSLogs/o-abc123/${account}/CloudTrail/${region}/${timestamp}'")
	require.Equal(t, 1, strings.Count(org, "CREATE EXTERNAL TABLE"))
}
