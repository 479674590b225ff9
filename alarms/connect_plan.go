package alarms

import (
	"fmt"
	"strconv"
)

// linkChange carries what applying a connection change needs.
type linkChange struct {
	logGroup      string
	retentionDays int32
	kmsKeyID      string
	tags          map[string]string
	role          string
	trustPolicy   string
	rolePolicy    string
	trailARN      string
	logGroupARN   string // "" on UpdateTrail: disconnect
	roleARN       string
}

// PlanChain plans the whole chain: connecting the trail (when conn is set)
// and then the filters, alarms and topic of d on the trail's log group.
// It is pure. A log group the connection creates counts as existing for
// the filters planned on it.
func PlanChain(conn *Connection, link *Link, d *Desired, cur *Current) (*Plan, error) {
	var pre *Plan
	if conn != nil {
		var err error
		if pre, err = PlanConnect(*conn, link); err != nil {
			return nil, err
		}
		if link.LogGroup == nil {
			cur.LogGroupExists = true
		}
	}
	p, err := ComputePlan(d, cur)
	if err != nil || pre == nil {
		return p, err
	}
	p.Trail = pre.Trail
	p.Changes = append(pre.Changes, p.Changes...)
	p.Warnings = append(pre.Warnings, p.Warnings...)
	return p, nil
}

// PlanConnect plans what connecting the trail to CloudWatch Logs takes: the
// log group, the role with the guide's trust and permission policies, and
// UpdateTrail. What exists and is not cwpat's is used as it is and never
// changed; a trail that already delivers keeps its log group and role.
func PlanConnect(conn Connection, l *Link) (*Plan, error) {
	if err := conn.Validate(); err != nil {
		return nil, err
	}
	if l.Trail.Organization && conn.OrganizationID == "" && !l.Delivers() {
		return nil, fmt.Errorf("trail %s is an organization trail: pass --organization-id o-... (aws organizations describe-organization) so that its role lets CloudTrail write the member accounts' o-ID_* streams", l.Trail.Name)
	}
	p := &Plan{LogGroupName: l.LogGroupName, Trail: l.Trail.Name}
	tags := withTags(conn.Tags, map[string]string{TagManagedBy: ManagedByValue, TagTrail: l.Trail.Name})
	if l.Delivers() {
		p.add(Change{Type: TypeTrail, Name: l.Trail.Name, Action: NoOp,
			Note: fmt.Sprintf("already delivers to log group %s through role %s: the filters and alarms go there", l.Trail.LogGroupName, orNone(l.Trail.RoleARN))})
		if conn.LogGroupName != DefaultConnectLogGroup && conn.LogGroupName != l.LogGroupName {
			p.warn("trail %s already delivers to log group %s, not %s: cwpat deploys there and does not move the trail", l.Trail.Name, l.LogGroupName, conn.LogGroupName)
		}
	}
	planLogGroup(p, conn, l, tags)
	planRole(p, conn, l, tags)
	if !l.Delivers() {
		p.add(Change{Type: TypeTrail, Name: l.Trail.Name, Action: Update,
			Fields: []FieldDiff{{Name: "cloud_watch_logs_log_group_arn", New: l.LogGroupARN()}, {Name: "cloud_watch_logs_role_arn", New: l.RoleARN()}},
			Note:   "CloudTrail delivers within minutes of each API call; the trail's S3 delivery is unchanged",
			link:   &linkChange{trailARN: l.Trail.ARN, logGroupARN: l.LogGroupARN(), roleARN: l.RoleARN()}})
	}
	return p, nil
}

func planLogGroup(p *Plan, conn Connection, l *Link, tags map[string]string) {
	g := l.LogGroup
	lc := &linkChange{logGroup: l.LogGroupName, retentionDays: conn.RetentionDays, kmsKeyID: conn.LogGroupKMSKeyID, tags: tags}
	switch {
	case g == nil:
		fields := []Field{{"name", l.LogGroupName}, {"retention_in_days", strconv.Itoa(int(conn.RetentionDays))}, {"kms_key_id", conn.LogGroupKMSKeyID}}
		p.add(Change{Type: TypeLogGroup, Name: l.LogGroupName, Action: Create, link: lc, Fields: diffFields(nil, append(fields, tagFields(tags)...))})
	case !Owned(l.LogGroupTags):
		p.add(Change{Type: TypeLogGroup, Name: l.LogGroupName, Action: NoOp,
			Note: "exists and is not managed by cwpat: CloudTrail delivers to it as it is; cwpat will not change or delete it"})
		if g.RetentionDays > 0 && g.RetentionDays < DefaultRetentionDays {
			p.warn("log group %s keeps events %d days; CIS 3.4 wants at least %d (cwpat does not change a log group it did not create: aws logs put-retention-policy --log-group-name %s --retention-in-days %d)",
				g.Name, g.RetentionDays, DefaultRetentionDays, g.Name, DefaultRetentionDays)
		}
	default:
		ch := Change{Type: TypeLogGroup, Name: l.LogGroupName, Action: NoOp, link: lc,
			Fields: diffFields([]Field{{"retention_in_days", strconv.Itoa(int(g.RetentionDays))}}, []Field{{"retention_in_days", strconv.Itoa(int(conn.RetentionDays))}})}
		if len(ch.Fields) > 0 {
			ch.Action = Update
		}
		p.add(ch)
		if conn.LogGroupKMSKeyID != "" && conn.LogGroupKMSKeyID != g.KMSKeyID {
			p.warn("log group %s exists: --log-group-kms-key applies only when cwpat creates the group (aws logs associate-kms-key changes it)", g.Name)
		}
	}
}

func planRole(p *Plan, conn Connection, l *Link, tags map[string]string) {
	r := l.Role
	trust := TrustPolicy()
	policy := RolePolicy(l.LogGroupARN(), l.Account, l.Region, conn.OrganizationID)
	lc := &linkChange{role: l.RoleName, trustPolicy: trust, rolePolicy: policy, tags: tags}
	switch {
	case r == nil && l.Delivers():
		p.warn("trail %s delivers through role %s, which cwpat cannot read: check it exists (delivery errors show in cwpat audit)", l.Trail.Name, l.Trail.RoleARN)
	case r == nil:
		p.add(Change{Type: TypeRole, Name: l.RoleName, Action: Create, link: lc,
			Fields: diffFields(nil, append([]Field{{"name", l.RoleName}, {"assume_role_policy", trust}}, tagFields(tags)...))})
		p.add(Change{Type: TypeRolePolicy, Name: l.RoleName + "/" + RolePolicyName, Action: Create, link: lc,
			Fields: diffFields(nil, []Field{{"policy", policy}})})
	case !Owned(r.Tags):
		p.add(Change{Type: TypeRole, Name: l.RoleName, Action: NoOp,
			Note: "exists and is not managed by cwpat: the trail uses it as it is; cwpat will not change its trust or policies"})
		if !l.Delivers() {
			p.warn("role %s is not cwpat's: its trust policy must let cloudtrail.amazonaws.com sts:AssumeRole and its policy allow logs:CreateLogStream and logs:PutLogEvents on %s, or delivery fails (cwpat audit reports it); pass --role-name to let cwpat create its own",
				l.RoleName, RolePolicyResources(l.LogGroupARN(), l.Account, l.Region, conn.OrganizationID))
		}
	default:
		ch := Change{Type: TypeRole, Name: l.RoleName, Action: NoOp, link: lc,
			Fields: diffFields([]Field{{"assume_role_policy", normalJSON(r.TrustPolicy, trust)}}, []Field{{"assume_role_policy", trust}})}
		if len(ch.Fields) > 0 {
			ch.Action = Update
		}
		p.add(ch)
		pc := Change{Type: TypeRolePolicy, Name: l.RoleName + "/" + RolePolicyName, Action: NoOp, link: lc,
			Fields: diffFields([]Field{{"policy", normalJSON(r.Policy, policy)}}, []Field{{"policy", policy}})}
		if r.Policy == "" {
			pc.Action = Create
		} else if len(pc.Fields) > 0 {
			pc.Action = Update
		}
		p.add(pc)
	}
}

// RolePolicyResources lists the log streams the role must be allowed to
// write, for messages.
func RolePolicyResources(logGroupARN, account, region, orgID string) string {
	s := logGroupARN + ":log-stream:" + account + "_CloudTrail_" + region + "*"
	if orgID != "" {
		s += " and " + logGroupARN + ":log-stream:" + orgID + "_*"
	}
	return s
}

// normalJSON returns want when have is the same JSON document, so that
// IAM's reformatting does not read as a change.
func normalJSON(have, want string) string {
	if samePolicy(have, want) {
		return want
	}
	return have
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// PlanDisconnect plans undoing a connection cwpat made (its role is
// cwpat's): UpdateTrail with empty ARNs, then the role policy and the role.
// The log group holds the account's audit records and is kept, unless
// deleteLogGroup is set and cwpat created it.
func PlanDisconnect(l *Link, deleteLogGroup bool) []Change {
	if l.Role == nil || !Owned(l.Role.Tags) {
		return nil
	}
	var out []Change
	if l.Delivers() && l.Trail.RoleARN == l.Role.ARN {
		out = append(out, Change{Type: TypeTrail, Name: l.Trail.Name, Action: Update,
			Fields: []FieldDiff{{Name: "cloud_watch_logs_log_group_arn", Old: l.Trail.LogGroupARN}, {Name: "cloud_watch_logs_role_arn", Old: l.Trail.RoleARN}},
			Note:   "the trail stops sending events to CloudWatch Logs; its S3 delivery is unchanged",
			link:   &linkChange{trailARN: l.Trail.ARN}})
	}
	lc := &linkChange{role: l.Role.Name}
	if l.Role.Policy != "" {
		out = append(out, Change{Type: TypeRolePolicy, Name: l.Role.Name + "/" + RolePolicyName, Action: Delete, link: lc,
			Fields: []FieldDiff{{Name: "policy", Old: l.Role.Policy}}})
	}
	out = append(out, Change{Type: TypeRole, Name: l.Role.Name, Action: Delete, link: lc, Fields: []FieldDiff{{Name: "arn", Old: l.Role.ARN}}})
	switch {
	case l.LogGroup == nil:
	case !Owned(l.LogGroupTags):
		out = append(out, Change{Type: TypeLogGroup, Name: l.LogGroupName, Action: NoOp, Note: "not created by cwpat: kept"})
	case deleteLogGroup:
		out = append(out, Change{Type: TypeLogGroup, Name: l.LogGroupName, Action: Delete, link: &linkChange{logGroup: l.LogGroupName},
			Fields: []FieldDiff{{Name: "arn", Old: l.LogGroup.ARN}}, Note: "deletes the CloudTrail events it holds"})
	default:
		out = append(out, Change{Type: TypeLogGroup, Name: l.LogGroupName, Action: NoOp,
			Note: "kept: it holds the account's CloudTrail events (--delete-log-group deletes it)"})
	}
	return out
}
