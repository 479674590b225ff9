package localaws

import (
	"fmt"
	"sort"
	"strings"
)

// The Go API tests use to seed and read the server's state directly.

// regionOfARN returns the account and region an ARN names.
func regionOfARN(arn string) (account, region string, ok bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return "", "", false
	}
	return parts[4], parts[3], true
}

func (s *Server) accountOr(account string) string {
	if account == "" {
		return s.opts.Account
	}
	return account
}

// PutTrail seeds a CloudTrail trail homed in account ("" for the default
// account) and region, replacing one of the same name, and returns it with
// its ARN and home region filled in. IsLogging, EventSelectors and
// AdvancedEventSelectors are kept as given.
func (s *Server) PutTrail(account, region string, t Trail) Trail {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.region(s.accountOr(account), region)
	tr := st.addTrail(t)
	tr.roleUnverified = true
	if tr.IsLogging {
		tr.started = s.opts.Now().UTC()
		if tr.CloudWatchLogsLogGroupArn != "" && tr.LatestCloudWatchLogsDeliveryTime.IsZero() {
			tr.LatestCloudWatchLogsDeliveryTime = tr.started
		}
	}
	return tr.Trail
}

// findSubscription finds the subscription of endpoint on a topic.
func (s *Server) findSubscription(topicARN, endpoint string) (*subscription, error) {
	account, region, ok := regionOfARN(topicARN)
	if !ok {
		return nil, fmt.Errorf("localaws: %q is not a topic ARN", topicARN)
	}
	st := s.regions[regionKey{account, region}]
	if st == nil || st.topics[topicARN] == nil {
		return nil, fmt.Errorf("localaws: topic %s does not exist", topicARN)
	}
	for _, sub := range sortedSubs(st, topicARN) {
		if sub.endpoint == endpoint {
			return sub, nil
		}
	}
	return nil, fmt.Errorf("localaws: topic %s has no subscription for %s", topicARN, endpoint)
}

// ConfirmSubscription confirms the pending subscription of endpoint on a
// topic, as the owner of an email address does by following the link AWS
// mails, and returns the subscription's ARN.
func (s *Server) ConfirmSubscription(topicARN, endpoint string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sub, err := s.findSubscription(topicARN, endpoint)
	if err != nil {
		return "", err
	}
	sub.confirmed = true
	return sub.arn, nil
}

// SubscriptionToken returns the confirmation token AWS would send to the
// endpoint, for tests that confirm over the wire with ConfirmSubscription.
func (s *Server) SubscriptionToken(topicARN, endpoint string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sub, err := s.findSubscription(topicARN, endpoint)
	if err != nil {
		return "", err
	}
	return sub.token, nil
}

// Published returns the messages published to a topic so far (by Publish
// and by alarm state changes, alarms first evaluated up to the server's
// clock), oldest first.
func (s *Server) Published(topicARN string) []Message {
	s.mu.Lock()
	defer s.unlock()
	s.evaluateAll()
	account, region, ok := regionOfARN(topicARN)
	if !ok {
		return nil
	}
	st := s.regions[regionKey{account, region}]
	if st == nil || st.topics[topicARN] == nil {
		return nil
	}
	out := make([]Message, len(st.topics[topicARN].published))
	for i, m := range st.topics[topicARN].published {
		m.DeliveredTo = append([]string(nil), m.DeliveredTo...)
		out[i] = m
	}
	return out
}

// FailedActions returns the alarm actions that could not run (a missing
// topic, a topic encrypted with a key CloudWatch may not use), oldest first,
// alarms first evaluated up to the server's clock. In AWS these show only in
// the alarm history; the notification is lost.
func (s *Server) FailedActions() []ActionFailure {
	s.mu.Lock()
	defer s.unlock()
	s.evaluateAll()
	return append([]ActionFailure(nil), s.actionFailures...)
}

// State is a read-only summary of one account's resources in one region.
type State struct {
	// LogGroups maps each log group to the names of its metric filters.
	LogGroups map[string][]string
	// Alarms maps each alarm name to its state (OK, ALARM, INSUFFICIENT_DATA).
	Alarms map[string]string
	// Metrics lists the metrics with data as "Namespace/MetricName".
	Metrics []string
	// Topics lists topic ARNs.
	Topics []string
	// Subscriptions maps each topic ARN to "protocol:endpoint" entries, with
	// " (pending)" after unconfirmed ones.
	Subscriptions map[string][]string
	// Trails lists the trails homed in the region.
	Trails []string
	// Keys counts the KMS keys.
	Keys int
	// Roles lists the account's IAM roles by name (IAM is global: every
	// region of an account shows the same roles).
	Roles []string
}

// Snapshot returns the state of account ("" for the default account) in
// region, alarms first evaluated up to the server's clock.
func (s *Server) Snapshot(account, region string) State {
	s.mu.Lock()
	defer s.unlock()
	s.evaluateAll()
	out := State{LogGroups: map[string][]string{}, Alarms: map[string]string{}, Subscriptions: map[string][]string{}}
	out.Roles = s.roleNames(s.accountOr(account))
	st := s.regions[regionKey{s.accountOr(account), region}]
	if st == nil {
		return out
	}
	for name, g := range st.logGroups {
		out.LogGroups[name] = sortedFilterNames(g)
	}
	for name, a := range st.alarms {
		out.Alarms[name] = a.StateValue
	}
	seen := map[string]bool{}
	for _, m := range st.metrics {
		k := m.namespace + "/" + m.name
		if !seen[k] {
			seen[k] = true
			out.Metrics = append(out.Metrics, k)
		}
	}
	sort.Strings(out.Metrics)
	for arn := range st.topics {
		out.Topics = append(out.Topics, arn)
		out.Subscriptions[arn] = []string{}
	}
	sort.Strings(out.Topics)
	for _, sub := range sortedSubs(st, "") {
		e := sub.protocol + ":" + sub.endpoint
		if !sub.confirmed {
			e += " (pending)"
		}
		out.Subscriptions[sub.topicARN] = append(out.Subscriptions[sub.topicARN], e)
	}
	for name := range st.trails {
		out.Trails = append(out.Trails, name)
	}
	sort.Strings(out.Trails)
	out.Keys = len(st.keys)
	return out
}

// Reset forgets every resource, fault and recorded call.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.regions = map[regionKey]*region{}
	s.faults = nil
	s.calls = nil
	s.actionFailures = nil
	s.chain = chainState{}
}
