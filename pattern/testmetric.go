package pattern

import (
	"fmt"

	"github.com/cwpat/cwpat/awslimits"
	"github.com/cwpat/cwpat/diag"
)

// MetricFilterMatch is one entry of TestMetricFilter's response.
// EventNumber is the 1-based position of the message in the request
// (SEMANTICS.md, "eventNumber").
type MetricFilterMatch struct {
	EventNumber     int               `json:"eventNumber"`
	EventMessage    string            `json:"eventMessage"`
	ExtractedValues map[string]string `json:"extractedValues"`
}

// TestMetricFilterOutput is TestMetricFilter's response.
type TestMetricFilterOutput struct {
	Matches []MetricFilterMatch `json:"matches"`
}

// TestMetricFilter answers the CloudWatch Logs TestMetricFilter call
// locally: it lists only the matching messages, numbered by their 1-based
// position in messages (the first message is eventNumber 1, as AWS's CLI
// example shows), with the extractedValues AWS reports (fields of a
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
		out.Matches = append(out.Matches, MetricFilterMatch{EventNumber: i + 1, EventMessage: msg, ExtractedValues: vals})
	}
	return out, nil
}

func validateTestMessages(messages []string) error {
	fail := func(code, msg, constraint string) error {
		aws := awslimits.ValidationMessage(awslimits.Violation{Value: awslimits.Quote(awslimits.List(messages)),
			Field: "logEventMessages", Constraint: constraint})
		return diag.List{requestProblem(code, msg, aws, "")}
	}
	switch {
	case len(messages) < awslimits.TestMessagesMin:
		return fail("too-few-test-messages", "TestMetricFilter needs at least one log event message",
			awslimits.MinLength(awslimits.TestMessagesMin))
	case len(messages) > awslimits.TestMessagesMax:
		return fail("too-many-test-messages",
			fmt.Sprintf("TestMetricFilter takes at most %d log event messages, got %d", awslimits.TestMessagesMax, len(messages)),
			awslimits.MaxLength(awslimits.TestMessagesMax))
	}
	for i, msg := range messages {
		if msg == "" {
			return fail("empty-test-message", fmt.Sprintf("log event message %d is empty", i),
				awslimits.MembersMinLength(1))
		}
	}
	return nil
}
