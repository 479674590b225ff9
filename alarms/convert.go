package alarms

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"

	"github.com/cwpat/cwpat/sim"
)

// filterFromSDK turns a DescribeMetricFilters entry into a MetricFilter. A
// filter with several transformations keeps the first (CIS filters have
// one); extraTransformations reports the rest so audit can still see them.
func filterFromSDK(f logstypes.MetricFilter) (MetricFilter, []MetricFilter) {
	out := MetricFilter{
		LogGroupName: aws.ToString(f.LogGroupName),
		Name:         aws.ToString(f.FilterName),
		Pattern:      aws.ToString(f.FilterPattern),
	}
	var extra []MetricFilter
	for i, t := range f.MetricTransformations {
		m := out
		m.MetricName = aws.ToString(t.MetricName)
		m.MetricNamespace = aws.ToString(t.MetricNamespace)
		m.MetricValue = aws.ToString(t.MetricValue)
		m.DefaultValue = t.DefaultValue
		m.Unit = string(t.Unit)
		m.Dimensions = t.Dimensions
		if i == 0 {
			out = m
		} else {
			extra = append(extra, m)
		}
	}
	return out, extra
}

func filterToSDK(f *MetricFilter) []logstypes.MetricTransformation {
	t := logstypes.MetricTransformation{
		MetricName:      aws.String(f.MetricName),
		MetricNamespace: aws.String(f.MetricNamespace),
		MetricValue:     aws.String(f.MetricValue),
		DefaultValue:    f.DefaultValue,
		Dimensions:      f.Dimensions,
	}
	if f.Unit != "" {
		t.Unit = logstypes.StandardUnit(f.Unit)
	}
	return []logstypes.MetricTransformation{t}
}

// alarmFromSDK turns a DescribeAlarms entry into an Alarm (tags are read
// separately).
func alarmFromSDK(a cwtypes.MetricAlarm) CurrentAlarm {
	out := CurrentAlarm{ARN: aws.ToString(a.AlarmArn), Alarm: Alarm{
		Name:        aws.ToString(a.AlarmName),
		Description: aws.ToString(a.AlarmDescription),
		MetricName:  aws.ToString(a.MetricName),
		Namespace:   aws.ToString(a.Namespace),
		Alarm: sim.Alarm{
			Statistic:          sim.Statistic(a.Statistic),
			Period:             int(aws.ToInt32(a.Period)),
			EvaluationPeriods:  int(aws.ToInt32(a.EvaluationPeriods)),
			DatapointsToAlarm:  int(aws.ToInt32(a.DatapointsToAlarm)),
			Threshold:          aws.ToFloat64(a.Threshold),
			ComparisonOperator: sim.ComparisonOperator(a.ComparisonOperator),
			TreatMissingData:   sim.TreatMissingData(aws.ToString(a.TreatMissingData)),
			Unit:               string(a.Unit),
		},
		ExtendedStatistic: aws.ToString(a.ExtendedStatistic),
		ActionsEnabled:    aws.ToBool(a.ActionsEnabled),
		AlarmActions:      a.AlarmActions,
		OKActions:         a.OKActions,
		MetricMath:        len(a.Metrics) > 0,
	}}
	if len(a.Dimensions) > 0 {
		out.Dimensions = map[string]string{}
		for _, d := range a.Dimensions {
			out.Dimensions[aws.ToString(d.Name)] = aws.ToString(d.Value)
		}
	}
	return out
}

func dimensionsToSDK(m map[string]string) []cwtypes.Dimension {
	var out []cwtypes.Dimension
	for _, k := range sortedKeys(m) {
		out = append(out, cwtypes.Dimension{Name: aws.String(k), Value: aws.String(m[k])})
	}
	return out
}

func cwTagsToSDK(m map[string]string) []cwtypes.Tag {
	var out []cwtypes.Tag
	for _, k := range sortedKeys(m) {
		out = append(out, cwtypes.Tag{Key: aws.String(k), Value: aws.String(m[k])})
	}
	return out
}

// topicName is the last part of a topic ARN.
func topicName(arn string) string { return arn[strings.LastIndexByte(arn, ':')+1:] }
