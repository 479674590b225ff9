package pattern

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/cwpat/cwpat/awslimits"
	"github.com/cwpat/cwpat/diag"
)

// MetricTransformation is AWS's MetricTransformation: what a metric filter
// publishes when its pattern matches.
type MetricTransformation struct {
	MetricName      string            `json:"metricName" yaml:"metricName"`
	MetricNamespace string            `json:"metricNamespace" yaml:"metricNamespace"`
	MetricValue     string            `json:"metricValue" yaml:"metricValue"`
	DefaultValue    *float64          `json:"defaultValue,omitempty" yaml:"defaultValue,omitempty"`
	Dimensions      map[string]string `json:"dimensions,omitempty" yaml:"dimensions,omitempty"`
	Unit            string            `json:"unit,omitempty" yaml:"unit,omitempty"`
}

// Datapoint is what a metric filter publishes for one matching event.
type Datapoint struct {
	Value      float64
	Dimensions map[string]string
}

// MetricFilter is a compiled pattern plus its metric transformation. It is
// immutable and safe for concurrent use.
type MetricFilter struct {
	m     *Matcher
	t     MetricTransformation
	value fieldRef
	dims  []dimension
}

type dimension struct {
	name string
	ref  fieldRef
}

// fieldRef is a metricValue or dimension value: a constant, a JSON selector
// ($.a.b), a named field ($name) or a positional field ($3).
type fieldRef struct {
	constant float64
	isConst  bool
	sel      *Selector
	name     string // "$name" or "$3", as extractedValues names it
}

// MetricUnits are the units PutMetricFilter accepts; "" means None.
var MetricUnits = []string{
	"Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
	"Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count",
	"Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
	"Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second",
	"Count/Second", "None",
}

var metricNameRE = regexp.MustCompile(`^[^:*$]*$`)

// validationMessage is AWS's wording for a request field that fails a
// constraint.
func validationMessage(val, field, constraint string) string {
	return awslimits.ValidationMessage(awslimits.Violation{Value: awslimits.Quote(val), Field: field, Constraint: constraint})
}

// NewMetricFilter validates the pattern and transformation as PutMetricFilter
// does and compiles them. The error is a diag.List; pattern problems have
// positions in the pattern, transformation problems have none.
func NewMetricFilter(pattern string, t MetricTransformation) (*MetricFilter, error) {
	m, err := Compile(pattern)
	if err != nil {
		return nil, err
	}
	f := &MetricFilter{m: m, t: t}
	var diags diag.List
	bad := func(code, msg, aws, hint string) {
		diags = append(diags, requestProblem(code, msg, aws, hint))
	}
	const member = "metricTransformations.1.member."
	for _, nf := range []struct{ field, code, v string }{
		{"metricName", "invalid-metric-name", t.MetricName},
		{"metricNamespace", "invalid-metric-namespace", t.MetricNamespace},
	} {
		switch n := awslimits.Length(nf.v); {
		case n == 0:
			bad(nf.code, nf.field+" is required",
				validationMessage(nf.v, member+nf.field, awslimits.MinLength(1)), "")
		case n > awslimits.MetricNameMaxLength:
			bad(nf.code, fmt.Sprintf("%s is %d characters long; AWS allows %d", nf.field, n, awslimits.MetricNameMaxLength),
				validationMessage(nf.v, member+nf.field, awslimits.MaxLength(awslimits.MetricNameMaxLength)), "")
		case !metricNameRE.MatchString(nf.v):
			bad(nf.code, fmt.Sprintf("%s %q may not contain ':', '*' or '$'", nf.field, nf.v),
				validationMessage(nf.v, member+nf.field, awslimits.MatchesPattern("[^:*$]*")), "")
		}
	}
	if n := awslimits.Length(t.MetricValue); n == 0 || n > awslimits.MetricValueMaxLength {
		bad("invalid-metric-value", fmt.Sprintf("metricValue must be 1 to %d characters long", awslimits.MetricValueMaxLength),
			validationMessage(t.MetricValue, member+"metricValue", awslimits.MaxLength(awslimits.MetricValueMaxLength)), "")
	} else if ref, msg := parseFieldRef(m.p, t.MetricValue, true); msg != "" {
		bad("invalid-metric-value", msg, "", metricValueHint(m.p.kind))
	} else {
		f.value = ref
	}
	if t.Unit != "" && !contains(MetricUnits, t.Unit) {
		bad("invalid-unit", fmt.Sprintf("unknown unit %q", t.Unit),
			validationMessage(t.Unit, member+"unit", "Member must satisfy enum value set: ["+strings.Join(MetricUnits, ", ")+"]"),
			"units are CloudWatch's: Count, Seconds, Bytes, ... (omit for None)")
	}
	f.checkDimensions(bad)
	if len(diags) > 0 {
		return nil, diags
	}
	return f, nil
}

func (f *MetricFilter) checkDimensions(bad func(code, msg, aws, hint string)) {
	t, kind := f.t, f.m.p.kind
	if len(t.Dimensions) == 0 {
		return
	}
	if kind != JSON && kind != SpaceDelimited {
		bad("dimensions-not-supported", "dimensions need a JSON or space-delimited pattern", awslimits.MsgDoesNotSupportDimensions,
			"dimensions take their values from the event's fields, which only JSON and space-delimited patterns name")
		return
	}
	if len(t.Dimensions) > awslimits.MetricFilterDimensionsMax {
		bad("too-many-dimensions", fmt.Sprintf("%d dimensions; AWS allows at most %d", len(t.Dimensions), awslimits.MetricFilterDimensionsMax), "", "")
	}
	if t.DefaultValue != nil {
		bad("default-value-with-dimensions", "a metric with dimensions cannot have a default value", "",
			"drop defaultValue, or drop the dimensions and publish a default")
	}
	names := make([]string, 0, len(t.Dimensions))
	for k := range t.Dimensions {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		v := t.Dimensions[k]
		if k == "" || awslimits.Length(k) > awslimits.DimensionKeyMaxLength || awslimits.Length(v) > awslimits.DimensionValueMaxLength {
			bad("invalid-dimension", fmt.Sprintf("dimension %q: names and values are 1 to %d characters", k, awslimits.DimensionKeyMaxLength), "", "")
			continue
		}
		ref, msg := parseFieldRef(f.m.p, v, false)
		if msg != "" {
			bad("invalid-dimension", fmt.Sprintf("dimension %q: %s", k, msg), "", metricValueHint(kind))
			continue
		}
		f.dims = append(f.dims, dimension{name: k, ref: ref})
	}
}

func metricValueHint(k Kind) string {
	switch k {
	case JSON:
		return "use a number such as 1, or $.field naming a property the pattern selects"
	case SpaceDelimited:
		return "use a number such as 1, $name naming a field of the pattern, or $N for the N-th field"
	}
	return "a term pattern extracts no fields: publish a number such as 1"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// parseFieldRef reads a metricValue (constants allowed) or a dimension value.
func parseFieldRef(p *Pattern, s string, allowConst bool) (fieldRef, string) {
	if !strings.HasPrefix(s, "$") {
		if n, ok := parseNumber(s); ok && allowConst {
			return fieldRef{constant: n, isConst: true}, ""
		}
		if allowConst {
			return fieldRef{}, fmt.Sprintf("metricValue %q is neither a number nor a field reference", s)
		}
		return fieldRef{}, fmt.Sprintf("%q is not a field reference", s)
	}
	switch p.kind {
	case JSON:
		sel, err := parseSelector(s)
		if err != nil {
			return fieldRef{}, err.msg
		}
		if sel.Wildcards() > 0 {
			return fieldRef{}, fmt.Sprintf("%s selects several values; name one property", s)
		}
		return fieldRef{sel: sel}, ""
	case SpaceDelimited:
		name := s[1:]
		if n, err := strconv.Atoi(name); err == nil && n >= 1 {
			return fieldRef{name: s}, ""
		}
		for _, fl := range p.delimited.Fields {
			if fl != nil && fl.name == name {
				return fieldRef{name: s}, ""
			}
		}
		return fieldRef{}, fmt.Sprintf("%s names no field of the pattern", s)
	}
	return fieldRef{}, fmt.Sprintf("%s: a %s pattern extracts no fields", s, p.kind)
}

// Matcher returns the compiled pattern.
func (f *MetricFilter) Matcher() *Matcher { return f.m }

// Transformation returns the metric transformation.
func (f *MetricFilter) Transformation() MetricTransformation { return f.t }

// Apply returns the datapoint published for event, and false when nothing
// is published for it: the event does not match (the caller then publishes
// DefaultValue, if any), or the value or a dimension it names is missing or,
// for the value, not a number (AWS skips such events).
func (f *MetricFilter) Apply(event []byte) (Datapoint, bool) {
	if !f.m.Match(event) {
		return Datapoint{}, false
	}
	var extracted map[string]string
	var root gjson.Result
	switch f.m.p.kind {
	case SpaceDelimited:
		extracted, _ = f.m.Extract(event)
		addPositional(extracted, event)
	case JSON:
		root = gjson.ParseBytes(event)
	}
	dp := Datapoint{}
	if f.value.isConst {
		dp.Value = f.value.constant
	} else {
		text, ok := f.value.resolve(root, extracted)
		if !ok {
			return Datapoint{}, false
		}
		n, ok := parseNumber(strings.TrimSpace(text))
		if !ok {
			return Datapoint{}, false
		}
		dp.Value = n
	}
	if len(f.dims) > 0 {
		dp.Dimensions = make(map[string]string, len(f.dims))
		for _, d := range f.dims {
			text, ok := d.ref.resolve(root, extracted)
			if !ok {
				return Datapoint{}, false
			}
			dp.Dimensions[d.name] = text
		}
	}
	return dp, true
}

// addPositional makes $N name the N-th field of the event even where the
// pattern gives that field a name ("the metric value is the value of the
// seventh matched token"); a name the pattern uses wins.
func addPositional(extracted map[string]string, event []byte) {
	for i, f := range splitFields(event, nil) {
		key := "$" + strconv.Itoa(i+1)
		if _, taken := extracted[key]; !taken {
			extracted[key] = string(event[f.valStart:f.valEnd])
		}
	}
}

// resolve reads a reference from a matched event: the selected JSON scalar's
// text, or the extracted field.
func (r fieldRef) resolve(root gjson.Result, extracted map[string]string) (string, bool) {
	if r.sel == nil {
		v, ok := extracted[r.name]
		return v, ok
	}
	cur := root
	for _, s := range r.sel.segs {
		switch {
		case s.Kind == KeySegment && cur.IsObject():
			cur = cur.Get(gjson.Escape(s.Key))
		case s.Kind == IndexSegment && cur.IsArray():
			cur = cur.Get(strconv.Itoa(s.Index))
		default:
			return "", false
		}
		if !cur.Exists() {
			return "", false
		}
	}
	switch cur.Type {
	case gjson.String:
		return cur.Str, true
	case gjson.Number, gjson.True, gjson.False:
		return cur.Raw, true
	}
	return "", false
}
