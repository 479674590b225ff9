package localaws

import (
	"sort"
	"strings"

	"github.com/cwpat/cwpat/awslimits"
)

// SNS: subscriptions, tags and the operation table.

type subscription struct {
	arn, topicARN, protocol, endpoint string
	confirmed                         bool
	token                             string
	attrs                             map[string]string
}

// pendingARN is what AWS shows for a subscription still waiting for its
// owner to confirm it.
const pendingARN = "PendingConfirmation"

var snsProtocols = []string{"http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"}

// confirmedAtOnce are the protocols AWS confirms without a round trip to the
// endpoint's owner (same-account SQS, Lambda, Firehose and application endpoints).
var confirmedAtOnce = []string{"sqs", "lambda", "firehose", "application"}

func checkEndpoint(protocol, endpoint string) error {
	switch protocol {
	case "email", "email-json":
		at := strings.Index(endpoint, "@")
		if at < 1 || at == len(endpoint)-1 || strings.ContainsAny(endpoint, " \t\n") {
			return snsInvalid("Email address")
		}
	case "http", "https":
		if !strings.HasPrefix(endpoint, protocol+"://") {
			return snsInvalid("Endpoint must match the specified protocol")
		}
	case "sqs":
		if !strings.HasPrefix(endpoint, "arn:aws:sqs:") {
			return snsInvalid("SQS endpoint ARN")
		}
	case "lambda":
		if !strings.HasPrefix(endpoint, "arn:aws:lambda:") {
			return snsInvalid("Lambda endpoint ARN")
		}
	case "firehose":
		if !strings.HasPrefix(endpoint, "arn:aws:firehose:") {
			return snsInvalid("Firehose endpoint ARN")
		}
	case "sms":
		if strings.TrimLeft(endpoint, "+0123456789") != "" || endpoint == "" {
			return snsInvalid("Invalid SMS endpoint")
		}
	}
	return nil
}

type subscribeIn struct {
	TopicArn              string            `json:"TopicArn"`
	Protocol              *string           `json:"Protocol"`
	Endpoint              string            `json:"Endpoint"`
	Attributes            map[string]string `json:"Attributes"`
	ReturnSubscriptionArn bool              `json:"ReturnSubscriptionArn"`
}

type subscriptionARNOut struct {
	SubscriptionArn string `json:"SubscriptionArn"`
}

func subscribe(c *call, in *subscribeIn) (any, error) {
	if in.Protocol == nil {
		return nil, snsInvalid("Protocol")
	}
	protocol := strings.ToLower(*in.Protocol)
	if !oneOf(protocol, snsProtocols) {
		return nil, snsInvalid("Invalid protocol type: " + *in.Protocol)
	}
	t, err := c.topicByARN(in.TopicArn, "TopicArn")
	if err != nil {
		return nil, err
	}
	if err := checkEndpoint(protocol, in.Endpoint); err != nil {
		return nil, err
	}
	for _, s := range c.st.subs {
		if s.topicARN == t.arn && s.protocol == protocol && s.endpoint == in.Endpoint {
			return &subscriptionARNOut{SubscriptionArn: shownSubscriptionARN(s, in.ReturnSubscriptionArn)}, nil
		}
	}
	s := &subscription{
		arn:      t.arn + ":" + newRequestID(),
		topicARN: t.arn, protocol: protocol, endpoint: in.Endpoint,
		confirmed: oneOf(protocol, confirmedAtOnce),
		token:     strings.ReplaceAll(newRequestID()+newRequestID(), "-", ""),
		attrs:     copyTags(in.Attributes),
	}
	c.st.subs[s.arn] = s
	return &subscriptionARNOut{SubscriptionArn: shownSubscriptionARN(s, in.ReturnSubscriptionArn)}, nil
}

// shownSubscriptionARN is the ARN Subscribe returns: "pending confirmation"
// for a pending subscription unless the caller asked for the real ARN.
func shownSubscriptionARN(s *subscription, returnARN bool) string {
	if s.confirmed || returnARN {
		return s.arn
	}
	return "pending confirmation"
}

type confirmSubscriptionIn struct {
	TopicArn string `json:"TopicArn"`
	Token    string `json:"Token"`
}

func confirmSubscription(c *call, in *confirmSubscriptionIn) (any, error) {
	t, err := c.topicByARN(in.TopicArn, "TopicArn")
	if err != nil {
		return nil, err
	}
	for _, s := range c.st.subs {
		if s.topicARN == t.arn && s.token == in.Token && in.Token != "" {
			s.confirmed = true
			return &subscriptionARNOut{SubscriptionArn: s.arn}, nil
		}
	}
	return nil, snsInvalid("Invalid token")
}

type subscriptionOut struct {
	SubscriptionArn string `json:"SubscriptionArn"`
	Owner           string `json:"Owner"`
	Protocol        string `json:"Protocol"`
	Endpoint        string `json:"Endpoint"`
	TopicArn        string `json:"TopicArn"`
}

type listSubscriptionsByTopicIn struct {
	TopicArn  string `json:"TopicArn"`
	NextToken string `json:"NextToken"`
}

type listSubscriptionsOut struct {
	Subscriptions []subscriptionOut `json:"Subscriptions"`
	NextToken     string            `json:"NextToken,omitempty"`
}

func sortedSubs(r *region, topicARN string) []*subscription {
	var out []*subscription
	for _, s := range r.subs {
		if topicARN == "" || s.topicARN == topicARN {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].topicARN != out[j].topicARN {
			return out[i].topicARN < out[j].topicARN
		}
		if out[i].endpoint != out[j].endpoint {
			return out[i].endpoint < out[j].endpoint
		}
		return out[i].arn < out[j].arn
	})
	return out
}

func (c *call) listSubs(topicARN, token string) (any, error) {
	page, next, err := paginate(sortedSubs(c.st, topicARN), token, snsPage, snsInvalid("NextToken"))
	if err != nil {
		return nil, err
	}
	out := &listSubscriptionsOut{Subscriptions: []subscriptionOut{}, NextToken: next}
	for _, s := range page {
		arn := s.arn
		if !s.confirmed {
			arn = pendingARN
		}
		out.Subscriptions = append(out.Subscriptions, subscriptionOut{
			SubscriptionArn: arn, Owner: c.account, Protocol: s.protocol, Endpoint: s.endpoint, TopicArn: s.topicARN,
		})
	}
	return out, nil
}

func listSubscriptionsByTopic(c *call, in *listSubscriptionsByTopicIn) (any, error) {
	t, err := c.topicByARN(in.TopicArn, "TopicArn")
	if err != nil {
		return nil, err
	}
	return c.listSubs(t.arn, in.NextToken)
}

func listSubscriptions(c *call, in *nextTokenIn) (any, error) {
	return c.listSubs("", in.NextToken)
}

type subscriptionARNIn struct {
	SubscriptionArn string `json:"SubscriptionArn"`
}

func unsubscribe(c *call, in *subscriptionARNIn) (any, error) {
	if strings.Count(in.SubscriptionArn, ":") != 6 || !strings.HasPrefix(in.SubscriptionArn, "arn:aws:sns:") {
		return nil, snsInvalid("SubscriptionArn")
	}
	if c.st.subs[in.SubscriptionArn] == nil {
		return nil, &awsError{Code: "NotFound", Message: "Subscription does not exist", Status: 404}
	}
	delete(c.st.subs, in.SubscriptionArn)
	return nil, nil
}

func getSubscriptionAttributes(c *call, in *subscriptionARNIn) (any, error) {
	s := c.st.subs[in.SubscriptionArn]
	if s == nil {
		return nil, &awsError{Code: "NotFound", Message: "Subscription does not exist", Status: 404}
	}
	attrs := copyTags(s.attrs)
	if attrs == nil {
		attrs = map[string]string{}
	}
	attrs["SubscriptionArn"], attrs["TopicArn"], attrs["Owner"] = s.arn, s.topicARN, c.account
	attrs["Protocol"], attrs["Endpoint"] = s.protocol, s.endpoint
	attrs["PendingConfirmation"] = boolString(!s.confirmed)
	attrs["ConfirmationWasAuthenticated"] = boolString(s.confirmed)
	return &attributesOut{Attributes: attrs}, nil
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func checkSNSTags(tags []snsTag) error {
	for _, t := range tags {
		if t.Key == "" || awslimits.Length(t.Key) > awslimits.TagKeyMaxLength || awslimits.Length(t.Value) > awslimits.TagValueMaxLength {
			return &awsError{Code: "InvalidParameter", Status: 400, Message: "Invalid parameter: Tags"}
		}
	}
	if len(tags) > maxTags {
		return &awsError{Code: "TagLimitExceeded", Status: 400, Message: "Could not complete request: tag quota of per resource exceeded"}
	}
	return nil
}

type snsTagResourceIn struct {
	ResourceArn string   `json:"ResourceArn"`
	Tags        []snsTag `json:"Tags"`
}

type snsUntagResourceIn struct {
	ResourceArn string   `json:"ResourceArn"`
	TagKeys     []string `json:"TagKeys"`
}

type snsResourceIn struct {
	ResourceArn string `json:"ResourceArn"`
}

type snsTagsOut struct {
	Tags []snsTag `json:"Tags"`
}

func (c *call) taggedTopic(arn string) (*topic, error) {
	t := c.st.topics[arn]
	if t == nil {
		return nil, &awsError{Code: "ResourceNotFound", Message: "Resource does not exist", Status: 404}
	}
	return t, nil
}

func snsTagResource(c *call, in *snsTagResourceIn) (any, error) {
	t, err := c.taggedTopic(in.ResourceArn)
	if err != nil {
		return nil, err
	}
	if err := checkSNSTags(in.Tags); err != nil {
		return nil, err
	}
	merged := copyTags(t.tags)
	if merged == nil {
		merged = map[string]string{}
	}
	for _, tg := range in.Tags {
		merged[tg.Key] = tg.Value
	}
	if len(merged) > maxTags {
		return nil, &awsError{Code: "TagLimitExceeded", Status: 400, Message: "Could not complete request: tag quota of per resource exceeded"}
	}
	t.tags = merged
	return nil, nil
}

func snsUntagResource(c *call, in *snsUntagResourceIn) (any, error) {
	t, err := c.taggedTopic(in.ResourceArn)
	if err != nil {
		return nil, err
	}
	for _, k := range in.TagKeys {
		delete(t.tags, k)
	}
	return nil, nil
}

func snsListTagsForResource(c *call, in *snsResourceIn) (any, error) {
	t, err := c.taggedTopic(in.ResourceArn)
	if err != nil {
		return nil, err
	}
	out := &snsTagsOut{Tags: []snsTag{}}
	for _, k := range sortedKeys(t.tags) {
		out.Tags = append(out.Tags, snsTag{Key: k, Value: t.tags[k]})
	}
	return out, nil
}

// snsHandlers is the SNS operation table.
func snsHandlers() map[string]handler {
	return map[string]handler{
		"CreateTopic":               op(createTopic),
		"GetTopicAttributes":        op(getTopicAttributes),
		"SetTopicAttributes":        op(setTopicAttributes),
		"ListTopics":                op(listTopics),
		"DeleteTopic":               op(deleteTopic),
		"Subscribe":                 op(subscribe),
		"ConfirmSubscription":       op(confirmSubscription),
		"ListSubscriptionsByTopic":  op(listSubscriptionsByTopic),
		"ListSubscriptions":         op(listSubscriptions),
		"GetSubscriptionAttributes": op(getSubscriptionAttributes),
		"Unsubscribe":               op(unsubscribe),
		"Publish":                   op(publish),
		"TagResource":               op(snsTagResource),
		"UntagResource":             op(snsUntagResource),
		"ListTagsForResource":       op(snsListTagsForResource),
	}
}
