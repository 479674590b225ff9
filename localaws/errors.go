package localaws

import (
	"fmt"
	"net/http"
)

// awsError is an AWS error reply. Code is the error's shape name (what JSON
// and CBOR clients match on); QueryCode is its awsQueryError code where the
// query protocol names it differently (CloudWatch's ResourceNotFound versus
// InvalidParameterValueException -> InvalidParameterValue).
type awsError struct {
	Code      string
	QueryCode string
	Message   string
	Status    int
	// Receiver marks a server-side fault (5xx): the query <Type> and the
	// x-amzn-query-error suffix say Receiver instead of Sender.
	Receiver bool
}

func (e *awsError) Error() string { return e.Code + ": " + e.Message }

// queryCode is the code the query protocol (and the CBOR query-compatible
// header) sends.
func (e *awsError) queryCode() string {
	if e.QueryCode != "" {
		return e.QueryCode
	}
	return e.Code
}

// errSerialization is a body the service cannot decode.
func errSerialization(msg string) *awsError {
	return &awsError{Code: "SerializationException", QueryCode: "MalformedInput", Message: msg, Status: http.StatusBadRequest}
}

// errMalformedQuery is a query-protocol body that is not a form.
func errMalformedQuery(msg string) *awsError {
	return &awsError{Code: "MalformedQueryString", Message: msg, Status: http.StatusBadRequest}
}

func unknownOperation(c *call) *awsError {
	if c.proto == protoQuery {
		return &awsError{Code: "InvalidAction", Status: http.StatusBadRequest,
			Message: fmt.Sprintf("The action %s is not valid for this web service.", c.op)}
	}
	return &awsError{Code: "UnknownOperationException", Status: http.StatusBadRequest,
		Message: fmt.Sprintf("cwpat's local endpoint does not implement %s.%s", c.service, c.op)}
}

// throttling is the throttling error of a protocol, with the code each SDK's
// retryer treats as a throttle.
func throttling(p protocol, service string) *awsError {
	switch {
	case service == ServiceSNS:
		// Not SNS's modelled "Throttled" (ThrottledException): the SDK
		// retryer only knows the generic "Throttling", which SNS also sends.
		return &awsError{Code: "Throttling", Message: "Rate exceeded", Status: http.StatusBadRequest}
	case p == protoJSON:
		return &awsError{Code: "ThrottlingException", Message: "Rate exceeded", Status: http.StatusBadRequest}
	}
	return &awsError{Code: "ThrottlingException", QueryCode: "Throttling", Message: "Rate exceeded", Status: http.StatusBadRequest}
}

// validationMessage renders AWS's constraint message:
// "1 validation error detected: Value 'x' at 'field' failed to satisfy
// constraint: Member must ...".
func validationMessage(value any, field, constraint string) string {
	return fmt.Sprintf("1 validation error detected: Value '%v' at '%s' failed to satisfy constraint: %s", value, field, constraint)
}
