package alarms

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// ConnectAs is Connect acting as roleARN: the credentials the default chain
// (or --profile) resolves assume the role through STS, reached at
// o.EndpointURL when it is set, so a local run never talks to the real STS.
// The role is assumed at once, so a role that cannot be assumed fails here,
// before any other call.
func ConnectAs(ctx context.Context, o ClientOptions, roleARN string) (*Clients, error) {
	if a, err := ParseARN(roleARN); err != nil || a.Service != "iam" {
		return nil, fmt.Errorf("--role-arn %q is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)", roleARN)
	}
	cfg, err := LoadConfig(ctx, o)
	if err != nil {
		return nil, err
	}
	client := sts.NewFromConfig(cfg, func(op *sts.Options) {
		if o.EndpointURL != "" {
			op.BaseEndpoint = aws.String(o.EndpointURL)
		}
	})
	cfg.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(client, roleARN, func(p *stscreds.AssumeRoleOptions) {
		p.RoleSessionName = "cwpat-audit"
	}))
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return nil, &OpError{Service: "sts", Operation: "AssumeRole", Resource: roleARN, Region: cfg.Region, Err: err}
	}
	return NewClients(cfg, o)
}
