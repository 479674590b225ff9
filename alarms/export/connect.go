package export

import (
	"github.com/cwpat/cwpat/alarms"
)

// The trail's connection to CloudWatch Logs as infrastructure as code: the
// log group, and the role CloudTrail assumes with exactly the CloudTrail
// guide's trust policy and permissions. The trail itself exists already and
// belongs to whoever made it: the output says how to point it at both ARNs.

const (
	cfnLogGroupID = "CloudTrailLogGroup"
	cfnRoleID     = "CloudTrailCloudWatchLogsRole"
	tfLogGroup    = "cloudtrail"
	tfRole        = "cloudtrail_cloudwatch_logs"
)

func trustStatement() omap {
	return omap{{"Effect", "Allow"}, {"Principal", omap{{"Service", "cloudtrail.amazonaws.com"}}}, {"Action", "sts:AssumeRole"}}
}

// cfnConnect returns the log group and role resources, and the outputs.
func cfnConnect(c *alarms.Connection) (resources, outputs omap) {
	lg := omap{{"LogGroupName", ref("LogGroupName")}, {"RetentionInDays", c.RetentionDays}}
	if c.LogGroupKMSKeyID != "" {
		lg = append(lg, kv{"KmsKeyId", c.LogGroupKMSKeyID})
	}
	streams := []any{sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${" + cfnLogGroupID + "}:log-stream:${AWS::AccountId}_CloudTrail_${AWS::Region}*")}
	if c.OrganizationID != "" {
		streams = append(streams, sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${"+cfnLogGroupID+"}:log-stream:"+c.OrganizationID+"_*"))
	}
	role := omap{
		{"RoleName", c.RoleName},
		{"AssumeRolePolicyDocument", omap{{"Version", "2012-10-17"}, {"Statement", []any{trustStatement()}}}},
		{"Policies", []any{omap{{"PolicyName", alarms.RolePolicyName}, {"PolicyDocument", omap{{"Version", "2012-10-17"}, {"Statement", []any{
			omap{{"Sid", "AWSCloudTrailCreateLogStream"}, {"Effect", "Allow"}, {"Action", []any{"logs:CreateLogStream"}}, {"Resource", streams}},
			omap{{"Sid", "AWSCloudTrailPutLogEvents"}, {"Effect", "Allow"}, {"Action", []any{"logs:PutLogEvents"}}, {"Resource", streams}},
		}}}}}}},
	}
	resources = omap{
		{cfnLogGroupID, omap{{"Type", "AWS::Logs::LogGroup"}, {"DeletionPolicy", "Retain"}, {"UpdateReplacePolicy", "Retain"}, {"Properties", lg}}},
		{cfnRoleID, omap{{"Type", "AWS::IAM::Role"}, {"Properties", role}}},
	}
	outputs = omap{
		{"CloudWatchLogsLogGroupArn", omap{{"Description", "the trail's --cloud-watch-logs-log-group-arn"}, {"Value", omap{{"Fn::GetAtt", []any{cfnLogGroupID, "Arn"}}}}}},
		{"CloudWatchLogsRoleArn", omap{{"Description", "the trail's --cloud-watch-logs-role-arn"}, {"Value", omap{{"Fn::GetAtt", []any{cfnRoleID, "Arn"}}}}}},
		{"ConnectTrailCommand", omap{{"Description", "connects trail " + c.TrailName + " to the log group (CIS 3.4)"},
			{"Value", sub("aws cloudtrail update-trail --name " + c.TrailName + " --cloud-watch-logs-log-group-arn ${" + cfnLogGroupID + ".Arn} --cloud-watch-logs-role-arn ${" + cfnRoleID + ".Arn}")}}},
	}
	return resources, outputs
}

// tfConnect returns the log group, role and role policy resources, the
// policy document they need, and the outputs.
func tfConnect(c *alarms.Connection) (resources, docs, outputs omap) {
	lg := omap{{"name", "${var.log_group_name}"}, {"retention_in_days", c.RetentionDays}}
	if c.LogGroupKMSKeyID != "" {
		lg = append(lg, kv{"kms_key_id", tfString(c.LogGroupKMSKeyID)})
	}
	arn := "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:${aws_cloudwatch_log_group." + tfLogGroup + ".name}"
	streams := []any{arn + ":log-stream:${data.aws_caller_identity.current.account_id}_CloudTrail_${data.aws_region.current.name}*"}
	if c.OrganizationID != "" {
		streams = append(streams, arn+":log-stream:"+c.OrganizationID+"_*")
	}
	resources = omap{
		{"aws_cloudwatch_log_group", omap{{tfLogGroup, lg}}},
		{"aws_iam_role", omap{{tfRole, omap{{"name", tfString(c.RoleName)}, {"assume_role_policy", "${data.aws_iam_policy_document." + tfRole + "_trust.json}"}}}}},
		{"aws_iam_role_policy", omap{{tfRole, omap{{"name", alarms.RolePolicyName}, {"role", "${aws_iam_role." + tfRole + ".id}"},
			{"policy", "${data.aws_iam_policy_document." + tfRole + ".json}"}}}}},
	}
	docs = omap{
		{tfRole + "_trust", omap{{"statement", []any{omap{{"actions", []any{"sts:AssumeRole"}},
			{"principals", []any{omap{{"type", "Service"}, {"identifiers", []any{"cloudtrail.amazonaws.com"}}}}}}}}}},
		{tfRole, omap{{"statement", []any{
			omap{{"sid", "AWSCloudTrailCreateLogStream"}, {"actions", []any{"logs:CreateLogStream"}}, {"resources", streams}},
			omap{{"sid", "AWSCloudTrailPutLogEvents"}, {"actions", []any{"logs:PutLogEvents"}}, {"resources", streams}},
		}}}},
	}
	outputs = omap{
		{"cloud_watch_logs_log_group_arn", omap{{"description", "the trail's --cloud-watch-logs-log-group-arn"}, {"value", "${aws_cloudwatch_log_group." + tfLogGroup + ".arn}:*"}}},
		{"cloud_watch_logs_role_arn", omap{{"description", "the trail's --cloud-watch-logs-role-arn"}, {"value", "${aws_iam_role." + tfRole + ".arn}"}}},
		{"connect_trail_command", omap{{"description", "connects trail " + tfString(c.TrailName) + " to the log group (CIS 3.4); or set cloud_watch_logs_group_arn and cloud_watch_logs_role_arn on its aws_cloudtrail"},
			{"value", "aws cloudtrail update-trail --name " + tfString(c.TrailName) + " --cloud-watch-logs-log-group-arn ${aws_cloudwatch_log_group." + tfLogGroup + ".arn}:* --cloud-watch-logs-role-arn ${aws_iam_role." + tfRole + ".arn}"}}},
	}
	return resources, docs, outputs
}
