package pattern

// cisPattern is one CIS AWS Foundations / Security Hub monitoring pattern,
// verbatim from the spec (cis-baseline.md section 1.3 and 1.4).
type cisPattern struct {
	name string
	src  string
	set  bool // one of the 15 rules of the v4/v5 set benchmarked together
}

const (
	cisIAM = `{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}`
	cisSG  = `{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup)`
)

var cisPatterns = []cisPattern{
	{"1-unauthorized-v1.2", `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }`, false},
	{"1-unauthorized-sh", `{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}`, false},
	{"1-unauthorized-v1.3", `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") || ($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket") }`, false},
	{"1-unauthorized-v2-v5", `{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }`, true},
	{"1-unauthorized-v6", `{ ($.errorCode="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }`, false},
	{"1-unauthorized-nozaq", `{(($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && (($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket"))}`, false},
	{"2-no-mfa", `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`, true},
	{"2-no-mfa-sso", `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`, false},
	{"2-no-mfa-cfn-sample", `{ ($.additionalEventData.MFAUsed = "No") && ($.eventName = "ConsoleLogin") }`, false},
	{"2-pre-1.2", `{ $.userIdentity.sessionContext.attributes.mfaAuthenticated != "true" && $.userIdentity.invokedBy = "signin.amazonaws.com" }`, false},
	{"3-root", `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`, true},
	{"3-root-sh", `{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}`, false},
	{"4-iam", cisIAM, true},
	{"5-cloudtrail", `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`, true},
	{"5-cloudtrail-sh", `{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}`, false},
	{"6-console-failures", `{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }`, true},
	{"6-console-failures-sh", `{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}`, false},
	{"7-kms", `{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }`, true},
	{"8-s3-policy", `{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }`, true},
	{"9-config", `{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }`, true},
	{"10-security-groups-v1.2-v4", cisSG + ` }`, false},
	{"10-security-groups-v5", cisSG + ` || ($.eventName = ModifySecurityGroupRules) }`, true},
	{"11-nacl", `{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }`, true},
	{"12-gateways", `{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }`, true},
	{"13-route-tables", `{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }`, true},
	{"13-route-tables-audit-v3", `{($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }`, false},
	{"14-vpc", `{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }`, true},
	{"15-organizations", `{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }`, true},
}

// cisSet returns the sources of the 15 rules of the v4/v5 set, in order.
func cisSet() []string {
	var out []string
	for _, c := range cisPatterns {
		if c.set {
			out = append(out, c.src)
		}
	}
	return out
}

// extraJSONPatterns exercise what the CIS patterns do not: wildcards,
// numbers, booleans, null, regexes, NOT EXISTS, indexes.
var extraJSONPatterns = []string{
	`{ $.* = "us-east-1" }`,
	`{ $.userIdentity.* = "IAMUser" }`,
	`{ $.requestParameters.* IS NULL }`,
	`{ $.responseElements IS NULL }`,
	`{ $.errorCode NOT EXISTS }`,
	`{ $.readOnly IS TRUE }`,
	`{ $.readOnly IS FALSE }`,
	`{ $.readOnly = true }`,
	`{ $.eventVersion > 1.08 }`,
	`{ $.eventVersion = 1.08 }`,
	`{ $.eventVersion = "1.08" }`,
	`{ $.resources[0].ARN = "arn:*" }`,
	`{ $.resources[*].type = "AWS::S3::Bucket" }`,
	`{ $.sourceIPAddress = %^1[0-9]\.% }`,
	`{ $.sourceIPAddress != %^1[0-9]\.% }`,
	`{ $.userAgent = "*console*" }`,
	`{ $.eventName != "AssumeRole" }`,
	`{ $.tlsDetails.tlsVersion = "TLSv1.2" && $.tlsDetails.cipherSuite = * }`,
	`{ $.requestParameters.maxResults >= 100 || $.requestParameters.maxItems < 50 }`,
	`{ $.userIdentity.sessionContext.attributes.mfaAuthenticated = "true" }`,
	`{ $.* = * }`,
	`{ $.*.type = "Root" }`,
	`{ $.requestParameters.*[0] = * }`,
	`{ $.userIdentity.sessionContext.sessionIssuer NOT EXISTS || $.userIdentity.sessionContext.sessionIssuer.type != "Role" }`,
	`{ ($.eventName = A) || ($.eventName = B) || ($.eventName = C) || ($.eventName = "GetObject") || ($.eventName = ListBuckets) || $.eventName = Describe* }`,
}
