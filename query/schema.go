package query

import "strings"

// ColumnType is the shape of a column or struct field of the CloudTrail
// table.
type ColumnType int

// Column types, as AWS's DDL declares them.
const (
	// String is a STRING column: a JSON string reads as its text, a number
	// or boolean as its literal text, an object or array as its JSON text,
	// and null or a missing key as SQL NULL.
	String ColumnType = iota
	// JSONText is a STRING column that holds an object's JSON text
	// (requestParameters and its kin): the pattern's path continues inside
	// the JSON.
	JSONText
	// Struct is a STRUCT column or field.
	Struct
	// Array is an ARRAY<STRUCT<...>> column.
	Array
	// Map is a map<string,string> field.
	Map
)

// Field is a column of the table or a field of a struct, named as
// CloudTrail spells the record's key (Key) and as the DDL spells the column
// (Name, lower case).
type Field struct {
	Key    string
	Name   string
	Type   ColumnType
	Fields []*Field // Struct, and Array's element struct
}

func col(key string, t ColumnType, fields ...*Field) *Field {
	return &Field{Key: key, Name: strings.ToLower(key), Type: t, Fields: fields}
}

// field finds a struct field by the record's key, exactly as CloudTrail
// spells it (CloudWatch Logs compares keys case-sensitively).
func (f *Field) field(key string) *Field {
	for _, c := range f.Fields {
		if c.Key == key {
			return c
		}
	}
	return nil
}

// fieldFold finds a struct field whose key differs only in case, for hints.
func (f *Field) fieldFold(key string) *Field {
	for _, c := range f.Fields {
		if strings.EqualFold(c.Key, key) {
			return c
		}
	}
	return nil
}

// Table is AWS's documented CloudTrail table for Athena ("Create the table
// for CloudTrail logs in Athena using partition projection"), column for
// column, with the record keys CloudTrail writes.
var Table = &Field{Key: "$", Type: Struct, Fields: []*Field{
	col("eventVersion", String),
	col("userIdentity", Struct,
		col("type", String),
		col("principalId", String),
		col("arn", String),
		col("accountId", String),
		col("invokedBy", String),
		col("accessKeyId", String),
		col("userName", String),
		col("onBehalfOf", Struct,
			col("userId", String),
			col("identityStoreArn", String)),
		col("sessionContext", Struct,
			col("attributes", Struct,
				col("mfaAuthenticated", String),
				col("creationDate", String)),
			col("sessionIssuer", Struct,
				col("type", String),
				col("principalId", String),
				col("arn", String),
				col("accountId", String),
				col("userName", String)),
			col("ec2RoleDelivery", String),
			col("webIdFederationData", Struct,
				col("federatedProvider", String),
				col("attributes", Map)))),
	col("eventTime", String),
	col("eventSource", String),
	col("eventName", String),
	col("awsRegion", String),
	col("sourceIPAddress", String),
	col("userAgent", String),
	col("errorCode", String),
	col("errorMessage", String),
	col("requestParameters", JSONText),
	col("responseElements", JSONText),
	col("additionalEventData", JSONText),
	col("requestID", String),
	col("eventID", String),
	col("readOnly", String),
	col("resources", Array,
		col("ARN", String),
		col("accountId", String),
		col("type", String)),
	col("eventType", String),
	col("apiVersion", String),
	col("recipientAccountId", String),
	col("serviceEventDetails", JSONText),
	col("sharedEventID", String),
	col("vpcEndpointId", String),
	col("vpcEndpointAccountId", String),
	col("eventCategory", String),
	col("addendum", Struct,
		col("reason", String),
		col("updatedFields", String),
		col("originalRequestID", String),
		col("originalEventID", String)),
	col("sessionCredentialFromConsole", String),
	col("edgeDeviceDetails", String),
	col("tlsDetails", Struct,
		col("tlsVersion", String),
		col("cipherSuite", String),
		col("clientProvidedHostHeader", String)),
}}

// ddlType is the Hive type of f as AWS's DDL writes it.
func ddlType(f *Field, indent string) string {
	switch f.Type {
	case Struct, Array:
		var b strings.Builder
		if f.Type == Array {
			b.WriteString("ARRAY<")
		}
		b.WriteString("STRUCT<\n")
		for i, c := range f.Fields {
			b.WriteString(indent + "    " + c.Name + ": " + ddlType(c, indent+"    "))
			if i < len(f.Fields)-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString(indent + ">")
		if f.Type == Array {
			b.WriteString(">")
		}
		return b.String()
	case Map:
		return "map<string,string>"
	}
	return "STRING"
}

// duckType is f's type in DuckDB, for json_transform: struct fields keep the
// record's spelling there (DuckDB matches JSON keys exactly) and are renamed
// to the DDL's names by a cast.
func duckType(f *Field, byKey bool) string {
	switch f.Type {
	case Struct, Array:
		var parts []string
		for _, c := range f.Fields {
			name := c.Name
			if byKey {
				name = c.Key
			}
			parts = append(parts, `"`+name+`" `+duckType(c, byKey))
		}
		s := "STRUCT(" + strings.Join(parts, ", ") + ")"
		if f.Type == Array {
			s += "[]"
		}
		return s
	case Map:
		return "MAP(VARCHAR, VARCHAR)"
	}
	return "VARCHAR"
}
