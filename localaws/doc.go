// Package localaws is cwpat's local AWS endpoint: an http.Handler that answers
// the real wire protocols the aws-sdk-go-v2 clients (and the AWS CLI) send to
// CloudWatch Logs, CloudWatch, SNS, CloudTrail and KMS, with state kept in
// memory per account and region.
//
// It exists so that the deployer, the auditor and their tests run against an
// endpoint that refuses what AWS refuses, with AWS's error codes and message
// texts in each protocol's error shape, without touching AWS or the network.
// Metric filters are matched by cwpat's own pattern package; PutLogEvents runs
// every metric filter of the log group and stores the datapoints in the
// CloudWatch metric store. Alarms are evaluated by package sim at every
// period boundary on the complete periods before it, as CloudWatch does:
// each request first brings its region's alarms up to the server's clock
// (Options.Now), and a change of state publishes to the alarm's SNS topics.
//
// Protocols served (one handler, routed per request):
//
//	CloudWatch Logs  AWS JSON 1.1   X-Amz-Target: Logs_20140328.<Op>
//	CloudWatch       RPCv2 CBOR     POST /service/GraniteServiceVersion20100801/operation/<Op>
//	CloudWatch       AWS query      Action=<Op>&Version=2010-08-01 (AWS CLI 2.9, older SDKs)
//	CloudWatch       AWS JSON 1.0   X-Amz-Target: GraniteServiceVersion20100801.<Op> (botocore)
//	SNS              AWS query      Action=<Op>&Version=2010-03-31
//	CloudTrail       AWS JSON 1.1   X-Amz-Target: CloudTrail_20131101.<Op>
//	KMS              AWS JSON 1.1   X-Amz-Target: TrentService.<Op>
//	IAM              AWS query      Action=<Op>&Version=2010-05-08 (global: per account)
//	STS              AWS query      Action=<Op>&Version=2011-06-15
//
// Every management call answered is recorded as a CloudTrail record and
// delivered, as CloudTrail delivers, to the log group of each logging trail
// whose role lets CloudTrail write there (see recorder.go); its metric
// filters count it like any PutLogEvents.
//
// The account is the access key when it is 12 digits (so tests can act as
// several accounts), otherwise Options.Account (123456789012 by default); the
// region comes from the SigV4 credential scope.
//
// Starting it in a test is one line; the returned server is cleaned up when
// the test ends:
//
//	srv := localawstest.Start(t) // package localaws/localawstest
//	logs := cloudwatchlogs.NewFromConfig(srv.Config()) // BaseEndpoint = srv.URL, us-east-1
//
// Config carries static credentials, region us-east-1, BaseEndpoint and a
// retryer with millisecond backoff (so throttling tests stay fast); build
// your own aws.Config with BaseEndpoint = srv.URL to test your retry policy.
//
// Tests steer it through the Go API on *Server: FailNext (an error for the
// Nth call of an operation) and Throttle inject faults, ConfirmSubscription
// confirms an email subscription, PutTrail seeds a CloudTrail trail,
// EvaluateAlarms re-evaluates alarms at the current clock, and Snapshot,
// Published, FailedActions and Calls read its state. As in AWS, an alarm
// cannot notify a topic encrypted with alias/aws/sns, or one whose key or
// access policy leaves cloudwatch.amazonaws.com out: the failure shows in
// FailedActions and DescribeAlarmHistory, and the notification is lost. `cwpat serve` runs the same server for
// the AWS CLI: aws --endpoint-url http://127.0.0.1:PORT logs ...
package localaws
