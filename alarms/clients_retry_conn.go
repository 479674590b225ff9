package alarms

import (
	"errors"
	"net"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
)

// retryBrokenConnection retries a call whose connection broke after it was
// opened (a reset, a kept-alive connection the server had just closed, a
// response cut short), as the SDK's default retryer does: the endpoint was
// there a moment ago, and the next attempt on a fresh connection usually
// goes through. A connection that could not be opened at all (refused, an
// unknown host, a dial timeout) is left to fail at once, so a wrong
// --endpoint-url is reported in seconds instead of after every backoff.
var retryBrokenConnection = retry.IsErrorRetryableFunc(func(err error) aws.Ternary {
	if err == nil {
		return aws.UnknownTernary
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return aws.FalseTernary
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return aws.FalseTernary
	}
	return retry.RetryableConnectionError{}.IsErrorRetryable(err)
})
