package localaws

import (
	"net/http"
	"strings"
)

// Fault makes calls of one operation fail, for testing how callers cope with
// an AWS failure halfway through a sequence of calls.
type Fault struct {
	// Service limits the fault to one service (ServiceLogs, ...); "" is any.
	Service string
	// Operation is the operation name, e.g. "PutMetricAlarm".
	Operation string
	// After lets this many matching calls succeed before the fault starts.
	After int
	// Times is how many calls fail (1 when 0).
	Times int
	// Code is the error code, e.g. "LimitExceededException" or
	// "ServiceUnavailableException". For a throttle use Throttle.
	Code string
	// QueryCode is the code sent over the query protocol (and the CBOR
	// x-amzn-query-error header) when it differs from Code.
	QueryCode string
	// Message is the error message ("Injected fault" when empty).
	Message string
	// Status is the HTTP status (400 when 0; 5xx marks a server fault, which
	// the SDK retries).
	Status int
}

// fault is a Fault being counted down.
type fault struct {
	Fault
	throttle  bool
	skip, hit int
}

// FailNext makes the next f.Times calls (after f.After successful ones) of
// f.Operation fail with f.Code.
func (s *Server) FailNext(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	if f.Message == "" {
		f.Message = "Injected fault"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{Fault: f, skip: f.After})
}

// Throttle makes the next n calls of operation (in service, or any service
// when "") fail with the protocol's throttling error (ThrottlingException,
// Throttling over query), which the SDK's retryer retries.
func (s *Server) Throttle(service, operation string, n int) {
	if n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{Fault: Fault{Service: service, Operation: operation, Times: n}, throttle: true})
}

// ClearFaults removes every pending fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// takeFault returns the error of the first pending fault matching the call,
// counting it down. The caller holds s.mu.
func (s *Server) takeFault(c *call) error {
	for i, f := range s.faults {
		if f.Operation != c.op || (f.Service != "" && !strings.EqualFold(f.Service, c.service)) {
			continue
		}
		if f.skip > 0 {
			f.skip--
			return nil
		}
		f.hit++
		if f.hit >= f.Times {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		if f.throttle {
			return throttling(c.proto, c.service)
		}
		status := f.Status
		if status == 0 {
			status = http.StatusBadRequest
		}
		return &awsError{Code: f.Code, QueryCode: f.QueryCode, Message: f.Message, Status: status, Receiver: status >= 500}
	}
	return nil
}

// Call is one request the server answered, for tests that assert what a
// client sent (retries, order of calls).
type Call struct {
	Service   string
	Operation string
	// Protocol is "awsJson1_1", "rpcv2Cbor" or "awsQuery".
	Protocol string
	Account  string
	Region   string
	// ErrorCode is the error returned, "" on success.
	ErrorCode string
	// Message is the error's message, "" on success.
	Message string
}

// record logs a call and returns its record. The caller holds s.mu.
func (s *Server) record(c *call, err error) Call {
	rec := Call{Service: c.service, Operation: c.op, Protocol: c.proto.String(), Account: c.account, Region: c.region}
	if err != nil {
		rec.ErrorCode, rec.Message = "InternalFailure", err.Error()
		if e, ok := err.(*awsError); ok {
			rec.ErrorCode, rec.Message = e.Code, e.Message
		}
	}
	s.calls = append(s.calls, rec)
	// A long-running `cwpat serve` must not grow without bound: keep the
	// most recent calls only.
	if len(s.calls) > maxCalls {
		s.calls = append([]Call(nil), s.calls[len(s.calls)-maxCalls/2:]...)
	}
	return rec
}

// maxCalls bounds the call log.
const maxCalls = 10000

// Calls returns every call answered so far, oldest first.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}
