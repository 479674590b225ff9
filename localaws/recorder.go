package localaws

import "strings"

// The recorder: every management call the endpoint answers becomes a
// CloudTrail record (recorder_record.go), delivered like CloudTrail to the
// log group of every logging trail that covers it and whose role lets
// CloudTrail write there (recorder_deliver.go). So a CreateTrail or a
// PutMetricAlarm sent to the endpoint runs through the log group's metric
// filters and moves the CIS metrics, as in an account.

// recordCalls wraps every operation of the table so that each call is first
// checked against its credentials' expiry and, once answered, recorded.
func recordCalls(handlers map[string]map[string]handler) {
	for _, ops := range handlers {
		for name, h := range ops {
			ops[name] = recorded(h)
		}
	}
}

// recorded is one operation wrapped by recordCalls. It runs under s.mu.
func recorded(h handler) handler {
	return func(c *call, decode func(any) error) (any, error) {
		if err := c.sessionExpired(); err != nil {
			return nil, err
		}
		s := c.srv
		s.deliverDue(c.now)
		kind := classify(c.service, c.op)
		if !kind.management {
			return h(c, decode)
		}
		// The trails that log the call are those logging before it or
		// after it: StopLogging and DeleteTrail are recorded by the
		// trail they stop, StartLogging by the trail it starts.
		before := s.recipients(c.account, kind.region(c), kind)
		var in any
		out, err := h(c, func(dst any) error {
			in = dst
			return decode(dst)
		})
		after := s.recipients(c.account, kind.region(c), kind)
		s.recordEvent(c, kind, in, out, err, union(before, after))
		return out, err
	}
}

// eventKind is how CloudTrail classifies a call.
type eventKind struct {
	source     string // eventSource, e.g. logs.amazonaws.com
	management bool   // recorded as a management event
	readOnly   bool
	global     bool // a global service's event, recorded in us-east-1
}

// region is the awsRegion of the call's record: us-east-1 for IAM, a
// global service, as CloudTrail records it.
func (k eventKind) region(c *call) string {
	if k.global {
		return "us-east-1"
	}
	return c.region
}

// dataEvents are the calls CloudTrail records as data events, not as
// management events; a trail's default selectors leave them out, and the
// recorder does not record them: PutLogEvents and the log reads, metric
// data, SNS Publish.
var dataEvents = map[string]map[string]bool{
	ServiceLogs:       {"PutLogEvents": true, "GetLogEvents": true, "FilterLogEvents": true},
	ServiceCloudWatch: {"PutMetricData": true, "GetMetricData": true, "GetMetricStatistics": true, "ListMetrics": true},
	ServiceSNS:        {"Publish": true, "PublishBatch": true},
}

// readOnlyOps are read-only calls whose names do not say so. AssumeRole is
// recorded with readOnly true, as real records show.
var readOnlyOps = map[string]bool{"AssumeRole": true, "TestMetricFilter": true}

// classify says how CloudTrail records a call of service.op.
func classify(service, op string) eventKind {
	k := eventKind{source: service + ".amazonaws.com", global: service == ServiceIAM}
	if dataEvents[service][op] {
		return k
	}
	k.management = true
	for _, p := range []string{"Describe", "Get", "List", "Lookup"} {
		if strings.HasPrefix(op, p) {
			k.readOnly = true
		}
	}
	k.readOnly = k.readOnly || readOnlyOps[op]
	return k
}

// union returns the trails of a and b, each once, in a's order then b's.
func union(a, b []*trail) []*trail {
	seen := map[*trail]bool{}
	var out []*trail
	for _, t := range append(append([]*trail(nil), a...), b...) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
