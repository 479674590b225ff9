package alarms

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// The connection of a trail to CloudWatch Logs, as the CloudTrail User Guide
// ("Sending events to CloudWatch Logs") sets it up: a log group, a role
// CloudTrail assumes with exactly the guide's trust and permission policies,
// and UpdateTrail with both ARNs.
const (
	// DefaultConnectLogGroup is the log group name the CloudTrail console
	// proposes.
	DefaultConnectLogGroup = "CloudTrail/DefaultLogGroup"
	// DefaultRoleName is the role the CloudTrail console creates.
	DefaultRoleName = "CloudTrail_CloudWatchLogs_Role"
	// DefaultRetentionDays is CIS 3.4's minimum: a year of events.
	DefaultRetentionDays = 365
	// RolePolicyName names the inline policy cwpat puts on the role.
	RolePolicyName = "cwpat-cloudtrail-to-cloudwatch-logs"
)

// Connection is what --connect-trail asks for: deliver the named trail's
// events to a log group through a role.
type Connection struct {
	TrailName        string
	LogGroupName     string
	RetentionDays    int32
	LogGroupKMSKeyID string
	RoleName         string
	// OrganizationID (o-...) adds the organization trail's streams to the
	// role policy.
	OrganizationID string
	// Tags go on the log group and the role, besides managed-by=cwpat.
	Tags map[string]string
}

// RetentionDays are the values PutRetentionPolicy accepts.
var RetentionDays = []int32{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

var (
	logGroupNameRE = regexp.MustCompile(`^[A-Za-z0-9_\-/.#]{1,512}$`)
	roleNameRE     = regexp.MustCompile(`^[\w+=,.@-]{1,64}$`)
	orgIDRE        = regexp.MustCompile(`^o-[a-z0-9]{10,32}$`)
)

// CheckLogGroupName refuses a name CloudWatch Logs would refuse (1 to 512 of
// letters, digits, _ - / . #), before any call is made.
func CheckLogGroupName(name string) error {
	if !logGroupNameRE.MatchString(name) {
		return fmt.Errorf("log group name %q: CloudWatch Logs accepts 1 to 512 letters, digits and _ - / . #", name)
	}
	if strings.HasPrefix(name, "aws/") {
		return fmt.Errorf("log group name %q: names starting with aws/ are reserved for AWS", name)
	}
	return nil
}

// Validate checks the connection for what AWS would refuse.
func (c Connection) Validate() error {
	var problems []string
	if c.TrailName == "" {
		problems = append(problems, "--connect-trail needs a trail name or ARN")
	}
	if err := CheckLogGroupName(c.LogGroupName); err != nil {
		problems = append(problems, err.Error())
	}
	if !slices.Contains(RetentionDays, c.RetentionDays) {
		problems = append(problems, fmt.Sprintf("--retention-days %d: CloudWatch Logs accepts one of %s", c.RetentionDays, strings.Trim(fmt.Sprint(RetentionDays), "[]")))
	}
	if !roleNameRE.MatchString(c.RoleName) {
		problems = append(problems, fmt.Sprintf("--role-name %q: IAM accepts 1 to 64 letters, digits and + = , . @ _ -", c.RoleName))
	}
	if c.OrganizationID != "" && !orgIDRE.MatchString(c.OrganizationID) {
		problems = append(problems, fmt.Sprintf("--organization-id %q: want o- and 10 to 32 lower-case letters or digits", c.OrganizationID))
	}
	for k, v := range c.Tags {
		if err := checkTag(k, v); err != nil {
			problems = append(problems, err.Error())
		}
	}
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return fmt.Errorf("%s", strings.Join(problems, "; "))
}

// TrustPolicy is the guide's trust policy: CloudTrail may assume the role.
func TrustPolicy() string {
	return mustJSON(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "cloudtrail.amazonaws.com"},
			"Action":    "sts:AssumeRole",
		}},
	})
}

// RolePolicy is the guide's permission policy: logs:CreateLogStream and
// logs:PutLogEvents on the log group's ACCOUNT_CloudTrail_REGION* streams,
// and on the o-ORGID_* streams of an organization trail.
func RolePolicy(logGroupARN, account, region, orgID string) string {
	base := strings.TrimSuffix(logGroupARN, ":*")
	resources := []any{base + ":log-stream:" + account + "_CloudTrail_" + region + "*"}
	if orgID != "" {
		resources = append(resources, base+":log-stream:"+orgID+"_*")
	}
	return mustJSON(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{
			map[string]any{"Sid": "AWSCloudTrailCreateLogStream", "Effect": "Allow", "Action": []any{"logs:CreateLogStream"}, "Resource": resources},
			map[string]any{"Sid": "AWSCloudTrailPutLogEvents", "Effect": "Allow", "Action": []any{"logs:PutLogEvents"}, "Resource": resources},
		},
	})
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only maps of strings: cannot fail
	}
	return string(b)
}
