package localaws

import (
	"fmt"
	"strings"

	"github.com/cwpat/cwpat/awslimits"
)

// CloudWatch Logs: tagging, by ARN (TagResource) and by name (the older
// TagLogGroup family), plus the operation table.

// maxTags is AWS's limit of tags per resource (Logs, CloudWatch, SNS).
const maxTags = 50

// checkTags validates tag keys (1-128 characters, not starting with "aws:")
// and values (0-256 characters), counted as AWS counts them (UTF-16 code
// units, awslimits.Length).
func checkTags(tags map[string]string) error {
	for k, val := range tags {
		if n := awslimits.Length(k); n < 1 || n > awslimits.TagKeyMaxLength {
			return logsInvalid(validationMessage(k, "tags", "Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"))
		}
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			return logsInvalid("Tag keys beginning with aws: are reserved for system use.")
		}
		if awslimits.Length(val) > awslimits.TagValueMaxLength {
			return logsInvalid(validationMessage(val, "tags", "Map value must satisfy constraint: [Member must have length less than or equal to 256]"))
		}
	}
	if len(tags) > maxTags {
		return &awsError{Code: "TooManyTagsException", Status: 400, Message: fmt.Sprintf("A resource can have no more than %d tags.", maxTags)}
	}
	return nil
}

// groupByARN finds a log group from its ARN (with or without ":*").
func (c *call) groupByARN(arn string) (*logGroup, error) {
	prefix := c.st.logGroupARN("")
	name, ok := strings.CutPrefix(strings.TrimSuffix(arn, ":*"), prefix)
	if !ok {
		return nil, &awsError{Code: "ResourceNotFoundException", Status: 400,
			Message: fmt.Sprintf("The specified resource %s does not exist.", arn)}
	}
	g := c.st.logGroups[name]
	if g == nil {
		return nil, errLogGroupNotFound()
	}
	return g, nil
}

// mergeTags adds tags to g, enforcing the per-resource limit.
func mergeTags(g *logGroup, tags map[string]string) error {
	if err := checkTags(tags); err != nil {
		return err
	}
	merged := copyTags(g.tags)
	if merged == nil {
		merged = map[string]string{}
	}
	for k, v := range tags {
		merged[k] = v
	}
	if err := checkTags(merged); err != nil {
		return err
	}
	g.tags = merged
	return nil
}

type logsTagResourceIn struct {
	ResourceArn string            `json:"resourceArn"`
	Tags        map[string]string `json:"tags"`
}

func logsTagResource(c *call, in *logsTagResourceIn) (any, error) {
	g, err := c.groupByARN(in.ResourceArn)
	if err != nil {
		return nil, err
	}
	return nil, mergeTags(g, in.Tags)
}

type logsUntagResourceIn struct {
	ResourceArn string   `json:"resourceArn"`
	TagKeys     []string `json:"tagKeys"`
}

func logsUntagResource(c *call, in *logsUntagResourceIn) (any, error) {
	g, err := c.groupByARN(in.ResourceArn)
	if err != nil {
		return nil, err
	}
	for _, k := range in.TagKeys {
		delete(g.tags, k)
	}
	return nil, nil
}

type logsListTagsForResourceIn struct {
	ResourceArn string `json:"resourceArn"`
}

type logsTagsOut struct {
	Tags map[string]string `json:"tags"`
}

func logsListTagsForResource(c *call, in *logsListTagsForResourceIn) (any, error) {
	g, err := c.groupByARN(in.ResourceArn)
	if err != nil {
		return nil, err
	}
	return &logsTagsOut{Tags: nonNilTags(g.tags)}, nil
}

type tagLogGroupIn struct {
	LogGroupName *string           `json:"logGroupName"`
	Tags         map[string]string `json:"tags"`
}

func tagLogGroup(c *call, in *tagLogGroupIn) (any, error) {
	g, err := c.namedGroup(in.LogGroupName)
	if err != nil {
		return nil, err
	}
	return nil, mergeTags(g, in.Tags)
}

type untagLogGroupIn struct {
	LogGroupName *string  `json:"logGroupName"`
	Tags         []string `json:"tags"`
}

func untagLogGroup(c *call, in *untagLogGroupIn) (any, error) {
	g, err := c.namedGroup(in.LogGroupName)
	if err != nil {
		return nil, err
	}
	for _, k := range in.Tags {
		delete(g.tags, k)
	}
	return nil, nil
}

func listTagsLogGroup(c *call, in *logGroupNameIn) (any, error) {
	g, err := c.namedGroup(in.LogGroupName)
	if err != nil {
		return nil, err
	}
	return &logsTagsOut{Tags: nonNilTags(g.tags)}, nil
}

func nonNilTags(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return copyTags(m)
}

// logsHandlers is the CloudWatch Logs operation table.
func logsHandlers() map[string]handler {
	return map[string]handler{
		"CreateLogGroup":        op(createLogGroup),
		"DescribeLogGroups":     op(describeLogGroups),
		"DeleteLogGroup":        op(deleteLogGroup),
		"PutRetentionPolicy":    op(putRetentionPolicy),
		"DeleteRetentionPolicy": op(deleteRetentionPolicy),
		"DeleteLogStream":       op(deleteLogStream),
		"CreateLogStream":       op(createLogStream),
		"DescribeLogStreams":    op(describeLogStreams),
		"PutMetricFilter":       op(putMetricFilter),
		"DescribeMetricFilters": op(describeMetricFilters),
		"DeleteMetricFilter":    op(deleteMetricFilter),
		"TestMetricFilter":      op(testMetricFilter),
		"PutLogEvents":          op(putLogEvents),
		"FilterLogEvents":       op(filterLogEvents),
		"TagResource":           op(logsTagResource),
		"UntagResource":         op(logsUntagResource),
		"ListTagsForResource":   op(logsListTagsForResource),
		"TagLogGroup":           op(tagLogGroup),
		"UntagLogGroup":         op(untagLogGroup),
		"ListTagsLogGroup":      op(listTagsLogGroup),
	}
}
