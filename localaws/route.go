package localaws

import (
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// protocol is the wire protocol a request came in with; the reply and any
// error go back in the same one.
type protocol int

const (
	protoJSON   protocol = iota // AWS JSON 1.1
	protoCBOR                   // Smithy RPCv2 CBOR
	protoQuery                  // AWS query, XML replies
	protoJSON10                 // AWS JSON 1.0 (CloudWatch, as botocore speaks it)
)

// String names the protocol as AWS does.
func (p protocol) String() string {
	switch p {
	case protoCBOR:
		return "rpcv2Cbor"
	case protoQuery:
		return "awsQuery"
	case protoJSON10:
		return "awsJson1_0"
	}
	return "awsJson1_1"
}

// cborServicePath is the path prefix of CloudWatch's RPCv2 CBOR operations.
const cborServicePath = "/service/GraniteServiceVersion20100801/operation/"

// JSON 1.1 target prefixes and the services they name.
var jsonTargets = map[string]string{
	"Logs_20140328":       ServiceLogs,
	"CloudTrail_20131101": ServiceCloudTrail,
	"com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101": ServiceCloudTrail,
	"TrentService": ServiceKMS,
	"AmazonAthena": ServiceAthena,
	// CloudWatch also answers AWS JSON 1.0, which botocore (the AWS CLI v1)
	// picks from the service's list of protocols.
	cloudwatchJSONTarget: ServiceCloudWatch,
}

const cloudwatchJSONTarget = "GraniteServiceVersion20100801"

// Query API versions and the services they name.
var queryVersions = map[string]string{
	"2010-08-01": ServiceCloudWatch,
	"2010-03-31": ServiceSNS,
	"2010-05-08": ServiceIAM,
	"2011-06-15": ServiceSTS,
}

// routed is a request understood: which operation of which service, and how
// to decode its input.
type routed struct {
	service, op string
	proto       protocol
	decode      func(any) error
}

// route works out the protocol, service and operation of a request.
func route(r *http.Request, body []byte) (routed, error) {
	if r.Method != http.MethodPost {
		return routed{proto: guessProtocol(r)}, &awsError{Code: "UnknownOperationException",
			Message: "Only POST is supported; got " + r.Method, Status: http.StatusBadRequest}
	}
	if target := r.Header.Get("X-Amz-Target"); target != "" {
		// The operation follows the last dot: the long CloudTrail prefix
		// itself contains dots.
		i := strings.LastIndex(target, ".")
		svc := ""
		var prefix, opName string
		if i > 0 {
			prefix, opName = target[:i], target[i+1:]
			svc = jsonTargets[prefix]
		}
		if svc == "" {
			return routed{proto: protoJSON}, &awsError{Code: "UnknownOperationException",
				Message: "Unknown X-Amz-Target " + target, Status: http.StatusBadRequest}
		}
		if !jsonContentType(r.Header.Get("Content-Type")) {
			return routed{service: svc, op: opName, proto: protoJSON}, &awsError{Code: "UnknownOperationException",
				Message: "Content-Type " + r.Header.Get("Content-Type") + " is not a JSON protocol's (application/x-amz-json-1.0 or 1.1)",
				Status:  http.StatusBadRequest}
		}
		if svc == ServiceCloudWatch {
			return routed{service: svc, op: opName, proto: protoJSON10, decode: jsonTreeDecoder(body)}, nil
		}
		return routed{service: svc, op: opName, proto: protoJSON, decode: jsonDecoder(body)}, nil
	}
	if opName, ok := strings.CutPrefix(r.URL.Path, cborServicePath); ok {
		return routed{service: ServiceCloudWatch, op: opName, proto: protoCBOR, decode: cborDecoder(body)}, nil
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return routed{proto: protoQuery}, errMalformedQuery("could not parse the form body: " + err.Error())
	}
	// The query protocol also allows the parameters in the URL of a POST.
	for k, vs := range r.URL.Query() {
		if _, dup := form[k]; !dup {
			form[k] = vs
		}
	}
	action := form.Get("Action")
	if action == "" {
		return routed{proto: protoQuery}, &awsError{Code: "MissingAction", QueryCode: "MissingAction",
			Message: "Could not find operation to perform: no Action parameter", Status: http.StatusBadRequest}
	}
	svc := queryVersions[form.Get("Version")]
	if svc == "" {
		svc = scopeService(r)
	}
	if svc != ServiceCloudWatch && svc != ServiceSNS && svc != ServiceIAM && svc != ServiceSTS {
		return routed{proto: protoQuery}, &awsError{Code: "InvalidAction", QueryCode: "InvalidAction",
			Message: "Could not find the service for Version=" + form.Get("Version"), Status: http.StatusBadRequest}
	}
	return routed{service: svc, op: action, proto: protoQuery, decode: queryDecoder(form)}, nil
}

// guessProtocol picks the error shape for a request route refused early.
func guessProtocol(r *http.Request) protocol {
	switch {
	case r.Header.Get("X-Amz-Target") != "":
		return protoJSON
	case strings.HasPrefix(r.URL.Path, cborServicePath):
		return protoCBOR
	}
	return protoQuery
}

// scopeService is the service named in the SigV4 credential scope, used when a
// query request carries no known Version.
func scopeService(r *http.Request) string {
	auth := r.Header.Get("Authorization")
	i := strings.Index(auth, "Credential=")
	if i < 0 {
		return ""
	}
	parts := strings.Split(auth[i+len("Credential="):], "/")
	if len(parts) < 4 {
		return ""
	}
	return parts[3]
}

// jsonContentType reports whether a request with X-Amz-Target carries a
// JSON protocol's media type. AWS's JSON protocols require
// application/x-amz-json-1.0 or 1.1; a body sent as text/plain or as a form
// (the content types a web page can send without asking) is not a JSON
// request. A missing Content-Type is let through for hand-written curl calls.
func jsonContentType(ct string) bool {
	if ct == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	switch mt {
	case "application/x-amz-json-1.0", "application/x-amz-json-1.1", "application/json":
		return true
	}
	return false
}
