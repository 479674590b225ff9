package query

import (
	"fmt"
	"strings"
)

// AthenaDDL is the CREATE EXTERNAL TABLE statement of AWS's documented
// CloudTrail table with partition projection, for logs under location
// (s3://bucket/AWSLogs/ACCOUNT/CloudTrail/REGION, or with Organization
// s3://bucket/AWSLogs/ORG-ID) from the day since (yyyy/MM/dd).
func AthenaDDL(opt Options, location, since string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE EXTERNAL TABLE %s (\n", opt.table())
	for i, f := range Table.Fields {
		b.WriteString("    " + f.Name + " " + ddlType(f, "    "))
		if i < len(Table.Fields)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(")\n")
	location = strings.TrimSuffix(location, "/")
	if opt.Organization {
		b.WriteString("PARTITIONED BY (account string, region string, `timestamp` string)\n")
	} else {
		b.WriteString("PARTITIONED BY (`timestamp` string)\n")
	}
	b.WriteString(`ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
`)
	fmt.Fprintf(&b, "LOCATION '%s'\nTBLPROPERTIES (\n  'projection.enabled'='true',\n", location)
	if opt.Organization {
		fmt.Fprintf(&b, "  'projection.account.type'='enum',\n  'projection.account.values'='%s',\n", strings.Join(opt.Accounts, ","))
		fmt.Fprintf(&b, "  'projection.region.type'='enum',\n  'projection.region.values'='%s',\n", strings.Join(opt.Regions, ","))
	}
	fmt.Fprintf(&b, `  'projection.timestamp.format'='yyyy/MM/dd',
  'projection.timestamp.interval'='1',
  'projection.timestamp.interval.unit'='DAYS',
  'projection.timestamp.range'='%s,NOW',
  'projection.timestamp.type'='date',
`, since)
	if opt.Organization {
		fmt.Fprintf(&b, "  'storage.location.template'='%s/${account}/CloudTrail/${region}/${timestamp}')\n", location)
	} else {
		fmt.Fprintf(&b, "  'storage.location.template'='%s/${timestamp}')\n", location)
	}
	return b.String()
}

// DuckDBCreateTable is the statement that builds the CloudTrail table in
// DuckDB from the files matching glob: NDJSON (one record a line) or the
// {"Records":[...]} files CloudTrail delivers to S3, gzip or not. The
// columns are AWS's DDL's, with the same types: a record's keys are matched
// exactly as CloudTrail spells them (as Athena's JsonSerDe reads them), the
// JSON-text columns hold the object's JSON text, and a value of the wrong
// type reads as NULL.
func DuckDBCreateTable(table, glob string) string {
	if table == "" {
		table = DefaultTable
	}
	var shape, cols []string
	for _, f := range Table.Fields {
		shape = append(shape, `"`+f.Key+`": `+duckJSONShape(f))
		expr := `t."` + f.Key + `"`
		if f.Type == Struct || f.Type == Array {
			expr = "CAST(" + expr + " AS " + duckType(f, false) + ")"
		}
		cols = append(cols, "  "+expr+" AS "+f.Name)
	}
	return fmt.Sprintf(`CREATE TABLE %s AS
WITH files AS (
  SELECT j FROM read_json_objects(%s, format = 'auto', maximum_object_size = 1073741824) AS f(j)
), records AS (
  SELECT unnest(CASE WHEN json_type(j, '$.Records') = 'ARRAY' THEN json_extract(j, '$.Records[*]') ELSE [j] END) AS r
  FROM files
), typed AS (
  SELECT json_transform(r, %s) AS t FROM records
)
SELECT
%s
FROM typed;
`, table, sqlString(glob), sqlString("{"+strings.Join(shape, ", ")+"}"), strings.Join(cols, ",\n"))
}

// duckJSONShape is f's structure for json_transform, keyed by the record's
// spelling.
func duckJSONShape(f *Field) string {
	switch f.Type {
	case Struct, Array:
		var parts []string
		for _, c := range f.Fields {
			parts = append(parts, `"`+c.Key+`": `+duckJSONShape(c))
		}
		s := "{" + strings.Join(parts, ", ") + "}"
		if f.Type == Array {
			s = "[" + s + "]"
		}
		return s
	case Map:
		return `"MAP(VARCHAR, VARCHAR)"`
	}
	return `"VARCHAR"`
}
