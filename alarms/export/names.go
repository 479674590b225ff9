package export

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/cwpat/cwpat/alarms"
)

// rule pairs a filter with its alarm (nil when the rule has none).
type rule struct {
	id     string
	filter *alarms.MetricFilter
	alarm  *alarms.Alarm
}

// rulesOf pairs each desired filter with the alarm that watches it.
func rulesOf(d *alarms.Desired) []rule {
	byFilter := map[string]*alarms.Alarm{}
	for i := range d.Alarms {
		byFilter[d.Alarms[i].FilterName] = &d.Alarms[i]
	}
	var out []rule
	for i := range d.Filters {
		f := &d.Filters[i]
		id := f.RuleID
		if id == "" {
			id = strings.TrimPrefix(f.Name, d.Prefix)
		}
		out = append(out, rule{id: id, filter: f, alarm: byFilter[f.Name]})
	}
	return out
}

// identifiers makes unique identifiers from rule ids with mk (CamelCase
// for CloudFormation logical ids, snake_case for Terraform names).
func identifiers(rs []rule, mk func(string) string) []string {
	seen := map[string]int{}
	out := make([]string, len(rs))
	for i, r := range rs {
		id := mk(r.id)
		if n := seen[id]; n > 0 {
			seen[id]++
			id += strconv.Itoa(n + 1)
		} else {
			seen[id] = 1
		}
		out[i] = id
	}
	return out
}

// words splits an id such as "cis-4.1_unauthorized" into alphanumeric words.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// camel turns a rule id into a CloudFormation logical id part: "Cis41".
func camel(s string) string {
	var b strings.Builder
	for _, w := range words(s) {
		rs := []rune(w)
		b.WriteString(strings.ToUpper(string(rs[0])) + string(rs[1:]))
	}
	if b.Len() == 0 {
		return "Rule"
	}
	return b.String()
}

// snake turns a rule id into a Terraform resource name: "cis_4_1".
func snake(s string) string {
	w := words(strings.ToLower(s))
	if len(w) == 0 {
		return "rule"
	}
	out := strings.Join(w, "_")
	if out[0] >= '0' && out[0] <= '9' {
		out = "r_" + out
	}
	return out
}

// userTags drops cwpat's bookkeeping tags (ownership belongs to the stack)
// but keeps the rule id and set for traceability.
func userTags(t map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range t {
		switch k {
		case alarms.TagManagedBy, alarms.TagMetricFilter, alarms.TagLogGroup:
			continue
		}
		out[k] = v
	}
	return out
}
