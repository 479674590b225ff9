package lint

import (
	"strconv"
	"strings"

	"github.com/cwpat/cwpat/awslimits"
	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
)

// Checks of the infrastructure around the patterns, as CIS AWS Foundations
// 3.4 and the CloudTrail user guide ask of it: a trail sends its events to a
// CloudWatch Logs log group through a role, the log group has a name AWS
// accepts and keeps the records at least a year, and the alarms on
// CloudTrail metrics look at periods CloudTrail can fill (it delivers about
// every five minutes).

// Codes of the chain checks.
const (
	CodeTrailWithoutLogs     = "trail-without-cloudwatch-logs"
	CodeInvalidLogGroupName  = "invalid-log-group-name"
	CodeShortRetention       = "log-retention-under-a-year"
	CodeAlarmPeriodTooShort  = "alarm-period-under-delivery"
	minCloudTrailRetention   = 365 // days: CIS 3.4's rationale, the Conformity rule
	cloudTrailDeliveryPeriod = 300 // seconds: CloudTrail delivers to CloudWatch Logs about every 5 minutes
)

// checkChain runs the chain checks on the files deployed together.
func checkChain(scans []*scan) diag.List {
	var out diag.List
	ctGroups := map[string]bool{} // refs and literal names of CloudTrail log groups
	ctMetrics := map[string]bool{}
	for _, s := range scans {
		for _, t := range s.trails {
			out = append(out, checkTrail(s, t)...)
			if t.logGroupRef != "" {
				ctGroups[t.logGroupRef] = true
			}
			if name, ok := arnLogGroup(t.logGroupArn); ok {
				ctGroups[name] = true
				out = append(out, checkLogGroupName(s.file, t.logGroupArn, strings.Index(t.logGroupArn.Value, name), len(name))...)
			}
		}
		for _, fd := range s.patterns {
			if lg, ok := literal(fd.logGroup); ok {
				out = append(out, checkLogGroupName(s.file, fd.logGroup, 0, len(lg))...)
			}
			if !isCloudTrailPattern(fd) {
				continue
			}
			if fd.logGroupRef != "" {
				ctGroups[fd.logGroupRef] = true
			}
			if lg, ok := literal(fd.logGroup); ok {
				ctGroups[lg] = true
			}
			if fd.metric != nil {
				if k, ok := metricKey(fd.metric.namespace, fd.metric.name); ok {
					ctMetrics[k] = true
				}
			}
		}
	}
	for _, s := range scans {
		for _, g := range s.groups {
			name, named := literal(g.name)
			if named {
				out = append(out, checkLogGroupName(s.file, g.name, 0, len(name))...)
			}
			isCT := ctGroups[g.ref] || named && (ctGroups[name] || strings.Contains(strings.ToLower(name), "cloudtrail"))
			if isCT {
				out = append(out, checkRetention(s, g)...)
			}
		}
		for _, a := range s.alarms {
			if k, ok := metricKey(a.namespace, a.name); ok && ctMetrics[k] {
				out = append(out, checkAlarmPeriod(s, a, k)...)
			}
		}
	}
	return out
}

// isCloudTrailPattern reports whether a found pattern is a CloudTrail
// filter, as checkFound decided when it parsed it.
func isCloudTrailPattern(fd *found) bool {
	if fd.cloudTrail != 0 {
		return fd.cloudTrail > 0
	}
	v, ok := literal(&fd.pattern)
	if !ok {
		if lg, ok := literal(fd.logGroup); ok {
			return strings.Contains(strings.ToLower(lg), "cloudtrail")
		}
		return false
	}
	p, err := pattern.Parse(v)
	if err != nil || p.Kind() != pattern.JSON {
		return false
	}
	return isCloudTrailFilter(fd, jsonSelectors(v))
}

func checkTrail(s *scan, t *trailDef) diag.List {
	var missing []string
	if t.logGroupArn == nil {
		missing = append(missing, "the log group ARN")
	}
	if t.roleArn == nil {
		missing = append(missing, "the role ARN")
	}
	if len(missing) == 0 {
		return nil
	}
	d := newDiag(CodeTrailWithoutLogs, "trail "+t.resource+" does not send its events to CloudWatch Logs: "+strings.Join(missing, " and ")+
		" "+map[bool]string{true: "are", false: "is"}[len(missing) == 2]+" not set (CIS 3.4), so no metric filter or alarm sees its events",
		"set both (CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn; in Terraform cloud_watch_logs_group_arn and cloud_watch_logs_role_arn), or run cwpat deploy --connect-trail NAME")
	return diag.List{s.file.at(d, t.at)}
}

// arnLogGroup returns the log group name in a literal log group ARN
// (arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*).
func arnLogGroup(t *text) (string, bool) {
	v, ok := literal(t)
	if !ok {
		return "", false
	}
	_, rest, found := strings.Cut(v, ":log-group:")
	if !found {
		return "", false
	}
	rest = strings.TrimSuffix(rest, ":*")
	return rest, rest != ""
}

// checkLogGroupName checks the log group name at t.Value[start:start+n]
// against what CloudWatch Logs accepts: 1 to 512 of a-z, A-Z, 0-9, _ - / . #.
func checkLogGroupName(f *file, t *text, start, n int) diag.List {
	if start < 0 {
		return nil
	}
	name := t.Value[start : start+n]
	hint := "a log group name is 1 to 512 characters: letters, digits, _ (underscore), - (hyphen), / (slash), . (period) and # (number sign)"
	if name == "" {
		return diag.List{f.at(newDiag(CodeInvalidLogGroupName, "the log group name is empty", hint), t.fileOffset(start))}
	}
	for i, r := range name {
		if !logGroupNameRune(r) {
			d := newDiag(CodeInvalidLogGroupName, "log group name "+strconv.Quote(name)+" contains "+strconv.QuoteRune(r)+", which CloudWatch Logs refuses", hint)
			return diag.List{f.at(d, t.fileOffset(start+i))}
		}
	}
	if l := awslimits.Length(name); l > awslimits.LogGroupNameMaxLength {
		d := newDiag(CodeInvalidLogGroupName, "log group name is "+strconv.Itoa(l)+" characters long; CloudWatch Logs allows "+strconv.Itoa(awslimits.LogGroupNameMaxLength), hint)
		return diag.List{f.at(d, t.fileOffset(start))}
	}
	return nil
}

func logGroupNameRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_-/.#", r)
}

func checkRetention(s *scan, g *logGroupDef) diag.List {
	v, ok := literal(g.retention)
	if !ok {
		return nil
	}
	days, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || days <= 0 || days >= minCloudTrailRetention {
		return nil // 0 or unset: kept for ever
	}
	d := newDiag(CodeShortRetention, "log group "+g.resource+" holds CloudTrail records but keeps them "+strconv.Itoa(days)+" days; CIS 3.4 asks for at least 365",
		"set the retention to 365 days or more, or leave it unset to keep the records for ever; the trail's S3 archive is not searchable by metric filters")
	return diag.List{s.file.at(d, g.retention.fileOffset(0))}
}

func checkAlarmPeriod(s *scan, a *alarmDef, metric string) diag.List {
	v, ok := literal(a.period)
	if !ok {
		return nil
	}
	secs, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || secs >= cloudTrailDeliveryPeriod || secs <= 0 {
		return nil
	}
	d := newDiag(CodeAlarmPeriodTooShort, "alarm "+a.resource+" evaluates CloudTrail metric "+metric+" every "+strconv.Itoa(secs)+
		" seconds, but CloudTrail delivers events to CloudWatch Logs about every 5 minutes",
		"use a period of 300 seconds or more: shorter periods are mostly empty, so the alarm flaps or misses events that arrive in one batch")
	return diag.List{s.file.at(d, a.period.fileOffset(0))}
}
