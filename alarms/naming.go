package alarms

import (
	"fmt"
	"hash/fnv"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"github.com/cwpat/cwpat/awslimits"
)

// Tags cwpat puts on what it creates. TagManagedBy=ManagedByValue is the
// ownership mark: cwpat updates and deletes only resources carrying it.
// Metric filters cannot be tagged in AWS, so a filter is cwpat's when an
// owned alarm names it in TagMetricFilter (and its name has the prefix).
const (
	TagManagedBy    = "managed-by"
	ManagedByValue  = "cwpat"
	TagRuleID       = "cwpat:rule-id"
	TagRuleSet      = "cwpat:rule-set"
	TagMetricFilter = "cwpat:metric-filter"
	TagLogGroup     = "cwpat:log-group"
	// TagNameSuffix records --name-suffix, so deployments that share a
	// prefix (cwpat-...-prod, cwpat-...-dev) never clean up each other.
	TagNameSuffix = "cwpat:name-suffix"
	// TagTrail names the trail a log group or role was created to connect.
	TagTrail = "cwpat:trail"
	// TagSubscription starts the tags on an owned topic that record each
	// subscription cwpat added (cwpat:subscription:HASH = protocol:endpoint),
	// so destroy can tell them from subscriptions other people made.
	TagSubscription = "cwpat:subscription:"
)

// subscriptionTag is the tag recording that cwpat added s; ok is false when
// the endpoint cannot be stored as a tag value.
func subscriptionTag(s Subscription) (key, value string, ok bool) {
	v := s.String()
	if !taggable(v) {
		return "", "", false
	}
	h := fnv.New32a()
	_, _ = h.Write([]byte(v))
	return fmt.Sprintf("%s%08x", TagSubscription, h.Sum32()), v, true
}

// recordedSubscriptions returns the protocol:endpoint values an owned
// topic's tags record as cwpat's.
func recordedSubscriptions(tags map[string]string) map[string]bool {
	out := map[string]bool{}
	for k, v := range tags {
		if strings.HasPrefix(k, TagSubscription) {
			out[v] = true
		}
	}
	return out
}

// DefaultPrefix starts the names of everything cwpat creates.
const DefaultPrefix = "cwpat-"

// DefaultTopicName is the SNS topic cwpat creates when none is named.
const DefaultTopicName = "cwpat-alarms"

// Owned reports whether tags carry cwpat's ownership mark.
func Owned(tags map[string]string) bool { return tags[TagManagedBy] == ManagedByValue }

// tagValueRE is the character set CloudWatch and SNS accept in tag keys and
// values (letters, spaces, digits and _ . : / = + - @).
var tagValueRE = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

func checkTag(k, v string) error {
	switch {
	case k == "" || awslimits.Length(k) > awslimits.TagKeyMaxLength:
		return fmt.Errorf("tag key %q must be 1 to %d characters", k, awslimits.TagKeyMaxLength)
	case strings.HasPrefix(strings.ToLower(k), "aws:"):
		return fmt.Errorf("tag key %q: the aws: prefix is reserved for AWS", k)
	case awslimits.Length(v) > awslimits.TagValueMaxLength:
		return fmt.Errorf("tag %q: value longer than %d characters", k, awslimits.TagValueMaxLength)
	case !tagValueRE.MatchString(k) || !tagValueRE.MatchString(v):
		return fmt.Errorf("tag %s=%s: only letters, digits, spaces and _ . : / = + - @ are allowed", k, v)
	}
	return nil
}

// taggable reports whether v can be stored as a tag value; cwpat leaves out
// bookkeeping tags it cannot store (a log group name with '#', say).
func taggable(v string) bool {
	return awslimits.Length(v) <= awslimits.TagValueMaxLength && tagValueRE.MatchString(v)
}

func checkFilterName(n string) error {
	switch {
	case n == "" || awslimits.Length(n) > awslimits.FilterNameMaxLength:
		return fmt.Errorf("metric filter name %q must be 1 to %d characters", n, awslimits.FilterNameMaxLength)
	case strings.ContainsAny(n, ":*"):
		return fmt.Errorf("metric filter name %q: ':' and '*' are not allowed", n)
	}
	return nil
}

func checkAlarmName(n string) error {
	if n == "" || awslimits.Length(n) > awslimits.AlarmNameMaxLength {
		return fmt.Errorf("alarm name %q must be 1 to %d characters", n, awslimits.AlarmNameMaxLength)
	}
	for _, r := range n {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("alarm name %q contains a control character", n)
		}
	}
	return nil
}

var topicNameRE = regexp.MustCompile(fmt.Sprintf(`^[A-Za-z0-9_-]{1,%d}$`, awslimits.TopicNameMaxLength))

func checkTopicName(n string) error {
	if strings.HasSuffix(n, ".fifo") {
		return fmt.Errorf("topic %q is a FIFO topic: CloudWatch alarms can only notify standard topics (a FIFO topic needs a message group id on every publish and delivers only to SQS FIFO queues)", n)
	}
	if !topicNameRE.MatchString(n) {
		return fmt.Errorf("topic name %q: 1 to %d letters, digits, '-' or '_'", n, awslimits.TopicNameMaxLength)
	}
	return nil
}

func checkSubscription(s Subscription) error {
	switch s.Protocol {
	case "email":
		at := strings.IndexByte(s.Endpoint, '@')
		if at <= 0 || at == len(s.Endpoint)-1 || strings.IndexFunc(s.Endpoint, unicode.IsSpace) >= 0 {
			return fmt.Errorf("--email %q is not an email address", s.Endpoint)
		}
	case "https":
		u, err := url.Parse(s.Endpoint)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return fmt.Errorf("--https %q must be an https:// URL", s.Endpoint)
		}
	case "sqs":
		if !isARN(s.Endpoint, "sqs") {
			return fmt.Errorf("--sqs %q must be a queue ARN (arn:aws:sqs:region:account:name)", s.Endpoint)
		}
	case "lambda":
		if !isARN(s.Endpoint, "lambda") {
			return fmt.Errorf("--lambda %q must be a function ARN (arn:aws:lambda:region:account:function:name)", s.Endpoint)
		}
	default:
		return fmt.Errorf("subscription protocol %q: want email, https, sqs or lambda", s.Protocol)
	}
	return nil
}

// isARN reports whether s is an ARN of service: arn:partition:service:region:account:rest.
func isARN(s, service string) bool {
	parts := strings.SplitN(s, ":", 6)
	return len(parts) == 6 && parts[0] == "arn" && parts[1] != "" && parts[2] == service &&
		parts[3] != "" && parts[4] != "" && parts[5] != ""
}

// ARN is the parsed form of an Amazon Resource Name.
type ARN struct {
	Partition, Service, Region, Account, Resource string
}

// ParseARN splits an ARN into its parts.
func ParseARN(s string) (ARN, error) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return ARN{}, fmt.Errorf("%q is not an ARN (arn:partition:service:region:account:resource)", s)
	}
	return ARN{parts[1], parts[2], parts[3], parts[4], parts[5]}, nil
}

// String renders the ARN.
func (a ARN) String() string {
	return "arn:" + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.Account + ":" + a.Resource
}

// LogGroupFromARN takes the log group name out of a trail's
// CloudWatchLogsLogGroupArn, arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*.
func LogGroupFromARN(s string) (name string, arn ARN, err error) {
	arn, err = ParseARN(s)
	if err != nil {
		return "", arn, err
	}
	rest, ok := strings.CutPrefix(arn.Resource, "log-group:")
	if arn.Service != "logs" || !ok {
		return "", arn, fmt.Errorf("%q is not a CloudWatch Logs log group ARN", s)
	}
	name = strings.TrimSuffix(rest, ":*")
	if name == "" || strings.Contains(name, ":") {
		return "", arn, fmt.Errorf("%q: cannot read the log group name", s)
	}
	return name, arn, nil
}

// ownershipTags are the tags that mark an alarm as cwpat's and name its filter.
func ownershipTags(ruleSet, ruleID, suffix string, f *MetricFilter) map[string]string {
	t := map[string]string{TagManagedBy: ManagedByValue}
	if suffix != "" {
		t[TagNameSuffix] = suffix // checked by Validate: must be storable
	}
	if ruleSet != "" && taggable(ruleSet) {
		t[TagRuleSet] = ruleSet
	}
	if ruleID != "" && taggable(ruleID) {
		t[TagRuleID] = ruleID
	}
	if f != nil {
		t[TagMetricFilter] = f.Name // checked by Validate: must be storable
		if taggable(f.LogGroupName) {
			t[TagLogGroup] = f.LogGroupName
		}
	}
	return t
}
