package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	jmespath "github.com/jmespath-community/go-jmespath"
	"github.com/spf13/cobra"
)

// The AWS CLI's output options, for the commands shaped like AWS CLI calls
// (test-metric-filter, rules, plan, audit): --query filters the command's
// JSON document with JMESPath, and -o json|text|table renders it as the AWS
// CLI does. The document is the one -o json prints, so a query written
// against that output works unchanged.

// FormatTable is the AWS CLI's boxed table.
const FormatTable Format = "table"

// addQueryFlag defines --query.
func addQueryFlag(cmd *cobra.Command, q *string) {
	cmd.Flags().StringVar(q, "query", "", "JMESPath query applied to the -o json document, as with the AWS CLI's --query; "+
		"with it, -o text is the AWS CLI's tab-separated text")
}

// checkQuery compiles q, so that a bad query is a usage error before any
// work is done.
func checkQuery(q string) error {
	if q == "" {
		return nil
	}
	if _, err := jmespath.Compile(legacyLiterals(q)); err != nil {
		return fmt.Errorf("--query %q: %v", q, err)
	}
	return nil
}

// legacyLiterals rewrites JSON literals that are not JSON (`running`) as
// the JSON strings they mean (`"running"`): the AWS CLI's JMESPath still
// accepts them, and its users write [?State==`running`] out of habit.
func legacyLiterals(q string) string {
	var b strings.Builder
	for {
		start := strings.IndexByte(q, '`')
		if start < 0 {
			b.WriteString(q)
			return b.String()
		}
		end := start + 1
		for end < len(q) && (q[end] != '`' || q[end-1] == '\\') {
			end++
		}
		if end >= len(q) {
			b.WriteString(q)
			return b.String()
		}
		lit := q[start+1 : end]
		b.WriteString(q[:start+1])
		if raw := strings.ReplaceAll(lit, "\\`", "`"); !json.Valid([]byte(raw)) {
			quoted, _ := json.Marshal(strings.TrimSpace(raw))
			lit = strings.ReplaceAll(string(quoted), "`", "\\`")
		}
		b.WriteString(lit + "`")
		q = q[end+1:]
	}
}

// WriteAWS writes v as the AWS CLI would print it: converted to its JSON
// document, filtered by query, then rendered in f (json with 4-space
// indents, text, or table under title).
func (a *App) WriteAWS(f Format, query, title string, v any) error {
	doc, err := jsonDocument(v)
	if err != nil {
		return err
	}
	if query != "" {
		if doc, err = jmespath.Search(legacyLiterals(query), doc); err != nil {
			return fmt.Errorf("--query %q: %v", query, err)
		}
	}
	switch f {
	case FormatTable:
		return writeAWSTable(a.Stdout, title, doc)
	case FormatText:
		return writeAWSText(a.Stdout, doc)
	}
	return a.WriteJSON(doc, "    ")
}

// jsonDocument is v as encoding/json sees it: maps, slices, float64,
// strings, booleans and nil, with v's own JSON keys.
func jsonDocument(v any) (any, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	var doc any
	err := json.Unmarshal(b.Bytes(), &doc)
	return doc, err
}

// scalar renders a JSON scalar as the AWS CLI (Python's str) does, except
// that whole numbers print without ".0" as JSON writes them.
func scalar(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return x
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return false
	}
	return true
}

// writeAWSText renders doc in the AWS CLI's text format: a dict's scalar
// values on one tab-separated line (keys sorted, the line prefixed by the
// dict's key in upper case when nested), then its lists and dicts; a list
// of dicts shares one set of columns; a list of scalars is one line.
func writeAWSText(w io.Writer, doc any) error {
	var b strings.Builder
	textItem(&b, doc, "", nil)
	_, err := io.WriteString(w, b.String())
	return err
}

func textItem(b *strings.Builder, item any, id string, keys []string) {
	switch x := item.(type) {
	case map[string]any:
		textDict(b, x, id, keys)
	case []any:
		textList(b, x, id)
	default:
		b.WriteString(scalar(x) + "\n")
	}
}

func textList(b *strings.Builder, l []any, id string) {
	if len(l) == 0 {
		return
	}
	hasDict, hasList := false, false
	for _, el := range l {
		switch el.(type) {
		case map[string]any:
			hasDict = true
		case []any:
			hasList = true
		}
	}
	switch {
	case hasDict:
		keys := scalarKeys(l)
		for _, el := range l {
			textItem(b, el, id, keys)
		}
	case hasList:
		var scalars []any
		for _, el := range l {
			if isScalar(el) {
				scalars = append(scalars, el)
			}
		}
		if len(scalars) > 0 {
			textScalars(b, scalars, id)
		}
		for _, el := range l {
			if !isScalar(el) {
				textItem(b, el, id, nil)
			}
		}
	default:
		textScalars(b, l, id)
	}
}

func textScalars(b *strings.Builder, l []any, id string) {
	if id != "" {
		for _, el := range l {
			b.WriteString(strings.ToUpper(id) + "\t" + scalar(el) + "\n")
		}
		return
	}
	parts := make([]string, len(l))
	for i, el := range l {
		parts[i] = scalar(el)
	}
	b.WriteString(strings.Join(parts, "\t") + "\n")
}

func textDict(b *strings.Builder, d map[string]any, id string, keys []string) {
	var scalars []string
	var nested []string
	if keys == nil {
		for _, k := range sortedKeys(d) {
			if isScalar(d[k]) {
				scalars = append(scalars, scalar(d[k]))
			} else {
				nested = append(nested, k)
			}
		}
	} else {
		in := map[string]bool{}
		for _, k := range keys {
			in[k] = true
			scalars = append(scalars, scalar(d[k]))
		}
		for _, k := range sortedKeys(d) {
			if !in[k] {
				nested = append(nested, k)
			}
		}
	}
	if len(scalars) > 0 {
		if id != "" {
			scalars = append([]string{strings.ToUpper(id)}, scalars...)
		}
		b.WriteString(strings.Join(scalars, "\t") + "\n")
	}
	for _, k := range nested {
		textItem(b, d[k], k, nil)
	}
}

// scalarKeys are the keys with scalar values in any dict of l, sorted.
func scalarKeys(l []any) []string {
	seen := map[string]bool{}
	for _, el := range l {
		if d, ok := el.(map[string]any); ok {
			for k, v := range d {
				if isScalar(v) {
					seen[k] = true
				}
			}
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedKeys(d map[string]any) []string {
	out := make([]string, 0, len(d))
	for k := range d {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// docOutput is -o and --query of a command whose text output is cwpat's own
// layout and whose other outputs render its JSON document.
type docOutput struct {
	format Format
	query  string
}

// document reports whether the JSON document is rendered (any -o but text,
// or text with a --query, which is then the AWS CLI's text).
func (o docOutput) document() bool { return o.format != FormatText || o.query != "" }

// addDocOutputFlags defines -o text|json|table and --query.
func addDocOutputFlags(cmd *cobra.Command, o *docOutput) {
	addOutputFlag(cmd, &o.format, FormatText, FormatJSON, FormatTable)
	addQueryFlag(cmd, &o.query)
}

// writeDocument writes v for o: -o json without a query as cwpat always
// has (2-space indents), the rest as the AWS CLI would, under title.
func (a *App) writeDocument(o docOutput, title string, v any) error {
	if err := checkQuery(o.query); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	if o.format == FormatJSON && o.query == "" {
		return a.WriteJSON(v, "  ")
	}
	if o.format != FormatJSON && o.format != FormatText && o.format != FormatTable {
		return Usage("--query works with -o json, text or table, not -o %s", o.format)
	}
	return a.WriteAWS(o.format, o.query, title, v)
}
