package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/cwpat/cwpat/pattern"
)

// The TestMetricFilter response, laid out as `aws --output json` prints it:
// four-space indent, keys in the order AWS sends them, non-ASCII unescaped.

type tmfJSONMatch struct {
	EventNumber     int             `json:"eventNumber"`
	EventMessage    string          `json:"eventMessage"`
	ExtractedValues extractedValues `json:"extractedValues"`
}

type tmfJSONOutput struct {
	Matches []tmfJSONMatch `json:"matches"`
}

// extractedValues marshals in field order: $1, $2, ... $10 by number, then
// named fields by name (a plain map would put $10 before $2).
type extractedValues map[string]string

func (v extractedValues) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range sortedExtractedKeys(v) {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := writeJSONString(&b, k); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := writeJSONString(&b, v[k]); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func writeJSONString(b *bytes.Buffer, s string) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode adds a newline
	return nil
}

// sortedExtractedKeys orders $N keys by N, before named keys in name order.
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

// writeTMFJSON prints the response document on w.
func writeTMFJSON(w io.Writer, out *pattern.TestMetricFilterOutput) error {
	doc := tmfJSONOutput{Matches: make([]tmfJSONMatch, 0, len(out.Matches))}
	for _, m := range out.Matches {
		ev := extractedValues(m.ExtractedValues)
		if ev == nil {
			ev = extractedValues{}
		}
		doc.Matches = append(doc.Matches, tmfJSONMatch{EventNumber: m.EventNumber, EventMessage: m.EventMessage, ExtractedValues: ev})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "    ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
