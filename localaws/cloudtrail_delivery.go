package localaws

import (
	"strings"
)

// Whether CloudTrail can deliver a trail's events to its CloudWatch Logs log
// group, judged as CloudTrail does when UpdateTrail or CreateTrail is called
// and again at every delivery: the log group must be in the trail's account
// and home region; CloudTrail must be able to assume the role (its trust
// policy lets the service cloudtrail.amazonaws.com call sts:AssumeRole); the
// role's inline policies must allow logs:CreateLogStream and
// logs:PutLogEvents on the stream CloudTrail writes. Managed policies are
// not modelled: only inline policies grant.

// Error texts CloudTrail is observed to send for these cases (AWS CLI and
// Terraform reports); the missing log group has no known text of its own.
const (
	msgCWLCannotValidate = "CloudTrail cannot validate the specified log group ARN."
	msgCWLNoSuchGroup    = "The specified log group does not exist."
	msgCWLTrust          = "Access denied. Check the trust relationships for your role."
	msgCWLPermissions    = "Access denied. Check the permissions for your role."
	msgCWLNeedRole       = "You must specify a role ARN as well as a log group."
	msgCWLNeedGroup      = "You must specify a log group as well as a role ARN."
)

func errCWLGroup(msg string) *awsError {
	return ctError("InvalidCloudWatchLogsLogGroupArnException", "%s", msg)
}

func errCWLRole(msg string) *awsError {
	return ctError("InvalidCloudWatchLogsRoleArnException", "%s", msg)
}

// logGroupRef is a log group named by a trail's CloudWatchLogsLogGroupArn.
type logGroupRef struct {
	account, region, name string
}

// parseLogGroupARN reads arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*, the
// form DescribeLogGroups returns and CloudTrail requires (without the
// trailing ":*" CloudTrail cannot validate it).
func parseLogGroupARN(arn string) (logGroupRef, bool) {
	parts := strings.SplitN(arn, ":", 7)
	if len(parts) != 7 || parts[0] != "arn" || parts[2] != "logs" || parts[5] != "log-group" {
		return logGroupRef{}, false
	}
	name, ok := strings.CutSuffix(parts[6], ":*")
	if !ok || name == "" || !isAccountID(parts[4]) || parts[3] == "" {
		return logGroupRef{}, false
	}
	return logGroupRef{account: parts[4], region: parts[3], name: name}, true
}

// streamARN is the ARN of a log stream of the group, as a permission policy
// names it.
func (g logGroupRef) streamARN(stream string) string {
	return "arn:aws:logs:" + g.region + ":" + g.account + ":log-group:" + g.name + ":log-stream:" + stream
}

// deliveryStream is the stream CloudTrail writes a trail's events from
// sourceAccount to: ACCOUNT_CloudTrail_REGION, with the organization id in
// front for an organization trail (the guide's policy grants "o-ORGID_*" for
// it). REGION is the trail's home region, where the log group is, so the
// guide's default policy covers a multi-Region trail's events too.
func (s *Server) deliveryStream(t *trail, sourceAccount string) string {
	name := sourceAccount + "_CloudTrail_" + t.HomeRegion
	if t.IsOrganizationTrail {
		if o := s.orgOf(trailAccount(t)); o != nil {
			name = o.ID + "_" + name
		}
	}
	return name
}

// trailAccount is the account a trail belongs to, from its ARN.
func trailAccount(t *trail) string {
	account, _, _ := regionOfARN(t.TrailARN)
	return account
}

// checkDelivery judges whether CloudTrail can write the trail's events from
// sourceAccount to its log group, returning the log group's state and the
// stream to write, or the error CloudTrail gives. The caller holds s.mu.
func (s *Server) checkDelivery(t *trail, sourceAccount string) (*region, *logGroup, string, *awsError) {
	ref, ok := parseLogGroupARN(t.CloudWatchLogsLogGroupArn)
	if !ok || ref.account != trailAccount(t) || ref.region != t.HomeRegion {
		return nil, nil, "", errCWLGroup(msgCWLCannotValidate)
	}
	st := s.regions[regionKey{ref.account, ref.region}]
	if st == nil || st.logGroups[ref.name] == nil {
		return nil, nil, "", errCWLGroup(msgCWLNoSuchGroup)
	}
	stream := s.deliveryStream(t, sourceAccount)
	if err := s.checkDeliveryRole(t, ref, stream); err != nil {
		return nil, nil, "", err
	}
	return st, st.logGroups[ref.name], stream, nil
}

// checkDeliveryRole judges the trail's role: CloudTrail assumes it, then
// creates the stream and puts events into it.
func (s *Server) checkDeliveryRole(t *trail, g logGroupRef, stream string) *awsError {
	role := s.roleByARN(t.CloudWatchLogsRoleArn)
	if role == nil {
		return errCWLRole(msgCWLTrust)
	}
	if roleAccount, _, _ := parseRoleARN(role.arn); roleAccount != trailAccount(t) {
		return errCWLRole(msgCWLTrust)
	}
	ctx := map[string]string{"aws:sourcearn": t.TrailARN, "aws:sourceaccount": trailAccount(t)}
	if !evaluate([]*policyDoc{role.trustDoc}, policyRequest{
		Principals: map[string][]string{"Service": {"cloudtrail.amazonaws.com"}},
		Action:     "sts:AssumeRole", Context: ctx,
	}).Allowed {
		return errCWLRole(msgCWLTrust)
	}
	docs := make([]*policyDoc, 0, len(role.docs))
	for _, d := range role.docs {
		docs = append(docs, d)
	}
	for _, action := range []string{"logs:CreateLogStream", "logs:PutLogEvents"} {
		if !evaluate(docs, policyRequest{Action: action, Resource: g.streamARN(stream), Context: ctx}).Allowed {
			return errCWLGroup(msgCWLPermissions)
		}
	}
	return nil
}

// validateCWL checks a trail's log group and role pair as CreateTrail and
// UpdateTrail do: both or neither, and, when both, a delivery CloudTrail
// can make.
func (s *Server) validateCWL(t *trail) *awsError {
	group, role := t.CloudWatchLogsLogGroupArn, t.CloudWatchLogsRoleArn
	switch {
	case group == "" && role == "":
		return nil
	case role == "":
		return errCWLRole(msgCWLNeedRole)
	case group == "":
		return errCWLGroup(msgCWLNeedGroup)
	}
	_, _, _, err := s.checkDelivery(t, trailAccount(t))
	return err
}
