package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/cwpat/cwpat/alarms"
	"github.com/spf13/cobra"
)

// awsFlags are the AWS CLI's global options, as plan, deploy, destroy and
// audit take them.
type awsFlags struct {
	region, profile, endpointURL string
	maxAttempts                  int
}

func addAWSFlags(cmd *cobra.Command, a *awsFlags) {
	f := cmd.Flags()
	f.StringVar(&a.region, "region", "", "AWS Region (default: AWS_REGION or the profile's region)")
	f.StringVar(&a.profile, "profile", "", "named profile from the AWS config and credentials files (default: AWS_PROFILE, then the default chain)")
	f.StringVar(&a.endpointURL, "endpoint-url", "", "send every AWS call to this URL (a local endpoint such as 'cwpat serve')")
	f.IntVar(&a.maxAttempts, "max-attempts", 10, "attempts per AWS call when AWS throttles or fails transiently")
}

// connect builds the SDK clients. Credentials come from the SDK's default
// chain; cwpat never prints them.
func (a *awsFlags) connect(ctx context.Context) (*alarms.Clients, error) {
	if a.maxAttempts < 1 {
		return nil, fmt.Errorf("--max-attempts must be at least 1")
	}
	return alarms.Connect(ctx, alarms.ClientOptions{Profile: a.profile, Region: a.region, EndpointURL: a.endpointURL,
		MaxAttempts: a.maxAttempts, MaxBackoff: 20 * time.Second})
}
