package backtest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cwpat/cwpat/pattern"
	"github.com/cwpat/cwpat/rules"
	"github.com/cwpat/cwpat/sim"
)

// Rule is what a backtest needs of a rule: its metric filter and its alarm.
type Rule struct {
	ID                   string                       `json:"id"`
	Title                string                       `json:"title,omitempty"`
	FilterPattern        string                       `json:"filterPattern"`
	MetricTransformation pattern.MetricTransformation `json:"metricTransformation"`
	AlarmName            string                       `json:"alarmName,omitempty"`
	Alarm                sim.Alarm                    `json:"-"`
	// Severity and Controls are carried into the report as they are
	// (informational ... critical; "CIS 4.3 (v5.0.0)", "CloudWatch.1").
	Severity string   `json:"severity,omitempty"`
	Controls []string `json:"controls,omitempty"`
}

// compiled is a rule ready for the per-record path.
type compiled struct {
	Rule
	filter *pattern.MetricFilter
	// constant is the metric value when it is a number and the filter has
	// no dimensions: then a match publishes constant without a second look
	// at the event.
	constant    float64
	isConstant  bool
	hasDims     bool
	defaultVal  *float64
	alarmFailed error // the alarm settings CloudWatch would refuse
}

// seriesPeriod is the period of the rule's metric series: the alarm's, or a
// minute when the alarm's is shorter (metric filters publish
// standard-resolution metrics).
func (c *compiled) seriesPeriod() time.Duration {
	return max(c.Alarm.PeriodDuration(), time.Minute)
}

// compile checks every rule and compiles the set's patterns into one Set.
func compile(rules []Rule) ([]*compiled, *pattern.Set, error) {
	out := make([]*compiled, len(rules))
	patterns := make([]string, len(rules))
	var errs []string
	for i, r := range rules {
		c := &compiled{Rule: r}
		f, err := pattern.NewMetricFilter(r.FilterPattern, r.MetricTransformation)
		if err != nil {
			errs = append(errs, fmt.Sprintf("rule %s: %v", r.ID, err))
			continue
		}
		c.filter = f
		c.hasDims = len(r.MetricTransformation.Dimensions) > 0
		if v, err := strconv.ParseFloat(strings.TrimSpace(r.MetricTransformation.MetricValue), 64); err == nil && !c.hasDims {
			c.constant, c.isConstant = v, true
		}
		c.defaultVal = r.MetricTransformation.DefaultValue
		c.alarmFailed = r.Alarm.Validate()
		out[i] = c
		patterns[i] = r.FilterPattern
	}
	if len(errs) > 0 {
		return nil, nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	set, err := pattern.CompileSet(patterns)
	if err != nil {
		return nil, nil, err
	}
	return out, set, nil
}

// RulesFrom turns a rule set into what a backtest replays: each rule's
// metric filter and alarm, in the set's order.
func RulesFrom(set *rules.Set) []Rule {
	out := make([]Rule, len(set.Rules))
	for i, r := range set.Rules {
		out[i] = Rule{ID: r.ID, Title: r.Title, FilterPattern: r.FilterPattern,
			MetricTransformation: r.MetricTransformation, AlarmName: r.Alarm.AlarmName, Alarm: r.Alarm.Alarm,
			Severity: r.Severity, Controls: controls(set, r)}
	}
	return out
}

// controls names the standards' controls r implements: its CIS
// recommendation in the set's CIS version (the latest when the set is not
// a CIS version), then its Security Hub control.
func controls(set *rules.Set, r *rules.Rule) []string {
	var out []string
	versions := make([]string, 0, len(r.References.CIS))
	for v := range r.References.CIS {
		versions = append(versions, v)
	}
	slices.SortFunc(versions, func(a, b string) int { return compareVersions(a, b) })
	if len(versions) > 0 {
		v := versions[len(versions)-1]
		for _, name := range []string{set.Name, set.Extends} {
			if want, ok := strings.CutPrefix(name, "cis-"); ok {
				for _, c := range versions {
					if strings.HasPrefix(c, want+".") {
						v = c
					}
				}
				break
			}
		}
		out = append(out, fmt.Sprintf("CIS %s (v%s)", r.References.CIS[v], v))
	}
	if r.References.SecurityHub != "" {
		out = append(out, r.References.SecurityHub)
	}
	return out
}

// compareVersions orders "1.2.0" before "1.10.0".
func compareVersions(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, _ := strconv.Atoi(as[i])
		y, _ := strconv.Atoi(bs[i])
		if x != y {
			return x - y
		}
	}
	return len(as) - len(bs)
}
