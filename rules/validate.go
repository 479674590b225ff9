package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/agext/levenshtein"

	"github.com/cwpat/cwpat/awslimits"
	"github.com/cwpat/cwpat/diag"
)

// Severities a rule may have, least severe first.
var Severities = []string{"informational", "low", "medium", "high", "critical"}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)

// validate checks every rule's structure (not its pattern: that is
// Check's job, since it needs the pattern compiler) and the set's
// consistency: unique alarm and filter names, resolvable examples.
func validate(s *Set) error {
	var l diag.List
	alarmNames := map[string]*Rule{}
	filterNames := map[string]*Rule{}
	for _, r := range s.Rules {
		l = append(l, validateRule(s, r)...)
		if r.Alarm.AlarmName != "" {
			if prev := alarmNames[r.Alarm.AlarmName]; prev != nil {
				at, other := blame(r, prev, "alarm.alarmName")
				l = append(l, errAt(at, "alarm.alarmName", "duplicate-name", "",
					"alarm name %q is also used by rule %q; PutMetricAlarm would overwrite one with the other", r.Alarm.AlarmName, other.ID))
			}
			alarmNames[r.Alarm.AlarmName] = r
		}
		if fn := r.EffectiveFilterName(); fn != "" {
			if prev := filterNames[fn]; prev != nil {
				at, other := blame(r, prev, "metricTransformation.metricName")
				l = append(l, errAt(at, "filterName", "duplicate-name", "give one of them a filterName",
					"metric filter name %q is also used by rule %q", fn, other.ID))
			}
			filterNames[fn] = r
		}
	}
	if len(l) > 0 {
		l.Sort()
		return l
	}
	return nil
}

// blame picks which of two clashing rules to report: the one whose clashing
// field was written in the file being loaded, not the one inherited.
func blame(r, prev *Rule, key string) (at, other *Rule) {
	_, rSet := r.Source.Fields[key]
	_, prevSet := prev.Source.Fields[key]
	if prevSet && !rSet {
		return prev, r
	}
	return r, prev
}

func validateRule(s *Set, r *Rule) diag.List {
	var l diag.List
	add := func(key, code, hint, format string, args ...any) {
		l = append(l, errAt(r, key, code, hint, format, args...))
	}
	if !idPattern.MatchString(r.ID) {
		add("id", "bad-id", "ids are lower-case words joined by hyphens, like root-usage", "rule id %q is not a valid id", r.ID)
	}
	if r.Title == "" {
		add("", "missing-key", "", "rule %q has no title", r.ID)
	}
	if !slices.Contains(Severities, r.Severity) {
		add("severity", "bad-value", "one of: "+strings.Join(Severities, ", "), "severity %q is not a severity", r.Severity)
	}
	if strings.TrimSpace(r.FilterPattern) == "" {
		add("", "missing-key", "an empty pattern matches every event; write filterPattern: \" \" if that is really meant", "rule %q has no filterPattern", r.ID)
	}
	mt := r.MetricTransformation
	if mt.MetricName == "" {
		add("metricTransformation", "missing-key", "", "rule %q has no metricTransformation.metricName", r.ID)
	}
	if mt.MetricNamespace == "" {
		add("metricTransformation", "missing-key", "CIS uses CISBenchmark, Security Hub LogMetrics, the CloudTrail sample CloudTrailMetrics", "rule %q has no metricTransformation.metricNamespace", r.ID)
	} else if strings.HasPrefix(mt.MetricNamespace, "AWS/") {
		add("metricTransformation.metricNamespace", "bad-value", "", "namespace %q: names starting with AWS/ are reserved for AWS services", mt.MetricNamespace)
	}
	if len(mt.Dimensions) > 0 {
		// A filter with dimensions publishes only per-dimension-value series;
		// the rule's alarm names no dimensions, so it would watch a series
		// that never gets data: a dead alarm, refused rather than deployed.
		add("metricTransformation.dimensions", "bad-value",
			"remove the dimensions (the CIS alarms count events, they need none), or alarm on the per-value metrics outside cwpat",
			"the metric filter publishes with dimensions, but the rule's alarm watches the metric without them and would never see data")
	}
	if mt.MetricValue == "" {
		add("metricTransformation", "missing-key", "", "rule %q has no metricTransformation.metricValue", r.ID)
	}
	if r.Alarm.AlarmName == "" {
		add("alarm", "missing-key", "", "rule %q has no alarm.alarmName", r.ID)
	} else if n := awslimits.Length(r.Alarm.AlarmName); n > awslimits.AlarmNameMaxLength {
		add("alarm.alarmName", "bad-value", "", "alarm name is %d characters; CloudWatch allows %d", n, awslimits.AlarmNameMaxLength)
	} else if i := strings.IndexFunc(r.Alarm.AlarmName, func(c rune) bool { return c > 126 || c < 32 }); i >= 0 {
		add("alarm.alarmName", "bad-value", "", "alarm names must be printable ASCII (character %d is not)", i+1)
	}
	if err := r.Alarm.Validate(); err != nil {
		for _, e := range unjoin(err) {
			key, _, _ := strings.Cut(e.Error(), " ")
			add("alarm."+key, "bad-alarm", "", "%v", e)
		}
	}
	r.Examples.Each(func(ref ExampleRef, _ Expectation) {
		if ref.Event != nil || s.Examples == nil {
			return
		}
		if _, ok := s.Examples.Get(ref.Name); !ok {
			hint := "name an event of the example library or write the event inline under event:"
			if best := closest(ref.Name, s.Examples.Names()); best != "" {
				hint = fmt.Sprintf("did you mean %q?", best)
			}
			l = append(l, diag.Diagnostic{Code: "unknown-example", Severity: diag.Error, Pos: ref.Pos, Len: len(ref.Name),
				Message: fmt.Sprintf("no example event named %q", ref.Name), Hint: hint, SourceLine: r.SourceLine(ref.Pos)})
		}
	})
	return l
}

func errAt(r *Rule, key, code, hint, format string, args ...any) diag.Diagnostic {
	p := r.Source.FieldPos(key)
	return diag.Diagnostic{Code: code, Severity: diag.Error, Pos: p, Len: 1,
		Message: fmt.Sprintf(format, args...), Hint: hint, SourceLine: diag.LineAt(r.Source.Text, p.Line)}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func closest(name string, candidates []string) string {
	best, dist := "", len(name)/3+2
	for _, c := range candidates {
		if d := levenshtein.Distance(name, c, nil); d < dist {
			best, dist = c, d
		}
	}
	return best
}
