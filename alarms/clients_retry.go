package alarms

import (
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
)

// retryableStatus are the HTTP answers worth another attempt: AWS's own
// transient failures. A refused connection, an unknown host or a 4xx will
// not get better by waiting, so they fail at once.
var retryableStatus = map[int]struct{}{500: {}, 502: {}, 503: {}, 504: {}}

// newRetryer retries throttling and 5xx answers only, with o's bounds, and
// says on o.OnWait what it waits for.
func newRetryer(o ClientOptions) func() aws.Retryer {
	attempts, backoff := o.MaxAttempts, o.MaxBackoff
	if attempts <= 0 {
		attempts = 10
	}
	if backoff <= 0 {
		backoff = 20 * time.Second
	}
	return func() aws.Retryer {
		std := retry.NewStandard(func(so *retry.StandardOptions) {
			so.MaxAttempts = attempts
			so.MaxBackoff = backoff
			// A deploy makes few calls; a client-side retry quota would only
			// turn a throttled run into a half-applied one.
			so.RateLimiter = ratelimit.None
			so.Retryables = []retry.IsErrorRetryable{
				retry.NoRetryCanceledError{},
				retryBrokenConnection,
				retry.RetryableHTTPStatusCode{Codes: retryableStatus},
				retry.RetryableErrorCode{Codes: retry.DefaultThrottleErrorCodes},
			}
		})
		if o.OnWait == nil {
			return std
		}
		return &announcingRetryer{RetryerV2: std, max: attempts, announce: o.OnWait}
	}
}

// announcingRetryer tells the user about each wait of a second or more, so
// a throttled run does not look hung.
type announcingRetryer struct {
	aws.RetryerV2
	max      int
	announce func(string)
}

// RetryDelay is the standard delay, announced.
func (r *announcingRetryer) RetryDelay(attempt int, err error) (time.Duration, error) {
	d, derr := r.RetryerV2.RetryDelay(attempt, err)
	if derr == nil && d >= time.Second {
		r.announce(fmt.Sprintf("AWS answered %s; waiting %s before attempt %d of %d",
			answer(err), d.Round(100*time.Millisecond), attempt+1, r.max))
	}
	return d, derr
}

// answer names what AWS said: its error code, else the error.
func answer(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return err.Error()
}
