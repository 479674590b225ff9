package localaws

import (
	"github.com/cwpat/cwpat/awslimits"

	"regexp"
	"sort"
	"strings"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
)

// CloudWatch Logs: metric filters, matched by cwpat's own pattern package.

// maxMetricFilters is AWS's quota of metric filters per log group.
const maxMetricFilters = awslimits.MetricFiltersPerLogGroup

// maxRegexFilters is AWS's quota of metric and subscription filters with a
// %regex% per log group.
const maxRegexFilters = awslimits.RegexFiltersPerLogGroup

var reMetricName = regexp.MustCompile(`^[^:*$]*$`)

const shownMetricName = `[^:*$]*`

// Generic texts AWS sends when it gives no more specific reason.
const (
	msgInvalidMetricFilterPattern = awslimits.MsgInvalidMetricFilterPattern
	msgInvalidFilterPattern       = awslimits.MsgInvalidFilterPattern
)

// patternError turns an error from package pattern into AWS's reply: the AWS
// message the diagnostic carries, else AWS's generic text. An error that is
// not a diagnostic means cwpat could not judge the pattern at all; it is a
// server fault, never a silent acceptance.
func patternError(err error, generic string) error {
	l, ok := diag.As(err)
	if !ok {
		return &awsError{Code: "ServiceUnavailableException", Status: 500, Receiver: true,
			Message: "cwpat could not check the filter pattern: " + err.Error()}
	}
	for _, d := range l {
		if d.Severity != diag.Error {
			continue
		}
		msg := d.AWSMessage
		if generic == msgInvalidFilterPattern {
			// FilterLogEvents words the generic refusal without "metric".
			msg = pattern.FilterLogEventsMessage(d)
		}
		if msg == "" {
			msg = generic
		}
		return logsInvalid(msg)
	}
	return logsInvalid(generic)
}

// checkFilterPattern validates the filterPattern member (0-1024 UTF-16 code units).
func (v *violations) filterPattern(p *string) {
	if v.required(p, "filterPattern") {
		v.length(*p, "filterPattern", 0, awslimits.FilterPatternMaxLength)
	}
}

type putMetricFilterIn struct {
	LogGroupName           *string                `json:"logGroupName"`
	FilterName             *string                `json:"filterName"`
	FilterPattern          *string                `json:"filterPattern"`
	MetricTransformations  []metricTransformation `json:"metricTransformations"`
	ApplyOnTransformedLogs bool                   `json:"applyOnTransformedLogs"`
}

func putMetricFilter(c *call, in *putMetricFilterIn) (any, error) {
	var v violations
	v.logGroupName(in.LogGroupName, "logGroupName")
	if v.required(in.FilterName, "filterName") && v.length(*in.FilterName, "filterName", 1, awslimits.FilterNameMaxLength) {
		v.match(*in.FilterName, "filterName", reNoColonAsterisk, shownNoColonAsterisk)
	}
	v.filterPattern(in.FilterPattern)
	switch n := len(in.MetricTransformations); {
	case in.MetricTransformations == nil:
		v.add(nil, "metricTransformations", "Member must not be null")
	case n < 1:
		v.add("[]", "metricTransformations", "Member must have length greater than or equal to 1")
	case n > 1:
		v.add(transformationsString(in.MetricTransformations), "metricTransformations", "Member must have length less than or equal to 1")
	default:
		checkTransformation(&v, in.MetricTransformations[0], "metricTransformations.1.member")
	}
	if err := v.err("InvalidParameterException", ""); err != nil {
		return nil, err
	}
	t := in.MetricTransformations[0]
	if len(t.Dimensions) > 0 {
		if p, err := pattern.Parse(*in.FilterPattern); err == nil && p.Kind() != pattern.JSON && p.Kind() != pattern.SpaceDelimited {
			return nil, logsInvalid("The specified filter pattern does not support dimensions")
		}
		if t.DefaultValue != nil {
			return nil, logsInvalid("Default value can't be set for metrics with dimensions.")
		}
	}
	compiled, err := pattern.NewMetricFilter(*in.FilterPattern, pattern.MetricTransformation{
		MetricName: t.MetricName, MetricNamespace: t.MetricNamespace, MetricValue: t.MetricValue,
		DefaultValue: t.DefaultValue, Dimensions: t.Dimensions, Unit: t.Unit,
	})
	if err != nil {
		return nil, patternError(err, msgInvalidMetricFilterPattern)
	}
	g, err := c.group(*in.LogGroupName)
	if err != nil {
		return nil, err
	}
	if compiled.Matcher().Pattern().RegexCount() > 0 {
		n := 0
		for name, other := range g.filters {
			if name != *in.FilterName && other.compiled.Matcher().Pattern().RegexCount() > 0 {
				n++
			}
		}
		if n >= maxRegexFilters {
			return nil, &awsError{Code: "LimitExceededException", Status: 400,
				Message: "A log group can have at most 5 metric and subscription filters with regular expressions."}
		}
	}
	f := g.filters[*in.FilterName]
	if f == nil {
		if len(g.filters) >= maxMetricFilters {
			return nil, &awsError{Code: "LimitExceededException", Message: "Resource limit exceeded.", Status: 400}
		}
		f = &metricFilter{name: *in.FilterName, created: c.now}
		g.filters[f.name] = f
	}
	f.pattern, f.t, f.compiled, f.onTransformed = *in.FilterPattern, t, compiled, in.ApplyOnTransformedLogs
	return nil, nil
}

// units are the values of CloudWatch's StandardUnit.
var units = []string{"Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes",
	"Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
	"Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
	"Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None"}

func validUnit(u string) bool {
	for _, x := range units {
		if u == x {
			return true
		}
	}
	return false
}

func checkTransformation(v *violations, t metricTransformation, at string) {
	if v.length(t.MetricName, at+".metricName", 1, 255) {
		v.match(t.MetricName, at+".metricName", reMetricName, shownMetricName)
	}
	if v.length(t.MetricNamespace, at+".metricNamespace", 1, 255) {
		v.match(t.MetricNamespace, at+".metricNamespace", reMetricName, shownMetricName)
	}
	v.length(t.MetricValue, at+".metricValue", 1, 100)
	if len(t.Dimensions) > 3 {
		v.add(mapString(t.Dimensions), at+".dimensions", "Member must have length less than or equal to 3")
	}
	for k, val := range t.Dimensions {
		v.length(k, at+".dimensions.key", 1, 255)
		v.length(val, at+".dimensions.value", 1, 255)
	}
	if t.Unit != "" && !validUnit(t.Unit) {
		v.add(t.Unit, at+".unit", "Member must satisfy enum value set: "+listString(units))
	}
}

// transformationsString renders a transformation list as AWS's message does.
func transformationsString(ts []metricTransformation) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		def, unit, dims := "null", "null", "null"
		if t.DefaultValue != nil {
			def = formatFloat(*t.DefaultValue)
		}
		if t.Unit != "" {
			unit = t.Unit
		}
		if len(t.Dimensions) > 0 {
			dims = mapString(t.Dimensions)
		}
		parts[i] = "MetricTransformation(metricName=" + t.MetricName + ", metricNamespace=" + t.MetricNamespace +
			", metricValue=" + t.MetricValue + ", defaultValue=" + def + ", unit=" + unit + ", dimensions=" + dims + ")"
	}
	return listString(parts)
}

// mapString renders a map as Java does: {a=1, b=2}.
func mapString(m map[string]string) string {
	keys := sortedKeys(m)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + m[k]
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

type describeMetricFiltersIn struct {
	LogGroupName     *string `json:"logGroupName"`
	FilterNamePrefix string  `json:"filterNamePrefix"`
	NextToken        string  `json:"nextToken"`
	Limit            *int64  `json:"limit"`
	MetricName       string  `json:"metricName"`
	MetricNamespace  string  `json:"metricNamespace"`
}

type describeMetricFiltersOut struct {
	MetricFilters []metricFilterOut `json:"metricFilters"`
	NextToken     string            `json:"nextToken,omitempty"`
}

func describeMetricFilters(c *call, in *describeMetricFiltersIn) (any, error) {
	var v violations
	limit := int64(50)
	if in.Limit != nil {
		limit = *in.Limit
		v.rangeInt(limit, "limit", 1, 50)
	}
	if in.LogGroupName != nil {
		v.logGroupName(in.LogGroupName, "logGroupName")
	}
	if in.FilterNamePrefix != "" {
		v.length(in.FilterNamePrefix, "filterNamePrefix", 1, 512)
	}
	if err := v.err("InvalidParameterException", ""); err != nil {
		return nil, err
	}
	if (in.MetricName == "") != (in.MetricNamespace == "") {
		return nil, logsInvalid("If you specify metricName, you must also specify metricNamespace, and the reverse.")
	}
	type entry struct {
		group string
		f     *metricFilter
	}
	var all []entry
	add := func(g *logGroup) {
		for _, f := range g.filters {
			// AWS uses filterNamePrefix only together with logGroupName.
			if in.LogGroupName != nil && !strings.HasPrefix(f.name, in.FilterNamePrefix) {
				continue
			}
			if in.MetricName != "" && (f.t.MetricName != in.MetricName || f.t.MetricNamespace != in.MetricNamespace) {
				continue
			}
			all = append(all, entry{g.name, f})
		}
	}
	if in.LogGroupName != nil {
		g, err := c.group(*in.LogGroupName)
		if err != nil {
			return nil, err
		}
		add(g)
	} else {
		for _, g := range c.st.logGroups {
			add(g)
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].group != all[j].group {
			return all[i].group < all[j].group
		}
		return all[i].f.name < all[j].f.name
	})
	page, next, err := paginate(all, in.NextToken, int(limit), logsInvalid("The specified nextToken is invalid."))
	if err != nil {
		return nil, err
	}
	out := &describeMetricFiltersOut{MetricFilters: []metricFilterOut{}, NextToken: next}
	for _, e := range page {
		out.MetricFilters = append(out.MetricFilters, metricFilterOut{
			FilterName: e.f.name, FilterPattern: e.f.pattern, MetricTransformations: []metricTransformation{e.f.t},
			CreationTime: epochMillis(e.f.created), LogGroupName: e.group, ApplyOnTransformedLogs: e.f.onTransformed,
		})
	}
	return out, nil
}

type deleteMetricFilterIn struct {
	LogGroupName *string `json:"logGroupName"`
	FilterName   *string `json:"filterName"`
}

func deleteMetricFilter(c *call, in *deleteMetricFilterIn) (any, error) {
	if in.LogGroupName != nil && len(*in.LogGroupName) > 512 {
		return nil, logsInvalid("Invalid LogGroup or LogStream, both must have length less than or equal to 512.")
	}
	var v violations
	v.logGroupName(in.LogGroupName, "logGroupName")
	if v.required(in.FilterName, "filterName") && v.length(*in.FilterName, "filterName", 1, awslimits.FilterNameMaxLength) {
		v.match(*in.FilterName, "filterName", reNoColonAsterisk, shownNoColonAsterisk)
	}
	if err := v.err("InvalidParameterException", ""); err != nil {
		return nil, err
	}
	g, err := c.group(*in.LogGroupName)
	if err != nil {
		return nil, err
	}
	if g.filters[*in.FilterName] == nil {
		return nil, &awsError{Code: "ResourceNotFoundException", Message: "The specified metric filter does not exist.", Status: 400}
	}
	delete(g.filters, *in.FilterName)
	return nil, nil
}

type testMetricFilterIn struct {
	FilterPattern    *string  `json:"filterPattern"`
	LogEventMessages []string `json:"logEventMessages"`
}

type testMetricFilterOut struct {
	Matches []pattern.MetricFilterMatch `json:"matches"`
}

func testMetricFilter(_ *call, in *testMetricFilterIn) (any, error) {
	var v violations
	v.filterPattern(in.FilterPattern)
	switch n := len(in.LogEventMessages); {
	case in.LogEventMessages == nil:
		v.add(nil, "logEventMessages", "Member must not be null")
	case n < awslimits.TestMessagesMin:
		v.add("[]", "logEventMessages", awslimits.MinLength(awslimits.TestMessagesMin))
	case n > awslimits.TestMessagesMax:
		v.add(listString(in.LogEventMessages), "logEventMessages", awslimits.MaxLength(awslimits.TestMessagesMax))
	}
	for i, m := range in.LogEventMessages {
		if m == "" {
			v.add(m, "logEventMessages."+itoa(i+1)+".member", awslimits.MinLength(1))
		}
	}
	if err := v.err("InvalidParameterException", ""); err != nil {
		return nil, err
	}
	res, err := pattern.TestMetricFilter(*in.FilterPattern, in.LogEventMessages)
	if err != nil {
		return nil, patternError(err, msgInvalidMetricFilterPattern)
	}
	out := &testMetricFilterOut{Matches: res.Matches}
	if out.Matches == nil {
		out.Matches = []pattern.MetricFilterMatch{}
	}
	return out, nil
}
