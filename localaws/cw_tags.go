package localaws

import (
	"sort"
	"strings"

	"github.com/cwpat/cwpat/awslimits"
)

// CloudWatch: tagging alarms, and the operation table.

func checkCWTags(tags []cwTag) error {
	var v violations
	for i, t := range tags {
		at := "tags." + itoa(i+1) + ".member"
		v.length(t.Key, at+".key", 1, awslimits.TagKeyMaxLength)
		if awslimits.Length(t.Value) > awslimits.TagValueMaxLength {
			v.add(t.Value, at+".value", "Member must have length less than or equal to 256")
		}
		if strings.HasPrefix(strings.ToLower(t.Key), "aws:") {
			return cwInvalidValue("Tag keys beginning with aws: are reserved for system use.")
		}
	}
	if len(tags) > maxTags {
		v.add("[...]", "tags", "Member must have length less than or equal to 50")
	}
	return v.cwErr()
}

// alarmByARN finds a tagged alarm by its ARN.
func (c *call) alarmByARN(arn *string) (*alarm, error) {
	if arn == nil {
		return nil, cwMissing("ResourceARN")
	}
	name, ok := strings.CutPrefix(*arn, c.st.alarmARN(""))
	a := c.st.alarms[name]
	if !ok || a == nil {
		return nil, cwResourceNotFoundException("Unknown resource %s.", *arn)
	}
	return a, nil
}

func cwTagResource(c *call, in *cwTagResourceIn) (any, error) {
	a, err := c.alarmByARN(in.ResourceARN)
	if err != nil {
		return nil, err
	}
	if err := checkCWTags(in.Tags); err != nil {
		return nil, err
	}
	tags := copyTags(c.st.cwTags[a.AlarmArn])
	if tags == nil {
		tags = map[string]string{}
	}
	for _, t := range in.Tags {
		tags[t.Key] = t.Value
	}
	if len(tags) > maxTags {
		return nil, cwLimitExceeded("The maximum number of tags (50) for the resource has been exceeded.")
	}
	c.st.cwTags[a.AlarmArn] = tags
	return nil, nil
}

func cwUntagResource(c *call, in *cwUntagResourceIn) (any, error) {
	a, err := c.alarmByARN(in.ResourceARN)
	if err != nil {
		return nil, err
	}
	for _, k := range in.TagKeys {
		delete(c.st.cwTags[a.AlarmArn], k)
	}
	return nil, nil
}

func cwListTagsForResource(c *call, in *cwListTagsIn) (any, error) {
	a, err := c.alarmByARN(in.ResourceARN)
	if err != nil {
		return nil, err
	}
	tags := c.st.cwTags[a.AlarmArn]
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := &cwListTagsOut{Tags: []cwTag{}}
	for _, k := range keys {
		out.Tags = append(out.Tags, cwTag{Key: k, Value: tags[k]})
	}
	return out, nil
}

// cloudwatchHandlers is the CloudWatch operation table (CBOR and query).
func cloudwatchHandlers() map[string]handler {
	return map[string]handler{
		"PutMetricAlarm":          op(putMetricAlarm),
		"DescribeAlarms":          op(describeAlarms),
		"DescribeAlarmsForMetric": op(describeAlarmsForMetric),
		"DeleteAlarms":            op(deleteAlarms),
		"SetAlarmState":           op(setAlarmState),
		"DescribeAlarmHistory":    op(describeAlarmHistory),
		"EnableAlarmActions":      op(setActionsEnabled(true)),
		"DisableAlarmActions":     op(setActionsEnabled(false)),
		"PutMetricData":           op(putMetricData),
		"ListMetrics":             op(listMetrics),
		"GetMetricStatistics":     op(getMetricStatistics),
		"GetMetricData":           op(getMetricData),
		"TagResource":             op(cwTagResource),
		"UntagResource":           op(cwUntagResource),
		"ListTagsForResource":     op(cwListTagsForResource),
	}
}
