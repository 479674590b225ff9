package query

import (
	"strconv"
	"strings"
)

// Dialect is a SQL engine's spelling of the few functions the translation
// needs. Athena (Trino) and DuckDB differ only here: everything else in the
// generated SQL is the same text. Each method's doc says how the two differ.
type Dialect struct {
	// Name is "athena" or "duckdb".
	Name string
	// RegexLike tests an unanchored regex search: Trino regexp_like, DuckDB
	// regexp_matches (both RE2-compatible for the syntax cwpat emits).
	RegexLike    string
	elementAt    func(arr string, i int) string
	anyMatch     func(arr, v, body string) string
	jsonScalar   func(doc, path string) string
	jsonIsNumber func(doc, path string) string
	jsonIsNull   func(doc, path string) string
	jsonIsBool   func(doc, path string, b bool) string
	jsonDoc      func(column string) string
}

// Athena is Amazon Athena's engine version 3 (Trino).
var Athena = &Dialect{
	Name:      "athena",
	RegexLike: "regexp_like",
	// element_at is NULL past the end, where a[i] fails the query.
	elementAt: func(arr string, i int) string { return "element_at(" + arr + ", " + strconv.Itoa(i+1) + ")" },
	anyMatch: func(arr, v, body string) string {
		return "cardinality(filter(" + arr + ", " + v + " -> " + body + ")) > 0"
	},
	// json_extract_scalar is NULL for null, objects and arrays.
	jsonScalar: func(doc, path string) string { return "json_extract_scalar(" + doc + ", " + sqlString(path) + ")" },
	jsonIsNumber: func(doc, path string) string {
		return "regexp_like(json_format(json_extract(" + doc + ", " + sqlString(path) + ")), '^-?[0-9]')"
	},
	jsonIsNull: func(doc, path string) string {
		return "json_format(json_extract(" + doc + ", " + sqlString(path) + ")) = 'null'"
	},
	jsonIsBool: func(doc, path string, b bool) string {
		return "json_format(json_extract(" + doc + ", " + sqlString(path) + ")) = '" + strconv.FormatBool(b) + "'"
	},
	// Trino's JSON functions return NULL on text that is not JSON.
	jsonDoc: func(column string) string { return column },
}

// DuckDB is DuckDB 1.5 with its json extension.
var DuckDB = &Dialect{
	Name:      "duckdb",
	RegexLike: "regexp_matches",
	// DuckDB lists are 1-based and NULL past the end.
	elementAt: func(arr string, i int) string { return arr + "[" + strconv.Itoa(i+1) + "]" },
	anyMatch: func(arr, v, body string) string {
		return "len(list_filter(" + arr + ", lambda " + v + ": " + body + ")) > 0"
	},
	// json_extract_string returns an object's JSON text, so test the type.
	jsonScalar: func(doc, path string) string {
		p := sqlString(path)
		return "CASE WHEN json_type(" + doc + ", " + p + ") IN ('VARCHAR', 'BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE', 'BOOLEAN') THEN json_extract_string(" + doc + ", " + p + ") END"
	},
	jsonIsNumber: func(doc, path string) string {
		return "json_type(" + doc + ", " + sqlString(path) + ") IN ('BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE')"
	},
	jsonIsNull: func(doc, path string) string {
		return "json_type(" + doc + ", " + sqlString(path) + ") = 'NULL'"
	},
	jsonIsBool: func(doc, path string, b bool) string {
		p := sqlString(path)
		return "(json_type(" + doc + ", " + p + ") = 'BOOLEAN' AND json_extract_string(" + doc + ", " + p + ") = '" + strconv.FormatBool(b) + "')"
	},
	// DuckDB's JSON functions fail the query on text that is not JSON.
	jsonDoc: func(column string) string { return "CASE WHEN json_valid(" + column + ") THEN " + column + " END" },
}

// sqlString quotes s as a SQL string literal (both engines: ” for a quote,
// no backslash escapes).
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// sqlDouble writes f as a DOUBLE literal both engines read the same way.
func sqlDouble(f float64) string {
	return strings.ToUpper(strconv.FormatFloat(f, 'E', -1, 64))
}

// jsonPath writes a path inside a JSON-text column in the one syntax both
// engines read alike: $.key for keys that are identifiers, [n] for indexes.
// Other keys (dots, hyphens, spaces) are refused: Trino writes them
// $["k"], DuckDB $."k", and neither reads the other's.
func jsonPath(steps []step) (string, bool) {
	var b strings.Builder
	b.WriteString("$")
	for _, s := range steps {
		switch s.kind {
		case keyStep:
			if !isIdentifier(s.key) {
				return "", false
			}
			b.WriteString("." + s.key)
		case indexStep:
			b.WriteString("[" + strconv.Itoa(s.index) + "]")
		default:
			return "", false
		}
	}
	return b.String(), true
}

func isIdentifier(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) && s[i] != '_' {
			return false
		}
	}
	return true
}
