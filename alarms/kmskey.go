package alarms

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/cwpat/cwpat/internal/awspolicy"
)

// KMSKeyInfo finds out whether the key can encrypt a topic that
// CloudWatch alarms publish to: it must be customer managed and its policy
// must grant cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*.
func (c *Clients) KMSKeyInfo(ctx context.Context, keyID string) (*KMSKey, error) {
	out, err := c.KMS.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(keyID)})
	if err != nil {
		var oe *OpError
		if err := c.opErr("kms", "DescribeKey", keyID, err); errors.As(err, &oe) && oe.Code() == "AccessDeniedException" {
			// Not being allowed to look is not a reason to stop a deploy.
			return nil, nil
		}
		return nil, c.opErr("kms", "DescribeKey", keyID, err)
	}
	k := &KMSKey{ARN: aws.ToString(out.KeyMetadata.Arn), AWSManaged: out.KeyMetadata.KeyManager == kmstypes.KeyManagerTypeAws}
	if k.AWSManaged {
		return k, nil
	}
	pol, err := c.KMS.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(k.ARN), PolicyName: aws.String("default")})
	if err != nil {
		return k, nil // the key policy is often unreadable to deployers; say nothing
	}
	k.PolicyRead = true
	k.AllowsCloudWatch = keyPolicyAllowsCloudWatch(aws.ToString(pol.Policy))
	return k, nil
}

// keyPolicyAllowsCloudWatch reports whether a key policy lets the CloudWatch
// service principal decrypt and generate data keys (what SNS needs to deliver
// an alarm's message on an encrypted topic). "AWS": "*" does not count: the
// AWS managed key's policy grants that only through SNS (kms:ViaService).
func keyPolicyAllowsCloudWatch(policy string) bool {
	return awspolicy.Allows(policy, awspolicy.CloudWatch, awspolicy.ServiceOnly, "kms:Decrypt", "kms:GenerateDataKey")
}

func containsString(l []string, s string) bool {
	for _, v := range l {
		if v == s {
			return true
		}
	}
	return false
}
