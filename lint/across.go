package lint

import (
	"github.com/cwpat/cwpat/awslimits"

	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cwpat/cwpat/diag"
)

// Checks across the files deployed together: metrics published twice,
// alarms on the same metric or on a metric nothing publishes, and
// per-log-group quotas.

// deployUnits groups scans into what is deployed together: a CloudFormation
// template or a rule file on its own, the .tf files of one directory (a
// Terraform module) together. Two stacks in one repository may well publish
// the same metric into different accounts.
func deployUnits(scans []*scan) [][]*scan {
	var out [][]*scan
	modules := map[string]int{}
	for _, s := range scans {
		if k := typeByName(s.file.Name); k == "tf" || k == "tfjson" {
			dir := filepath.Dir(s.file.Name)
			if i, ok := modules[dir]; ok {
				out[i] = append(out[i], s)
				continue
			}
			modules[dir] = len(out)
		}
		out = append(out, []*scan{s})
	}
	return out
}

type filterRef struct {
	s  *scan
	fd *found
}

type alarmRef struct {
	s *scan
	a *alarmDef
}

// metricKey is "namespace/name" when both are literals.
func metricKey(ns, name *text) (string, bool) {
	n, ok1 := literal(ns)
	m, ok2 := literal(name)
	if !ok1 || !ok2 || m == "" {
		return "", false
	}
	return n + "/" + m, true
}

// where names a place for a message: "Resources.X (template.yaml:12)".
func where(s *scan, resource string, off int) string {
	p := s.file.pos(off)
	return fmt.Sprintf("%s (%s:%d)", resource, p.File, p.Line)
}

func textAt(t *text, fallback int) int {
	if t == nil {
		return fallback
	}
	if !t.Literal {
		return t.nonLiteralAt
	}
	return t.fileOffset(0)
}

func checkAcross(scans []*scan) diag.List {
	var out diag.List
	byMetric := map[string][]filterRef{}
	var metricKeys []string
	namespaces := map[string]bool{}
	byGroup := map[string][]filterRef{}
	var groups []string
	for _, s := range scans {
		for _, fd := range s.patterns {
			if lg, ok := literal(fd.logGroup); ok && lg != "" {
				if byGroup[lg] == nil {
					groups = append(groups, lg)
				}
				byGroup[lg] = append(byGroup[lg], filterRef{s, fd})
			}
			if fd.metric == nil {
				continue
			}
			k, ok := metricKey(fd.metric.namespace, fd.metric.name)
			if !ok {
				continue
			}
			if byMetric[k] == nil {
				metricKeys = append(metricKeys, k)
			}
			byMetric[k] = append(byMetric[k], filterRef{s, fd})
			namespaces[fd.metric.namespace.Value] = true
		}
	}
	for _, k := range metricKeys {
		out = append(out, duplicateMetrics(k, byMetric[k])...)
	}

	byAlarm := map[string][]alarmRef{}
	var alarmKeys []string
	alarmNamespaces := map[string]bool{}
	for _, s := range scans {
		for _, a := range s.alarms {
			k, ok := metricKey(a.namespace, a.name)
			if !ok {
				continue
			}
			if byAlarm[k] == nil {
				alarmKeys = append(alarmKeys, k)
			}
			byAlarm[k] = append(byAlarm[k], alarmRef{s, a})
			alarmNamespaces[a.namespace.Value] = true
		}
	}
	unwatched := 0
	for _, k := range metricKeys {
		if byAlarm[k] == nil && alarmNamespaces[byMetric[k][0].fd.metric.namespace.Value] {
			unwatched++
			fr := byMetric[k][0]
			d := newDiag(CodeMetricWithoutAlarm, "no alarm watches metric "+k+" that "+fr.fd.resource+" publishes",
				"add an alarm on it, or drop the metric filter; a metric nobody watches alerts nobody")
			out = append(out, fr.s.file.at(d, textAt(fr.fd.metric.name, fr.fd.metric.at)))
		}
	}
	for _, k := range alarmKeys {
		refs := byAlarm[k]
		if byMetric[k] == nil && namespaces[refs[0].a.namespace.Value] {
			for _, ar := range refs {
				msg := "alarm " + ar.a.resource + " watches metric " + k + ", which no metric filter publishes"
				hint := "an alarm on a metric that never gets data never fires"
				if near := nearestMetric(k, metricKeys); near != "" {
					msg += "; did you mean " + near + "?"
				}
				d := newDiag(CodeAlarmUnpublished, msg, hint)
				out = append(out, ar.s.file.at(d, textAt(ar.a.name, ar.a.at)))
			}
		}
		for i := 1; i < len(refs); i++ {
			first, ar := refs[0], refs[i]
			d := newDiag(CodeDuplicateAlarm, "alarm "+ar.a.resource+" watches metric "+k+", as does "+where(first.s, first.a.resource, textAt(first.a.name, first.a.at)),
				"a copied alarm that kept the old metric name leaves another metric unwatched")
			if unwatched == 0 {
				d.Severity = diag.Info
			}
			out = append(out, ar.s.file.at(d, textAt(ar.a.name, ar.a.at)))
		}
	}
	for _, g := range groups {
		out = append(out, groupQuotas(g, byGroup[g])...)
	}
	return out
}

// duplicateMetrics reports metric filters that publish a metric another
// filter already publishes. The same pattern on different log groups is a
// deliberate fan-in and is not reported.
func duplicateMetrics(k string, refs []filterRef) diag.List {
	var out diag.List
	for i := 1; i < len(refs); i++ {
		for j := 0; j < i; j++ {
			a, b := refs[j], refs[i]
			ga, okA := literal(a.fd.logGroup)
			gb, okB := literal(b.fd.logGroup)
			samePattern := a.fd.pattern.Literal && b.fd.pattern.Literal && a.fd.pattern.Value == b.fd.pattern.Value
			if samePattern && okA && okB && ga != gb {
				continue
			}
			msg := b.fd.resource + " publishes metric " + k + ", as does " + where(a.s, a.fd.resource, textAt(a.fd.metric.name, a.fd.metric.at))
			hint := "their counts add up in one metric, so its alarm cannot tell them apart; give each filter its own metric name"
			if samePattern {
				hint = "the same pattern twice on one log group counts every event twice; drop one of the filters"
			}
			d := newDiag(CodeDuplicateMetric, msg, hint)
			out = append(out, b.s.file.at(d, textAt(b.fd.metric.name, b.fd.metric.at)))
			break
		}
	}
	return out
}

// groupQuotas checks AWS's per-log-group limits: at most two subscription
// filters, and at most five metric and subscription filters whose patterns
// contain a regex.
func groupQuotas(group string, refs []filterRef) diag.List {
	var out diag.List
	subs, regex := 0, 0
	for _, r := range refs {
		at := textAt(&r.fd.pattern, 0)
		if r.fd.use == UseSubscriptionFilter {
			subs++
			if subs == awslimits.SubscriptionFiltersPerLogGroup+1 {
				d := newDiag(CodeTooManySubscription, r.fd.resource+" is the third subscription filter on log group "+group+"; a log group can have at most 2",
					"send the events through one subscription (a Kinesis stream or Firehose) and fan out from there")
				out = append(out, r.s.file.at(d, at))
			}
		}
		if r.fd.pattern.Literal && regexCount(r.fd.pattern.Value) > 0 {
			regex++
			if regex == awslimits.RegexFiltersPerLogGroup+1 {
				d := newDiag(CodeTooManyRegexFilters, r.fd.resource+" is the sixth filter with a regex on log group "+group+"; AWS allows 5 per log group",
					"replace a regex with terms or wildcards (\"AccessDenied*\"), or combine filters")
				out = append(out, r.s.file.at(d, at))
			}
		}
	}
	return out
}

// nearestMetric suggests the published metric an alarm most likely meant.
func nearestMetric(k string, keys []string) string {
	ns := k[:strings.LastIndexByte(k, '/')+1]
	var cands []string
	for _, c := range keys {
		if strings.HasPrefix(c, ns) {
			cands = append(cands, c)
		}
	}
	sort.Strings(cands)
	best, bestD := "", len(k)/3+1
	for _, c := range cands {
		if d := levenshtein(strings.ToLower(k), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
