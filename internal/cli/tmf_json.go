package cli

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/cwpat/cwpat/internal/jsonquote"
	"github.com/cwpat/cwpat/pattern"
)

// The TestMetricFilter response, laid out byte for byte as `aws --output
// json` prints it: Python's json.dumps(indent=4, ensure_ascii=False). Written
// by hand because encoding/json always escapes U+2028 and U+2029, which
// Python leaves as they are.

// writeTMFJSON prints the response document on w.
func writeTMFJSON(w io.Writer, out *pattern.TestMetricFilterOutput) error {
	var b strings.Builder
	if len(out.Matches) == 0 {
		b.WriteString("{\n    \"matches\": []\n}\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("{\n    \"matches\": [\n")
	for i, m := range out.Matches {
		fmt.Fprintf(&b, "        {\n            \"eventNumber\": %d,\n            \"eventMessage\": %s,\n            \"extractedValues\": ",
			m.EventNumber, jsonquote.Quote(m.EventMessage))
		keys := sortedExtractedKeys(m.ExtractedValues)
		if len(keys) == 0 {
			b.WriteString("{}")
		} else {
			b.WriteString("{\n")
			for j, k := range keys {
				fmt.Fprintf(&b, "                %s: %s", jsonquote.Quote(k), jsonquote.Quote(m.ExtractedValues[k]))
				if j < len(keys)-1 {
					b.WriteByte(',')
				}
				b.WriteByte('\n')
			}
			b.WriteString("            }")
		}
		b.WriteString("\n        }")
		if i < len(out.Matches)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("    ]\n}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// sortedExtractedKeys orders $N keys by N, before named keys in name order
// (sorting as strings would put $10 before $2). AWS returns them unordered.
func sortedExtractedKeys(v map[string]string) []string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	num := func(k string) (int, bool) {
		n, err := strconv.Atoi(strings.TrimPrefix(k, "$"))
		return n, err == nil && strings.HasPrefix(k, "$")
	}
	sort.Slice(keys, func(i, j int) bool {
		a, aok := num(keys[i])
		b, bok := num(keys[j])
		switch {
		case aok && bok:
			return a < b
		case aok != bok:
			return aok
		}
		return keys[i] < keys[j]
	})
	return keys
}
