package alarms

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testConnection() Connection {
	return Connection{TrailName: "main", LogGroupName: DefaultConnectLogGroup, RetentionDays: 365, RoleName: DefaultRoleName}
}

func unconnected() *Link {
	return &Link{Account: "111122223333", Partition: "aws", Region: "us-east-2",
		Trail:        Trail{Name: "main", ARN: "arn:aws:cloudtrail:us-east-2:111122223333:trail/main", HomeRegion: "us-east-2"},
		LogGroupName: DefaultConnectLogGroup, RoleName: DefaultRoleName}
}

// connectedByCwpat is unconnected() after cwpat connected it: the trail
// delivers to the log group through the role, both tagged as cwpat's.
func connectedByCwpat() *Link {
	l := unconnected()
	l.Trail.LogGroupARN, l.Trail.RoleARN = l.LogGroupARN(), l.RoleARN()
	owned := map[string]string{TagManagedBy: ManagedByValue}
	l.LogGroup = &LogGroup{Name: l.LogGroupName, ARN: l.Trail.LogGroupARN}
	l.LogGroupTags = owned
	l.Role = &Role{Name: DefaultRoleName, ARN: l.Trail.RoleARN, Tags: owned, Policy: "{}"}
	return l
}

func changeKinds(p *Plan) []string {
	var out []string
	for _, c := range p.Changes {
		out = append(out, string(c.Action)+" "+string(c.Type))
	}
	return out
}

func TestConnectPlansTheGuidesChain(t *testing.T) {
	p, err := PlanConnect(testConnection(), unconnected())
	require.NoError(t, err)
	assert.Equal(t, []string{"create log group", "create iam role", "create iam role policy", "update cloudtrail trail"}, changeKinds(p))
	fields := map[string]string{}
	for _, c := range p.Changes {
		for _, f := range c.Fields {
			fields[string(c.Type)+"."+f.Name] = f.New
		}
	}
	assert.Equal(t, "365", fields["log group.retention_in_days"])
	assert.Equal(t, "cwpat", fields["log group.tags.managed-by"])
	assert.Equal(t, "arn:aws:logs:us-east-2:111122223333:log-group:CloudTrail/DefaultLogGroup:*", fields["cloudtrail trail.cloud_watch_logs_log_group_arn"])
	assert.Equal(t, "arn:aws:iam::111122223333:role/CloudTrail_CloudWatchLogs_Role", fields["cloudtrail trail.cloud_watch_logs_role_arn"])

	// Exactly the guide's trust policy and permissions.
	var trust struct {
		Statement []struct {
			Effect    string
			Principal map[string]string
			Action    string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(fields["iam role.assume_role_policy"]), &trust))
	require.Len(t, trust.Statement, 1)
	assert.Equal(t, "cloudtrail.amazonaws.com", trust.Statement[0].Principal["Service"])
	assert.Equal(t, "sts:AssumeRole", trust.Statement[0].Action)
	var pol struct {
		Statement []struct {
			Action   []string
			Resource []string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(fields["iam role policy.policy"]), &pol))
	require.Len(t, pol.Statement, 2)
	assert.Equal(t, []string{"logs:CreateLogStream"}, pol.Statement[0].Action)
	assert.Equal(t, []string{"logs:PutLogEvents"}, pol.Statement[1].Action)
	want := []string{"arn:aws:logs:us-east-2:111122223333:log-group:CloudTrail/DefaultLogGroup:log-stream:111122223333_CloudTrail_us-east-2*"}
	assert.Equal(t, want, pol.Statement[0].Resource)
	assert.Equal(t, want, pol.Statement[1].Resource)
}

func TestConnectOrganizationTrailAllowsOrgStreams(t *testing.T) {
	l := unconnected()
	l.Trail.Organization = true
	_, err := PlanConnect(testConnection(), l)
	assert.ErrorContains(t, err, "--organization-id")
	conn := testConnection()
	conn.OrganizationID = "o-exampleorgid"
	p, err := PlanConnect(conn, l)
	require.NoError(t, err)
	for _, c := range p.Changes {
		if c.Type == TypeRolePolicy {
			assert.Contains(t, c.Fields[0].New, "log-stream:o-exampleorgid_*")
			assert.Contains(t, c.Fields[0].New, "log-stream:111122223333_CloudTrail_us-east-2*")
		}
	}
}

func TestConnectNeverRewritesForeignResources(t *testing.T) {
	l := unconnected()
	l.LogGroup = &LogGroup{Name: DefaultConnectLogGroup, ARN: "arn:aws:logs:us-east-2:111122223333:log-group:CloudTrail/DefaultLogGroup:*", RetentionDays: 30}
	l.LogGroupTags = map[string]string{"team": "sec"}
	l.Role = &Role{Name: DefaultRoleName, ARN: "arn:aws:iam::111122223333:role/CloudTrail_CloudWatchLogs_Role", TrustPolicy: `{"Statement":[]}`, Tags: map[string]string{}}
	p, err := PlanConnect(testConnection(), l)
	require.NoError(t, err)
	assert.Equal(t, []string{"no-op log group", "no-op iam role", "update cloudtrail trail"}, changeKinds(p))
	warnings := strings.Join(p.Warnings, "\n")
	assert.Contains(t, warnings, "keeps events 30 days")
	assert.Contains(t, warnings, "role CloudTrail_CloudWatchLogs_Role is not cwpat's")
}

func TestConnectIsIdempotentAndRepairsItsOwnRole(t *testing.T) {
	l := unconnected()
	conn := testConnection()
	first, err := PlanConnect(conn, l)
	require.NoError(t, err)
	// As the account looks after applying the first plan.
	l.Trail.LogGroupARN, l.Trail.LogGroupName = l.LogGroupARN(), l.LogGroupName
	l.Trail.RoleARN = l.RoleARN()
	owned := map[string]string{TagManagedBy: ManagedByValue}
	l.LogGroup = &LogGroup{Name: l.LogGroupName, ARN: l.Trail.LogGroupARN, RetentionDays: 365}
	l.LogGroupTags = owned
	l.Role = &Role{Name: DefaultRoleName, ARN: l.Trail.RoleARN, TrustPolicy: TrustPolicy(), Tags: owned,
		Policy: RolePolicy(l.Trail.LogGroupARN, l.Account, l.Region, "")}
	again, err := PlanConnect(conn, l)
	require.NoError(t, err)
	assert.True(t, again.Empty(), "%v", changeKinds(again))
	assert.NotEmpty(t, first.Changes)

	// Someone broke the trust policy of cwpat's role: the plan repairs it.
	l.Role.TrustPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	fix, err := PlanConnect(conn, l)
	require.NoError(t, err)
	assert.Equal(t, []string{"no-op cloudtrail trail", "no-op log group", "update iam role", "no-op iam role policy"}, changeKinds(fix))
}

func TestConnectionRefusesWhatAWSRefuses(t *testing.T) {
	for _, tt := range []struct {
		edit func(*Connection)
		want string
	}{
		{func(c *Connection) { c.LogGroupName = "bad name!" }, "CloudWatch Logs accepts 1 to 512"},
		{func(c *Connection) { c.LogGroupName = strings.Repeat("a", 513) }, "CloudWatch Logs accepts 1 to 512"},
		{func(c *Connection) { c.RetentionDays = 100 }, "--retention-days 100"},
		{func(c *Connection) { c.RoleName = "has space" }, "--role-name"},
		{func(c *Connection) { c.OrganizationID = "org-1" }, "--organization-id"},
	} {
		c := testConnection()
		tt.edit(&c)
		assert.ErrorContains(t, c.Validate(), tt.want)
	}
	assert.NoError(t, testConnection().Validate())
}

func TestDisconnectKeepsTheLogGroup(t *testing.T) {
	l := connectedByCwpat()
	p := &Plan{Changes: PlanDisconnect(l, false)}
	assert.Equal(t, []string{"update cloudtrail trail", "delete iam role policy", "delete iam role", "no-op log group"}, changeKinds(p))
	p = &Plan{Changes: PlanDisconnect(l, true)}
	assert.Equal(t, "delete log group", changeKinds(p)[3])
	l.Role.Tags = map[string]string{}
	assert.Empty(t, PlanDisconnect(l, true), "a connection cwpat did not make is left alone")
}

func TestDestroyKeepsAConnectionOtherDeploymentsUse(t *testing.T) {
	l := connectedByCwpat()
	cur := &Current{LogGroupName: l.LogGroupName, LogGroupExists: true, Alarms: []CurrentAlarm{
		{Alarm: Alarm{Name: "cwpat-A-prod", Tags: map[string]string{TagManagedBy: ManagedByValue, TagNameSuffix: "-prod"}},
			ARN: "arn:aws:cloudwatch:us-east-2:111122223333:alarm:cwpat-A-prod"}}}
	p := PlanDestroyChain(DestroyScope{Prefix: "cwpat-", Suffix: "-dev"}, cur, []*Link{l}, true)
	assert.NotContains(t, strings.Join(changeKinds(p), "\n"), "delete iam role")
	assert.Contains(t, topicOrTrailNote(p), "1 alarm(s) of other deployments still watch that log group: kept connected")
	p = PlanDestroyChain(DestroyScope{Prefix: "cwpat-", AnySuffix: true}, cur, []*Link{l}, true)
	assert.Contains(t, strings.Join(changeKinds(p), "\n"), "delete iam role")
}

func topicOrTrailNote(p *Plan) string {
	for _, c := range p.Changes {
		if c.Type == TypeTrail {
			return c.Note
		}
	}
	return ""
}
