package localaws

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// SNS (AWS query protocol): topics.

type topic struct {
	arn, name string
	attrs     map[string]string
	tags      map[string]string
	published []Message
}

type snsTag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

const snsPage = 100

var reTopicName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// settableTopicAttributes are the attributes CreateTopic and SetTopicAttributes accept.
var settableTopicAttributes = []string{"DeliveryPolicy", "DisplayName", "Policy", "KmsMasterKeyId",
	"SignatureVersion", "TracingConfig", "FifoTopic", "ContentBasedDeduplication", "ArchivePolicy",
	"FifoThroughputScope", "DataProtectionPolicy"}

func snsInvalid(what string) *awsError {
	return &awsError{Code: "InvalidParameter", Message: "Invalid parameter: " + what, Status: 400}
}

func snsTopicNotFound() *awsError {
	return &awsError{Code: "NotFound", Message: "Topic does not exist", Status: 404}
}

// topicByARN finds a topic, refusing a malformed ARN as AWS does.
func (c *call) topicByARN(arn string, field string) (*topic, error) {
	if arn == "" {
		return nil, snsInvalid(field)
	}
	if parts := strings.Split(arn, ":"); len(parts) != 6 || parts[0] != "arn" || parts[2] != "sns" {
		return nil, snsInvalid(field)
	}
	t := c.st.topics[arn]
	if t == nil {
		return nil, snsTopicNotFound()
	}
	return t, nil
}

// checkTopicAttribute validates one attribute a caller sets.
func checkTopicAttribute(name, value string) error {
	if !oneOf(name, settableTopicAttributes) {
		return snsInvalid("AttributeName")
	}
	switch name {
	case "Policy", "DeliveryPolicy", "DataProtectionPolicy", "ArchivePolicy":
		if value != "" && !json.Valid([]byte(value)) {
			return snsInvalid(name + " Error: the value is not valid JSON")
		}
	case "DisplayName":
		if len(value) > 100 {
			return snsInvalid("DisplayName")
		}
	case "FifoTopic", "ContentBasedDeduplication":
		if value != "true" && value != "false" {
			return snsInvalid(name)
		}
	}
	return nil
}

type createTopicIn struct {
	Name       *string           `json:"Name"`
	Attributes map[string]string `json:"Attributes"`
	Tags       []snsTag          `json:"Tags"`
}

type topicARNOut struct {
	TopicArn string `json:"TopicArn"`
}

func createTopic(c *call, in *createTopicIn) (any, error) {
	if in.Name == nil {
		return nil, snsInvalid("Name")
	}
	name := *in.Name
	fifo := in.Attributes["FifoTopic"] == "true"
	base, hasSuffix := strings.CutSuffix(name, ".fifo")
	if !reTopicName.MatchString(base) || (hasSuffix && !fifo) || (fifo && !hasSuffix) {
		return nil, snsInvalid("Topic Name")
	}
	for k, v := range in.Attributes {
		if err := checkTopicAttribute(k, v); err != nil {
			return nil, err
		}
	}
	if err := checkSNSTags(in.Tags); err != nil {
		return nil, err
	}
	arn := c.st.arn("sns", name)
	if t := c.st.topics[arn]; t != nil {
		// CreateTopic is idempotent for the same attributes and tags.
		for k, v := range in.Attributes {
			if t.attrs[k] != v {
				return nil, snsInvalid("Attributes Reason: Topic already exists with different attributes")
			}
		}
		for _, tg := range in.Tags {
			if cur, ok := t.tags[tg.Key]; !ok || cur != tg.Value {
				return nil, snsInvalid("Tags Reason: Topic already exists with different tags")
			}
		}
		return &topicARNOut{TopicArn: arn}, nil
	}
	t := &topic{arn: arn, name: name, attrs: map[string]string{}, tags: map[string]string{}}
	for k, v := range in.Attributes {
		t.attrs[k] = v
	}
	if _, ok := t.attrs["Policy"]; !ok {
		t.attrs["Policy"] = defaultTopicPolicy(arn, c.account)
	}
	for _, tg := range in.Tags {
		t.tags[tg.Key] = tg.Value
	}
	c.st.topics[arn] = t
	return &topicARNOut{TopicArn: arn}, nil
}

// defaultTopicPolicy is the access policy AWS gives a new topic.
func defaultTopicPolicy(arn, account string) string {
	return fmt.Sprintf(`{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission","SNS:RemovePermission","SNS:DeleteTopic","SNS:Subscribe","SNS:ListSubscriptionsByTopic","SNS:Publish"],"Resource":"%s","Condition":{"StringEquals":{"AWS:SourceOwner":"%s"}}}]}`, arn, account)
}

type topicARNIn struct {
	TopicArn string `json:"TopicArn"`
}

type attributesOut struct {
	Attributes map[string]string `json:"Attributes"`
}

func getTopicAttributes(c *call, in *topicARNIn) (any, error) {
	t, err := c.topicByARN(in.TopicArn, "TopicArn")
	if err != nil {
		return nil, err
	}
	attrs := copyTags(t.attrs)
	if attrs == nil {
		attrs = map[string]string{}
	}
	var pending, confirmed int
	for _, s := range c.st.subs {
		if s.topicARN == t.arn {
			if s.confirmed {
				confirmed++
			} else {
				pending++
			}
		}
	}
	attrs["TopicArn"] = t.arn
	attrs["Owner"] = c.account
	attrs["SubscriptionsPending"] = itoa(pending)
	attrs["SubscriptionsConfirmed"] = itoa(confirmed)
	attrs["SubscriptionsDeleted"] = "0"
	if _, ok := attrs["DisplayName"]; !ok {
		attrs["DisplayName"] = ""
	}
	attrs["EffectiveDeliveryPolicy"] = `{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}`
	return &attributesOut{Attributes: attrs}, nil
}

type setTopicAttributesIn struct {
	TopicArn       string  `json:"TopicArn"`
	AttributeName  string  `json:"AttributeName"`
	AttributeValue *string `json:"AttributeValue"`
}

func setTopicAttributes(c *call, in *setTopicAttributesIn) (any, error) {
	t, err := c.topicByARN(in.TopicArn, "TopicArn")
	if err != nil {
		return nil, err
	}
	value := ""
	if in.AttributeValue != nil {
		value = *in.AttributeValue
	}
	if in.AttributeName == "FifoTopic" {
		return nil, snsInvalid("AttributeName")
	}
	if err := checkTopicAttribute(in.AttributeName, value); err != nil {
		return nil, err
	}
	if value == "" && in.AttributeName == "KmsMasterKeyId" {
		// An empty key id turns server-side encryption off.
		delete(t.attrs, in.AttributeName)
		return nil, nil
	}
	t.attrs[in.AttributeName] = value
	return nil, nil
}

type nextTokenIn struct {
	NextToken string `json:"NextToken"`
}

type listTopicsOut struct {
	Topics    []topicARNOut `json:"Topics"`
	NextToken string        `json:"NextToken,omitempty"`
}

func listTopics(c *call, in *nextTokenIn) (any, error) {
	arns := make([]string, 0, len(c.st.topics))
	for a := range c.st.topics {
		arns = append(arns, a)
	}
	sort.Strings(arns)
	page, next, err := paginate(arns, in.NextToken, snsPage, snsInvalid("NextToken"))
	if err != nil {
		return nil, err
	}
	out := &listTopicsOut{Topics: []topicARNOut{}, NextToken: next}
	for _, a := range page {
		out.Topics = append(out.Topics, topicARNOut{TopicArn: a})
	}
	return out, nil
}

// deleteTopic deletes a topic and its subscriptions; deleting a topic that
// does not exist is not an error (AWS documents DeleteTopic as idempotent).
func deleteTopic(c *call, in *topicARNIn) (any, error) {
	if _, err := c.topicByARN(in.TopicArn, "TopicArn"); err != nil {
		if e, ok := err.(*awsError); ok && e.Code == "NotFound" {
			return nil, nil
		}
		return nil, err
	}
	delete(c.st.topics, in.TopicArn)
	for arn, s := range c.st.subs {
		if s.topicARN == in.TopicArn {
			delete(c.st.subs, arn)
		}
	}
	return nil, nil
}
