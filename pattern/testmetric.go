package pattern

import (
	"fmt"
	"strings"

	"github.com/cwpat/cwpat/diag"
)

// MetricFilterMatch is one entry of TestMetricFilter's response.
type MetricFilterMatch struct {
	EventNumber     int               `json:"eventNumber"`
	EventMessage    string            `json:"eventMessage"`
	ExtractedValues map[string]string `json:"extractedValues"`
}

// TestMetricFilterOutput is TestMetricFilter's response.
type TestMetricFilterOutput struct {
	Matches []MetricFilterMatch `json:"matches"`
}

// TestMetricFilter limits (API reference).
const (
	MinTestMessages = 1
	MaxTestMessages = 50
)

// TestMetricFilter answers the CloudWatch Logs TestMetricFilter call
// locally: it lists only the matching messages, numbered by their 0-based
// index in messages, with the extractedValues AWS reports (fields of a
// space-delimited pattern; {} for other kinds). It refuses what AWS refuses:
// fewer than 1 or more than 50 messages, an empty message, an invalid
// pattern, each with AWS's message in AWSMessage.
func TestMetricFilter(pattern string, messages []string) (*TestMetricFilterOutput, error) {
	if err := validateTestMessages(messages); err != nil {
		return nil, err
	}
	m, err := Compile(pattern)
	if err != nil {
		return nil, err
	}
	out := &TestMetricFilterOutput{Matches: []MetricFilterMatch{}}
	for i, msg := range messages {
		vals, ok := m.Extract([]byte(msg))
		if !ok {
			continue
		}
		out.Matches = append(out.Matches, MetricFilterMatch{EventNumber: i, EventMessage: msg, ExtractedValues: vals})
	}
	return out, nil
}

func validateTestMessages(messages []string) error {
	list := "[" + strings.Join(messages, ", ") + "]"
	fail := func(code, msg, constraint string) error {
		aws := fmt.Sprintf("1 validation error detected: Value '%s' at 'logEventMessages' failed to satisfy constraint: %s", list, constraint)
		return diag.List{requestProblem(code, msg, aws, "")}
	}
	switch {
	case len(messages) < MinTestMessages:
		return fail("too-few-test-messages", "TestMetricFilter needs at least one log event message",
			"Member must have length greater than or equal to 1")
	case len(messages) > MaxTestMessages:
		return fail("too-many-test-messages",
			fmt.Sprintf("TestMetricFilter takes at most %d log event messages, got %d", MaxTestMessages, len(messages)),
			"Member must have length less than or equal to 50")
	}
	for i, msg := range messages {
		if msg == "" {
			return fail("empty-test-message", fmt.Sprintf("log event message %d is empty", i),
				"Member must satisfy constraint: [Member must have length greater than or equal to 1]")
		}
	}
	return nil
}
