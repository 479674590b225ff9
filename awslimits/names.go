package awslimits

// Limits on the names and tags of what cwpat deploys, in UTF-16 code units
// like every length here (see Length).

// AlarmNameMaxLength is the longest alarm name (PutMetricAlarm AlarmName:
// "Minimum length of 1. Maximum length of 255."). An alarm name may hold any
// UTF-8 character but ASCII control characters, so a name of accented
// letters is longer in bytes than AWS counts it.
const AlarmNameMaxLength = 255

// Tag limits shared by CloudWatch (Tag), CloudWatch Logs (TagResource) and
// SNS (Tag): a key of 1 to 128 and a value of 0 to 256.
const (
	TagKeyMaxLength   = 128
	TagValueMaxLength = 256
)

// TopicNameMaxLength is the longest SNS topic name (CreateTopic: "must be
// between 1 and 256 characters long", ASCII letters, digits, '_' and '-').
const TopicNameMaxLength = 256
