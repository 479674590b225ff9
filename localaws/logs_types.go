package localaws

import (
	"time"

	"github.com/cwpat/cwpat/pattern"
)

// CloudWatch Logs state and wire shapes (AWS JSON 1.1, camelCase members,
// timestamps as epoch milliseconds).

type logGroup struct {
	name      string
	created   time.Time
	retention *int32
	kmsKeyID  string
	class     string
	tags      map[string]string
	streams   map[string]*logStream
	filters   map[string]*metricFilter
}

type logStream struct {
	name       string
	created    time.Time
	events     []logEvent
	firstTS    int64
	lastTS     int64
	lastIngest int64
	seqToken   int
}

type logEvent struct {
	ts, ingest int64
	msg        string
	id         string
}

type metricFilter struct {
	name          string
	pattern       string
	t             metricTransformation
	created       time.Time
	compiled      *pattern.MetricFilter
	onTransformed bool
}

// metricTransformation is the wire shape of a MetricTransformation.
type metricTransformation struct {
	MetricName      string            `json:"metricName"`
	MetricNamespace string            `json:"metricNamespace"`
	MetricValue     string            `json:"metricValue"`
	DefaultValue    *float64          `json:"defaultValue,omitempty"`
	Dimensions      map[string]string `json:"dimensions,omitempty"`
	Unit            string            `json:"unit,omitempty"`
}

type logGroupOut struct {
	LogGroupName      string `json:"logGroupName"`
	CreationTime      int64  `json:"creationTime"`
	RetentionInDays   *int32 `json:"retentionInDays,omitempty"`
	MetricFilterCount int    `json:"metricFilterCount"`
	Arn               string `json:"arn"`
	LogGroupArn       string `json:"logGroupArn"`
	StoredBytes       int64  `json:"storedBytes"`
	KmsKeyID          string `json:"kmsKeyId,omitempty"`
	LogGroupClass     string `json:"logGroupClass"`
}

type logStreamOut struct {
	LogStreamName       string `json:"logStreamName"`
	CreationTime        int64  `json:"creationTime"`
	FirstEventTimestamp int64  `json:"firstEventTimestamp,omitempty"`
	LastEventTimestamp  int64  `json:"lastEventTimestamp,omitempty"`
	LastIngestionTime   int64  `json:"lastIngestionTime,omitempty"`
	UploadSequenceToken string `json:"uploadSequenceToken,omitempty"`
	Arn                 string `json:"arn"`
	StoredBytes         int64  `json:"storedBytes"`
}

type metricFilterOut struct {
	FilterName             string                 `json:"filterName"`
	FilterPattern          string                 `json:"filterPattern"`
	MetricTransformations  []metricTransformation `json:"metricTransformations"`
	CreationTime           int64                  `json:"creationTime"`
	LogGroupName           string                 `json:"logGroupName"`
	ApplyOnTransformedLogs bool                   `json:"applyOnTransformedLogs"`
}

type inputLogEvent struct {
	Timestamp *int64  `json:"timestamp"`
	Message   *string `json:"message"`
}

type filteredLogEvent struct {
	LogStreamName string `json:"logStreamName"`
	Timestamp     int64  `json:"timestamp"`
	Message       string `json:"message"`
	IngestionTime int64  `json:"ingestionTime"`
	EventID       string `json:"eventId"`
}

type searchedLogStream struct {
	LogStreamName      string `json:"logStreamName"`
	SearchedCompletely bool   `json:"searchedCompletely"`
}

type rejectedLogEventsInfo struct {
	TooNewLogEventStartIndex *int `json:"tooNewLogEventStartIndex,omitempty"`
	TooOldLogEventEndIndex   *int `json:"tooOldLogEventEndIndex,omitempty"`
	ExpiredLogEventEndIndex  *int `json:"expiredLogEventEndIndex,omitempty"`
}

// logGroupARN is the ARN of a log group; DescribeLogGroups's "arn" adds ":*".
func (r *region) logGroupARN(name string) string {
	return r.arn("logs", "log-group:"+name)
}
