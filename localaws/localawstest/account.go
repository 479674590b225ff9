package localawstest

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"

	"github.com/cwpat/cwpat/localaws"
)

// TrailRoleARN is the role CISTrail delivers through, in the default
// account.
const TrailRoleARN = "arn:aws:iam::" + localaws.DefaultAccount + ":role/CloudTrail_CloudWatchLogs"

// LogGroupARN is how a trail's CloudWatchLogsLogGroupArn names log group
// name of the default account and region (with CloudTrail's trailing ":*").
func LogGroupARN(name string) string {
	return "arn:aws:logs:" + localaws.DefaultRegion + ":" + localaws.DefaultAccount + ":log-group:" + name + ":*"
}

// CISTrail is a trail named main as CIS 3.x wants it: multi-region, with
// global service events, logging, and delivering to logGroup through
// TrailRoleARN.
func CISTrail(logGroup string) localaws.Trail {
	return localaws.Trail{
		Name: "main", S3BucketName: "trail-bucket", IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, IsLogging: true,
		CloudWatchLogsLogGroupArn: LogGroupARN(logGroup), CloudWatchLogsRoleArn: TrailRoleARN,
	}
}

// StartAccount starts an endpoint (as Start does) whose default account and
// region hold logGroup, created through the SDK, and a CISTrail delivering
// to it: the account a deploy or an audit test begins with.
func StartAccount(t testing.TB, logGroup string, opts ...localaws.Options) *localaws.Endpoint {
	t.Helper()
	srv := Start(t, opts...)
	_, err := cloudwatchlogs.NewFromConfig(srv.Config()).CreateLogGroup(context.Background(),
		&cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(logGroup)})
	if err != nil {
		t.Fatalf("localaws: CreateLogGroup %s: %v", logGroup, err)
	}
	srv.PutTrail("", localaws.DefaultRegion, CISTrail(logGroup))
	return srv
}
