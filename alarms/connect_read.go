package alarms

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Link is a trail's connection to CloudWatch Logs as read from the account:
// the trail, the log group it delivers (or would deliver) to and the role.
type Link struct {
	Account   string
	Partition string
	Region    string
	Trail     Trail
	// LogGroupName is where the trail delivers, or where it would after
	// connecting; LogGroup is that group as read (nil: missing).
	LogGroupName string
	LogGroup     *LogGroup
	LogGroupTags map[string]string
	// RoleName is the trail's role, or the one connecting would use; Role
	// is that role as read (nil: missing).
	RoleName string
	Role     *Role
}

// Role is an IAM role as the connection needs it.
type Role struct {
	Name        string
	ARN         string
	TrustPolicy string
	Tags        map[string]string
	// Policy is cwpat's inline policy (RolePolicyName), "" when absent.
	Policy string
}

// Delivers reports whether the trail already sends events to CloudWatch Logs.
func (l *Link) Delivers() bool { return l.Trail.LogGroupARN != "" }

// LogGroupARN is the log group's ARN in the form UpdateTrail takes (":*").
func (l *Link) LogGroupARN() string {
	if l.Delivers() {
		return l.Trail.LogGroupARN
	}
	return ARN{Partition: l.Partition, Service: "logs", Region: l.Region, Account: l.Account, Resource: "log-group:" + l.LogGroupName + ":*"}.String()
}

// RoleARN is the role's ARN.
func (l *Link) RoleARN() string {
	if l.Role != nil {
		return l.Role.ARN
	}
	return ARN{Partition: l.Partition, Service: "iam", Account: l.Account, Resource: "role/" + l.RoleName}.String()
}

// CallerAccount asks STS which account the credentials belong to.
func (c *Clients) CallerAccount(ctx context.Context) (account, partition string, err error) {
	out, err := c.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return "", "", c.opErr("sts", "GetCallerIdentity", "the caller", err)
	}
	a, err := ParseARN(aws.ToString(out.Arn))
	if err != nil {
		return aws.ToString(out.Account), "aws", nil
	}
	if c.Account == "" {
		c.Account, c.Partition = aws.ToString(out.Account), a.Partition
	}
	return aws.ToString(out.Account), a.Partition, nil
}

// ReadLink reads what connecting conn's trail involves. It refuses, before
// anything is changed, a trail that is not in the region, one that lives
// in another Region, and an organization trail seen from a member account.
func (c *Clients) ReadLink(ctx context.Context, conn Connection) (*Link, error) {
	account, partition, err := c.CallerAccount(ctx)
	if err != nil {
		return nil, err
	}
	trails, err := c.Trails(ctx)
	if err != nil {
		return nil, err
	}
	t, err := findTrail(trails, conn.TrailName, c.Region, account)
	if err != nil {
		return nil, err
	}
	l := &Link{Account: account, Partition: partition, Region: c.Region, Trail: *t, LogGroupName: conn.LogGroupName, RoleName: conn.RoleName}
	if l.Delivers() {
		if t.LogGroupRegion != "" && t.LogGroupRegion != c.Region || t.LogGroupAccount != "" && t.LogGroupAccount != account {
			return nil, fmt.Errorf("trail %s already delivers to log group %s in account %s, region %s: deploy there (--region %s, with credentials of that account)",
				t.Name, t.LogGroupName, t.LogGroupAccount, t.LogGroupRegion, t.LogGroupRegion)
		}
		l.LogGroupName = t.LogGroupName
		if name, ok := roleName(t.RoleARN); ok {
			l.RoleName = name
		}
	}
	if err := c.readLinkLogGroup(ctx, l); err != nil {
		return nil, err
	}
	if l.Role, err = c.readRole(ctx, l.RoleName); err != nil {
		return nil, err
	}
	return l, nil
}

// findTrail picks the trail named ref (a name or an ARN) and checks that
// cwpat can change it from here.
func findTrail(trails []Trail, ref, region, account string) (*Trail, error) {
	var names []string
	for i := range trails {
		t := &trails[i]
		names = append(names, t.Name)
		if t.Name != ref && t.ARN != ref {
			continue
		}
		if t.ShadowOf(region) {
			return nil, fmt.Errorf("trail %s lives in region %s (what %s shows is its multi-Region copy): run with --region %s", t.Name, t.HomeRegion, region, t.HomeRegion)
		}
		if a, err := ParseARN(t.ARN); err == nil && a.Account != "" && a.Account != account {
			what := "trail"
			if t.Organization {
				what = "organization trail"
			}
			return nil, fmt.Errorf("%s %s belongs to account %s, not %s (a member account sees its organization's trail but cannot change it): connect it from account %s or its delegated administrator", what, t.Name, a.Account, account, a.Account)
		}
		return t, nil
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no trail %q in region %s: there is no trail here at all (aws cloudtrail create-trail creates one)", ref, region)
	}
	return nil, fmt.Errorf("no trail %q in region %s; trails here: %s", ref, region, strings.Join(names, ", "))
}

func roleName(arn string) (string, bool) {
	a, err := ParseARN(arn)
	if err != nil || a.Service != "iam" || !strings.HasPrefix(a.Resource, "role/") {
		return "", false
	}
	r := strings.TrimPrefix(a.Resource, "role/")
	return r[strings.LastIndexByte(r, '/')+1:], true
}

func (c *Clients) readLinkLogGroup(ctx context.Context, l *Link) error {
	g, err := c.LogGroup(ctx, l.LogGroupName)
	if err != nil || g == nil {
		return err
	}
	l.LogGroup = g
	out, err := c.Logs.ListTagsForResource(ctx, &cloudwatchlogs.ListTagsForResourceInput{ResourceArn: aws.String(strings.TrimSuffix(g.ARN, ":*"))})
	if err != nil {
		return c.opErr("logs", "ListTagsForResource", g.ARN, err)
	}
	l.LogGroupTags = out.Tags
	return nil
}

// readRole reads a role with its tags and cwpat's inline policy, nil when
// there is no such role.
func (c *Clients) readRole(ctx context.Context, name string) (*Role, error) {
	out, err := c.IAM.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	if errCode(err) == "NoSuchEntity" {
		return nil, nil
	}
	if err != nil {
		return nil, c.opErr("iam", "GetRole", "role "+name, err)
	}
	r := &Role{Name: name, ARN: aws.ToString(out.Role.Arn), TrustPolicy: policyText(aws.ToString(out.Role.AssumeRolePolicyDocument)), Tags: map[string]string{}}
	for _, t := range out.Role.Tags {
		r.Tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	pol, err := c.IAM.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String(RolePolicyName)})
	switch {
	case errCode(err) == "NoSuchEntity":
	case err != nil:
		return nil, c.opErr("iam", "GetRolePolicy", r.ARN, err)
	default:
		r.Policy = policyText(aws.ToString(pol.PolicyDocument))
	}
	return r, nil
}

// policyText undoes the URL encoding IAM applies to policy documents.
func policyText(doc string) string {
	if s, err := url.QueryUnescape(doc); err == nil {
		return s
	}
	return doc
}

// ReadOwnedLinks returns the trails of the region whose delivery to
// CloudWatch Logs goes through a role cwpat created: the connections cwpat
// made, which destroy undoes.
func (c *Clients) ReadOwnedLinks(ctx context.Context) ([]*Link, error) {
	trails, err := c.Trails(ctx)
	if err != nil {
		return nil, err
	}
	var out []*Link
	for _, t := range trails {
		name, ok := roleName(t.RoleARN)
		if !ok || t.ShadowOf(c.Region) {
			continue
		}
		role, err := c.readRole(ctx, name)
		var oe *OpError
		if errors.As(err, &oe) && oe.Hint() != "" && strings.HasPrefix(oe.Hint(), "grant ") {
			// Not allowed to look: cwpat cannot tell it made this
			// connection, so it leaves it alone.
			continue
		}
		if err != nil {
			return nil, err
		}
		if role == nil || !Owned(role.Tags) {
			continue
		}
		a, _ := ParseARN(role.ARN)
		l := &Link{Account: a.Account, Partition: a.Partition, Region: c.Region, Trail: t, LogGroupName: t.LogGroupName, RoleName: name, Role: role}
		if err := c.readLinkLogGroup(ctx, l); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}
