package alarms

import (
	"context"
	"fmt"
)

// ConnectAs is Connect acting as roleARN: the credentials the default chain
// (or --profile) resolves assume the role through STS (Clients.AssumeRole),
// reached at o.EndpointURL when it is set, so a local run never talks to the
// real STS. The role is assumed at once, so a role that cannot be assumed
// fails here, before any other call.
func ConnectAs(ctx context.Context, o ClientOptions, roleARN string) (*Clients, error) {
	if a, err := ParseARN(roleARN); err != nil || a.Service != "iam" {
		return nil, fmt.Errorf("--role-arn %q is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)", roleARN)
	}
	base, err := Connect(ctx, o)
	if err != nil {
		return nil, err
	}
	c, err := base.AssumeRole(roleARN, "")
	if err != nil {
		return nil, err
	}
	if _, err := c.Config().Credentials.Retrieve(ctx); err != nil {
		return nil, &OpError{Service: "sts", Operation: "AssumeRole", Resource: roleARN, Region: c.Region, Err: err}
	}
	return c, nil
}
