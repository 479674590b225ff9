package localaws

import (
	"strings"
	"time"
)

// SNS: publishing, by the Publish call and by alarms.

type publishIn struct {
	TopicArn  string  `json:"TopicArn"`
	TargetArn string  `json:"TargetArn"`
	Message   *string `json:"Message"`
	Subject   string  `json:"Subject"`
}

type publishOut struct {
	MessageID string `json:"MessageId"`
}

// maxMessageBytes is SNS's message size limit (256 KiB).
const maxMessageBytes = 262144

func publish(c *call, in *publishIn) (any, error) {
	arn := in.TopicArn
	if arn == "" {
		arn = in.TargetArn
	}
	if in.Message == nil || *in.Message == "" {
		return nil, snsInvalid("Empty message")
	}
	if len(*in.Message) > maxMessageBytes {
		return nil, snsInvalid("Message too long")
	}
	if len(in.Subject) > 100 || strings.ContainsAny(in.Subject, "\n\r") {
		return nil, snsInvalid("Subject")
	}
	t, err := c.topicByARN(arn, "TopicArn")
	if err != nil {
		return nil, err
	}
	m := c.publish(t, in.Subject, *in.Message, c.now)
	return &publishOut{MessageID: m.MessageID}, nil
}

// Message is one message published to a topic, by Publish or by an alarm.
type Message struct {
	TopicArn  string
	MessageID string
	Subject   string
	Body      string
	Time      time.Time
	// DeliveredTo lists the endpoints of the subscriptions confirmed when the
	// message was published (pending ones receive nothing, as in AWS).
	DeliveredTo []string
}

// publish records a message on a topic and delivers it to confirmed
// subscriptions.
func (c *call) publish(t *topic, subject, body string, at time.Time) Message {
	if at.IsZero() {
		at = c.now
	}
	m := Message{TopicArn: t.arn, MessageID: newRequestID(), Subject: subject, Body: body, Time: at}
	for _, s := range sortedSubs(c.st, t.arn) {
		if s.confirmed {
			m.DeliveredTo = append(m.DeliveredTo, s.endpoint)
		}
	}
	t.published = append(t.published, m)
	if c.srv.opts.OnPublish != nil {
		c.srv.outbox = append(c.srv.outbox, m)
	}
	return m
}
