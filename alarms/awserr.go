package alarms

import (
	"errors"
	"fmt"
	"net"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// OpError is an AWS call that failed, said the way a user can act on it:
// which operation, on what resource, what AWS answered and what to do.
type OpError struct {
	Service   string // IAM action prefix: logs, cloudwatch, sns, cloudtrail, kms
	Operation string // PutMetricFilter, ...
	Resource  string // an ARN when known, else a name
	Region    string
	Err       error
}

// Error renders "<service>:<Operation> on <resource>: <code>: <message>; <hint>".
func (e *OpError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%s", e.Service, e.Operation)
	if e.Resource != "" {
		fmt.Fprintf(&b, " on %s", e.Resource)
	}
	b.WriteString(" failed: ")
	b.WriteString(e.Cause())
	if h := e.Hint(); h != "" {
		b.WriteString("; ")
		b.WriteString(h)
	}
	return b.String()
}

// Unwrap returns the SDK's error, for errors.As with smithy.APIError.
func (e *OpError) Unwrap() error { return e.Err }

// Code returns AWS's error code ("AccessDeniedException"), or "".
func (e *OpError) Code() string {
	var ae smithy.APIError
	if errors.As(e.Err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// Cause is what AWS answered (code, message, request id), without the hint.
func (e *OpError) Cause() string {
	var ae smithy.APIError
	if errors.As(e.Err, &ae) {
		msg := ae.ErrorCode()
		if m := ae.ErrorMessage(); m != "" {
			msg += ": " + m
		}
		var re *awshttp.ResponseError
		if errors.As(e.Err, &re) && re.ServiceRequestID() != "" {
			msg += " (request id " + re.ServiceRequestID() + ")"
		}
		return msg
	}
	var oe *smithy.OperationError
	if errors.As(e.Err, &oe) {
		return oe.Err.Error()
	}
	return e.Err.Error()
}

// Hint says what to do about the error, "" when cwpat has nothing to add.
func (e *OpError) Hint() string {
	code := e.Code()
	res := e.Resource
	if res == "" {
		res = "the resource"
	}
	switch code {
	case "AccessDenied", "AccessDeniedException", "AuthorizationError", "AuthorizationErrorException",
		"UnauthorizedOperation", "UnauthorizedException":
		return fmt.Sprintf("grant %s:%s on %s to the identity cwpat runs as", e.Service, e.Operation, res)
	case "ResourceNotFoundException", "NotFound", "NotFoundException", "TrailNotFoundException", "ResourceNotFound":
		return fmt.Sprintf("%s does not exist in region %s; check --region", res, e.Region)
	case "LimitExceededException", "LimitExceeded", "TopicLimitExceeded", "SubscriptionLimitExceeded":
		return "an AWS quota is reached (for example 100 metric filters per log group); remove unused ones or ask for a quota increase"
	case "ExpiredToken", "ExpiredTokenException", "RequestExpired":
		return "the credentials expired; refresh them (for example 'aws sso login --profile <name>')"
	case "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature":
		return "AWS does not accept these credentials; check --profile and that the keys belong to this partition"
	case "KMSAccessDeniedException", "KMSDisabledException", "KMSInvalidStateException", "KMSNotFoundException":
		return "the topic's KMS key is unusable; check --kms-key and its key policy"
	case "InvalidParameterException", "InvalidParameterValue", "InvalidParameterCombination", "ValidationError", "ValidationException", "InvalidParameter":
		return "AWS refused the request as sent; this is a bug in the rule data or in cwpat if the input looks right"
	}
	if code != "" && (strings.Contains(code, "Throttl") || code == "RequestLimitExceeded" || code == "TooManyRequestsException") {
		return "AWS kept throttling after every retry; rerun later (a rerun continues where this one stopped)"
	}
	msg := e.Err.Error()
	var ne net.Error
	switch {
	case strings.Contains(msg, "get credentials") || strings.Contains(msg, "failed to retrieve credentials"):
		return "no usable AWS credentials: pass --profile, set AWS_PROFILE, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
	case errors.As(e.Err, &ne) || strings.Contains(msg, "connection refused") || strings.Contains(msg, "no such host"):
		return "could not reach the AWS endpoint; check --endpoint-url and the network"
	}
	return ""
}

// opErr wraps err from an AWS call; nil stays nil.
func (c *Clients) opErr(service, op, resource string, err error) error {
	if err == nil {
		return nil
	}
	return &OpError{Service: service, Operation: op, Resource: resource, Region: c.Region, Err: err}
}

// errCode returns the AWS error code of err, or "".
func errCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}
