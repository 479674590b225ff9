package alarms

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
)

func TestOpErrorSaysWhatToDo(t *testing.T) {
	api := func(code, msg string) error {
		return &smithy.OperationError{ServiceID: "X", OperationName: "Op", Err: &smithy.GenericAPIError{Code: code, Message: msg}}
	}
	const lg = "arn:aws:logs:us-east-1:111122223333:log-group:CT:*"
	tests := []struct {
		name                  string
		service, op, resource string
		err                   error
		want                  string
	}{
		{"access denied", "logs", "PutMetricFilter", lg, api("AccessDeniedException", "User: u is not authorized"),
			"logs:PutMetricFilter on " + lg + " failed: AccessDeniedException: User: u is not authorized; grant logs:PutMetricFilter on " + lg + " to the identity cwpat runs as"},
		{"sns authorization", "sns", "CreateTopic", "topic t", api("AuthorizationError", "denied"),
			"sns:CreateTopic on topic t failed: AuthorizationError: denied; grant sns:CreateTopic on topic t to the identity cwpat runs as"},
		{"missing", "logs", "PutMetricFilter", lg, api("ResourceNotFoundException", "The specified log group does not exist."),
			"does not exist in region us-east-1; check --region"},
		{"limit", "logs", "PutMetricFilter", lg, api("LimitExceededException", "too many"), "100 metric filters per log group"},
		{"expired", "cloudwatch", "DescribeAlarms", "", api("ExpiredToken", "expired"), "aws sso login"},
		{"bad keys", "cloudwatch", "DescribeAlarms", "", api("InvalidClientTokenId", "bad"), "check --profile"},
		{"throttled", "cloudwatch", "PutMetricAlarm", "", api("ThrottlingException", "Rate exceeded"), "kept throttling after every retry"},
		{"no credentials", "logs", "DescribeLogGroups", "", errors.New("operation error: get identity: get credentials: failed to refresh cached credentials"), "no usable AWS credentials: pass --profile"},
		{"unreachable", "logs", "DescribeLogGroups", "", fmt.Errorf("dial tcp 127.0.0.1:1: connect: connection refused"), "check --endpoint-url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &OpError{Service: tt.service, Operation: tt.op, Resource: tt.resource, Region: "us-east-1", Err: tt.err}
			assert.Contains(t, e.Error(), tt.want)
			assert.ErrorIs(t, e, tt.err)
		})
	}
}
