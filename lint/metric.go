package lint

import (
	"github.com/cwpat/cwpat/awslimits"

	"strconv"
	"strings"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
)

// units are CloudWatch's StandardUnit values, the only units PutMetricFilter accepts.
var units = []string{
	"Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes",
	"Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count",
	"Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
	"Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second",
	"Count/Second", "None",
}

// checkMetric checks a metric filter's transformation as PutMetricFilter
// would, and against its pattern.
func checkMetric(f *file, fd *found, kind pattern.Kind) diag.List {
	m := fd.metric
	var out diag.List
	add := func(code string, at int, length int, msg, hint string) {
		d := newDiag(code, msg, hint)
		d.Len = length
		out = append(out, f.at(d, at))
	}
	if m.count > 1 {
		add(CodeTransformCount, m.at, 0, fd.resource+" declares "+strconv.Itoa(m.count)+" metric transformations; a metric filter has exactly one",
			"split it into one metric filter per metric")
	}
	for _, nf := range []struct {
		t          *text
		code, what string
	}{{m.name, CodeMetricNameInvalid, "metric name"}, {m.namespace, CodeNamespaceInvalid, "metric namespace"}} {
		if v, ok := literal(nf.t); ok && strings.ContainsAny(v, ":*$") {
			i := strings.IndexAny(v, ":*$")
			add(nf.code, nf.t.fileOffset(i), 1, nf.what+" "+strconv.Quote(v)+" may not contain ':', '*' or '$'", "")
		} else if ok && awslimits.Length(v) > awslimits.MetricNameMaxLength {
			add(nf.code, nf.t.fileOffset(0), 0, nf.what+" is longer than "+strconv.Itoa(awslimits.MetricNameMaxLength)+" characters", "")
		}
	}
	if v, ok := literal(m.value); ok {
		out = append(out, checkMetricValue(f, fd, kind, m.value, v)...)
	}
	if v, ok := literal(m.unit); ok && v != "" && !containsString(units, v) {
		hint := "use one of CloudWatch's units, e.g. Count, Seconds, Bytes"
		for _, u := range units {
			if strings.EqualFold(u, v) {
				hint = "units are case-sensitive: did you mean " + u + "?"
			}
		}
		add(CodeMetricUnitInvalid, m.unit.fileOffset(0), runeLen(v), "unknown metric unit "+strconv.Quote(v), hint)
	}
	if len(m.dimensions) > 0 {
		first := m.dimensions[0].key
		at := m.at
		if first != nil {
			at = first.fileOffset(0)
			if !first.Literal {
				at = first.nonLiteralAt
			}
		}
		if kind == pattern.Terms || kind == pattern.MatchAll {
			d := newDiag(CodeDimensionsTerm, "dimensions need a JSON or space-delimited pattern; AWS refuses them on a term pattern",
				"drop the dimensions, or match the event with a JSON or space-delimited pattern")
			d.AWSMessage = "The specified filter pattern does not support dimensions"
			out = append(out, f.at(d, at))
		} else {
			for _, dim := range m.dimensions {
				out = append(out, checkFieldRef(f, fd, kind, dim.value, "dimension value")...)
			}
		}
		if len(m.dimensions) > 3 {
			add(CodeTooManyDimensions, at, 0, strconv.Itoa(len(m.dimensions))+" dimensions; a metric filter can have at most 3", "")
		}
		if m.defaultValue != nil {
			at := m.defaultValue.fileOffset(0)
			if !m.defaultValue.Literal {
				at = m.defaultValue.nonLiteralAt
			}
			add(CodeDefaultWithDims, at, 0, "a metric filter with dimensions cannot have a default value",
				"drop the default value; CloudWatch reports no data for periods without a match")
		}
	}
	return out
}

// checkMetricValue checks the value a metric filter publishes: a number, or
// a field of the event the pattern selects ($.path for JSON, $name or $N for
// space-delimited).
func checkMetricValue(f *file, fd *found, kind pattern.Kind, t *text, v string) diag.List {
	if strings.HasPrefix(v, "$") {
		return checkFieldRef(f, fd, kind, t, "metric value")
	}
	if len(v) > 100 {
		d := newDiag(CodeMetricValueInvalid, "metric value is longer than 100 characters", "")
		return diag.List{f.at(d, t.fileOffset(0))}
	}
	if _, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil || v == "" {
		return nil
	}
	d := newDiag(CodeMetricValueInvalid, "metric value "+strconv.Quote(v)+" is neither a number nor a field of the event",
		"publish a number (usually 1, to count matches), or a field: $.path for a JSON pattern, $name for a space-delimited one")
	d.Len = runeLen(v)
	return diag.List{f.at(d, t.fileOffset(0))}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
