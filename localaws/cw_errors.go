package localaws

import "fmt"

// CloudWatch's errors: the shape name JSON/CBOR clients match, the
// awsQueryError code the query protocol sends, and the HTTP status, as the
// service model (cloudwatch/schemas) declares them.

func cwInvalidValue(format string, args ...any) *awsError {
	return &awsError{Code: "InvalidParameterValueException", QueryCode: "InvalidParameterValue", Status: 400,
		Message: fmt.Sprintf(format, args...)}
}

func cwInvalidCombination(format string, args ...any) *awsError {
	return &awsError{Code: "InvalidParameterCombinationException", QueryCode: "InvalidParameterCombination", Status: 400,
		Message: fmt.Sprintf(format, args...)}
}

func cwMissing(param string) *awsError {
	return &awsError{Code: "MissingRequiredParameterException", QueryCode: "MissingParameter", Status: 400,
		Message: fmt.Sprintf("The parameter %s is required.", param)}
}

func cwNotFound(format string, args ...any) *awsError {
	return &awsError{Code: "ResourceNotFound", QueryCode: "ResourceNotFound", Status: 404,
		Message: fmt.Sprintf(format, args...)}
}

func cwResourceNotFoundException(format string, args ...any) *awsError {
	return &awsError{Code: "ResourceNotFoundException", QueryCode: "ResourceNotFoundException", Status: 404,
		Message: fmt.Sprintf(format, args...)}
}

func cwLimitExceeded(format string, args ...any) *awsError {
	return &awsError{Code: "LimitExceededFault", QueryCode: "LimitExceeded", Status: 400,
		Message: fmt.Sprintf(format, args...)}
}

func cwInvalidNextToken() *awsError {
	return &awsError{Code: "InvalidNextToken", QueryCode: "InvalidNextToken", Status: 400,
		Message: "The service returned an invalid next token."}
}

// cwValidation turns violations into CloudWatch's ValidationError.
func (v violations) cwErr() error {
	return v.err("ValidationException", "ValidationError")
}

// cwInvalidFormat is SetAlarmState's refusal of StateReasonData that is not
// JSON: "InvalidFormat: Data was not syntactically valid JSON." (API reference).
func cwInvalidFormat() *awsError {
	return &awsError{Code: "InvalidFormatFault", QueryCode: "InvalidFormat", Status: 400,
		Message: "Data was not syntactically valid JSON."}
}
