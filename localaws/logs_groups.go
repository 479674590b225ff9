package localaws

import (
	"regexp"
	"sort"
	"strings"
)

// CloudWatch Logs: log groups and log streams.

var (
	reLogGroupName    = regexp.MustCompile(`^[.\-_/#A-Za-z0-9]+$`)
	reNoColonAsterisk = regexp.MustCompile(`^[^:*]*$`)
)

const (
	shownLogGroupPattern = `[\.\-_/#A-Za-z0-9]+`
	shownNoColonAsterisk = `[^:*]*`
)

func logsInvalid(msg string) *awsError {
	return &awsError{Code: "InvalidParameterException", Message: msg, Status: 400}
}

func errLogGroupNotFound() *awsError {
	return &awsError{Code: "ResourceNotFoundException", Message: "The specified log group does not exist.", Status: 400}
}

// checkLogGroupName validates a required logGroupName member.
func (v *violations) logGroupName(name *string, field string) {
	if v.required(name, field) && v.length(*name, field, 1, 512) {
		v.match(*name, field, reLogGroupName, shownLogGroupPattern)
	}
}

// group returns the named log group or AWS's not-found error.
func (c *call) group(name string) (*logGroup, error) {
	g := c.st.logGroups[name]
	if g == nil {
		return nil, errLogGroupNotFound()
	}
	return g, nil
}

// namedGroup checks a request's logGroupName as AWS does and finds the group.
func (c *call) namedGroup(name *string) (*logGroup, error) {
	var v violations
	v.logGroupName(name, "logGroupName")
	if err := v.err("InvalidParameterException", ""); err != nil {
		return nil, err
	}
	return c.group(*name)
}

type createLogGroupIn struct {
	LogGroupName  *string           `json:"logGroupName"`
	KmsKeyID      string            `json:"kmsKeyId"`
	Tags          map[string]string `json:"tags"`
	LogGroupClass string            `json:"logGroupClass"`
}

func createLogGroup(c *call, in *createLogGroupIn) (any, error) {
	var v violations
	v.logGroupName(in.LogGroupName, "logGroupName")
	if in.LogGroupClass != "" && in.LogGroupClass != "STANDARD" && in.LogGroupClass != "INFREQUENT_ACCESS" && in.LogGroupClass != "DELIVERY" {
		v.add(in.LogGroupClass, "logGroupClass", "Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]")
	}
	if err := v.err("InvalidParameterException", ""); err != nil {
		return nil, err
	}
	if err := checkTags(in.Tags); err != nil {
		return nil, err
	}
	if c.st.logGroups[*in.LogGroupName] != nil {
		return nil, &awsError{Code: "ResourceAlreadyExistsException", Message: "The specified log group already exists", Status: 400}
	}
	class := in.LogGroupClass
	if class == "" {
		class = "STANDARD"
	}
	c.st.logGroups[*in.LogGroupName] = &logGroup{
		name: *in.LogGroupName, created: c.now, kmsKeyID: in.KmsKeyID, class: class,
		tags: copyTags(in.Tags), streams: map[string]*logStream{}, filters: map[string]*metricFilter{},
	}
	return nil, nil
}

type describeLogGroupsIn struct {
	LogGroupNamePrefix  string   `json:"logGroupNamePrefix"`
	LogGroupNamePattern string   `json:"logGroupNamePattern"`
	NextToken           string   `json:"nextToken"`
	Limit               *int64   `json:"limit"`
	LogGroupIdentifiers []string `json:"logGroupIdentifiers"`
}

type describeLogGroupsOut struct {
	LogGroups []logGroupOut `json:"logGroups"`
	NextToken string        `json:"nextToken,omitempty"`
}

func describeLogGroups(c *call, in *describeLogGroupsIn) (any, error) {
	var v violations
	limit := int64(50)
	if in.Limit != nil {
		limit = *in.Limit
		v.rangeInt(limit, "limit", 1, 50)
	}
	if in.LogGroupNamePrefix != "" {
		v.length(in.LogGroupNamePrefix, "logGroupNamePrefix", 1, 512)
	}
	if err := v.err("InvalidParameterException", ""); err != nil {
		return nil, err
	}
	if in.LogGroupNamePrefix != "" && in.LogGroupNamePattern != "" {
		return nil, logsInvalid("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.")
	}
	ids := map[string]bool{}
	for _, id := range in.LogGroupIdentifiers {
		ids[strings.TrimSuffix(id, ":*")] = true
	}
	names := make([]string, 0, len(c.st.logGroups))
	for name := range c.st.logGroups {
		switch {
		case !strings.HasPrefix(name, in.LogGroupNamePrefix):
		case in.LogGroupNamePattern != "" && !strings.Contains(strings.ToLower(name), strings.ToLower(in.LogGroupNamePattern)):
		case len(ids) > 0 && !ids[name] && !ids[c.st.logGroupARN(name)]:
		default:
			names = append(names, name)
		}
	}
	sort.Strings(names)
	page, next, err := paginate(names, in.NextToken, int(limit), logsInvalid("The specified nextToken is invalid."))
	if err != nil {
		return nil, err
	}
	out := &describeLogGroupsOut{LogGroups: []logGroupOut{}, NextToken: next}
	for _, name := range page {
		out.LogGroups = append(out.LogGroups, c.st.logGroupOut(c.st.logGroups[name]))
	}
	return out, nil
}

func (r *region) logGroupOut(g *logGroup) logGroupOut {
	var stored int64
	for _, s := range g.streams {
		for _, e := range s.events {
			stored += int64(len(e.msg))
		}
	}
	arn := r.logGroupARN(g.name)
	return logGroupOut{
		LogGroupName: g.name, CreationTime: epochMillis(g.created), RetentionInDays: g.retention,
		MetricFilterCount: len(g.filters), Arn: arn + ":*", LogGroupArn: arn, StoredBytes: stored,
		KmsKeyID: g.kmsKeyID, LogGroupClass: g.class,
	}
}

type logGroupNameIn struct {
	LogGroupName *string `json:"logGroupName"`
}

func deleteLogGroup(c *call, in *logGroupNameIn) (any, error) {
	var v violations
	v.logGroupName(in.LogGroupName, "logGroupName")
	if err := v.err("InvalidParameterException", ""); err != nil {
		return nil, err
	}
	if _, err := c.group(*in.LogGroupName); err != nil {
		return nil, err
	}
	delete(c.st.logGroups, *in.LogGroupName)
	return nil, nil
}

type putRetentionPolicyIn struct {
	LogGroupName    *string `json:"logGroupName"`
	RetentionInDays *int32  `json:"retentionInDays"`
}

// retentionDays are the values PutRetentionPolicy accepts.
var retentionDays = []int32{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

func putRetentionPolicy(c *call, in *putRetentionPolicyIn) (any, error) {
	var v violations
	v.logGroupName(in.LogGroupName, "logGroupName")
	if in.RetentionInDays == nil {
		v.add(nil, "retentionInDays", "Member must not be null")
	}
	if err := v.err("InvalidParameterException", ""); err != nil {
		return nil, err
	}
	ok := false
	for _, d := range retentionDays {
		ok = ok || d == *in.RetentionInDays
	}
	if !ok {
		return nil, logsInvalid(validationMessage(*in.RetentionInDays, "retentionInDays",
			"Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]"))
	}
	g, err := c.group(*in.LogGroupName)
	if err != nil {
		return nil, err
	}
	d := *in.RetentionInDays
	g.retention = &d
	return nil, nil
}

func deleteRetentionPolicy(c *call, in *logGroupNameIn) (any, error) {
	g, err := c.namedGroup(in.LogGroupName)
	if err != nil {
		return nil, err
	}
	g.retention = nil
	return nil, nil
}

func deleteLogStream(c *call, in *createLogStreamIn) (any, error) {
	var v violations
	v.logGroupName(in.LogGroupName, "logGroupName")
	if v.required(in.LogStreamName, "logStreamName") {
		v.length(*in.LogStreamName, "logStreamName", 1, 512)
	}
	if err := v.err("InvalidParameterException", ""); err != nil {
		return nil, err
	}
	g, err := c.group(*in.LogGroupName)
	if err != nil {
		return nil, err
	}
	if g.streams[*in.LogStreamName] == nil {
		return nil, &awsError{Code: "ResourceNotFoundException", Message: "The specified log stream does not exist.", Status: 400}
	}
	delete(g.streams, *in.LogStreamName)
	return nil, nil
}

type createLogStreamIn struct {
	LogGroupName  *string `json:"logGroupName"`
	LogStreamName *string `json:"logStreamName"`
}

func createLogStream(c *call, in *createLogStreamIn) (any, error) {
	var v violations
	v.logGroupName(in.LogGroupName, "logGroupName")
	if v.required(in.LogStreamName, "logStreamName") && v.length(*in.LogStreamName, "logStreamName", 1, 512) {
		v.match(*in.LogStreamName, "logStreamName", reNoColonAsterisk, shownNoColonAsterisk)
	}
	if err := v.err("InvalidParameterException", ""); err != nil {
		return nil, err
	}
	g, err := c.group(*in.LogGroupName)
	if err != nil {
		return nil, err
	}
	if g.streams[*in.LogStreamName] != nil {
		return nil, &awsError{Code: "ResourceAlreadyExistsException", Message: "The specified log stream already exists", Status: 400}
	}
	g.streams[*in.LogStreamName] = &logStream{name: *in.LogStreamName, created: c.now}
	return nil, nil
}

type describeLogStreamsIn struct {
	LogGroupName        *string `json:"logGroupName"`
	LogGroupIdentifier  string  `json:"logGroupIdentifier"`
	LogStreamNamePrefix string  `json:"logStreamNamePrefix"`
	OrderBy             string  `json:"orderBy"`
	Descending          bool    `json:"descending"`
	NextToken           string  `json:"nextToken"`
	Limit               *int64  `json:"limit"`
}

type describeLogStreamsOut struct {
	LogStreams []logStreamOut `json:"logStreams"`
	NextToken  string         `json:"nextToken,omitempty"`
}

func describeLogStreams(c *call, in *describeLogStreamsIn) (any, error) {
	name := identifierName(in.LogGroupName, in.LogGroupIdentifier)
	limit := int64(50)
	var v violations
	if in.Limit != nil {
		limit = *in.Limit
		v.rangeInt(limit, "limit", 1, 50)
	}
	if err := v.err("InvalidParameterException", ""); err != nil {
		return nil, err
	}
	if in.OrderBy == "LastEventTime" && in.LogStreamNamePrefix != "" {
		return nil, logsInvalid("Cannot order by LastEventTime with a logStreamNamePrefix.")
	}
	g, err := c.group(name)
	if err != nil {
		return nil, err
	}
	streams := make([]*logStream, 0, len(g.streams))
	for n, s := range g.streams {
		if strings.HasPrefix(n, in.LogStreamNamePrefix) {
			streams = append(streams, s)
		}
	}
	sort.Slice(streams, func(i, j int) bool {
		less := streams[i].name < streams[j].name
		if in.OrderBy == "LastEventTime" && streams[i].lastTS != streams[j].lastTS {
			less = streams[i].lastTS < streams[j].lastTS
		}
		if in.Descending {
			return !less
		}
		return less
	})
	page, next, err := paginate(streams, in.NextToken, int(limit), logsInvalid("The specified nextToken is invalid."))
	if err != nil {
		return nil, err
	}
	out := &describeLogStreamsOut{LogStreams: []logStreamOut{}, NextToken: next}
	for _, s := range page {
		var stored int64
		for _, e := range s.events {
			stored += int64(len(e.msg))
		}
		out.LogStreams = append(out.LogStreams, logStreamOut{
			LogStreamName: s.name, CreationTime: epochMillis(s.created), FirstEventTimestamp: s.firstTS,
			LastEventTimestamp: s.lastTS, LastIngestionTime: s.lastIngest,
			Arn: c.st.logGroupARN(g.name) + ":log-stream:" + s.name, StoredBytes: stored,
		})
	}
	return out, nil
}

// identifierName resolves a logGroupName or a logGroupIdentifier (name or ARN).
func identifierName(name *string, identifier string) string {
	if name != nil {
		return *name
	}
	if i := strings.Index(identifier, ":log-group:"); i >= 0 {
		return strings.TrimSuffix(identifier[i+len(":log-group:"):], ":*")
	}
	return identifier
}
