package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/aws/smithy-go/logging"
	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/alarms"
)

// awsFlags are the AWS CLI's global options, as plan, deploy, destroy and
// audit take them.
type awsFlags struct {
	region, profile, endpointURL string
	maxAttempts                  int
	connectTimeout, readTimeout  time.Duration
	verbose                      bool
	// stderr is the command's error stream (announced waits, -v logs).
	stderr func() io.Writer
}

func addAWSFlags(cmd *cobra.Command, a *awsFlags) {
	a.stderr = cmd.ErrOrStderr
	f := cmd.Flags()
	f.StringVar(&a.region, "region", "", "AWS Region (default: AWS_REGION or the profile's region)")
	f.StringVar(&a.profile, "profile", "", "named profile from the AWS config and credentials files (default: AWS_PROFILE, then the default chain)")
	f.StringVar(&a.endpointURL, "endpoint-url", "", "send every AWS call, STS included, to this URL only (a local endpoint such as 'cwpat serve'); credentials then never come from instance metadata")
	f.IntVar(&a.maxAttempts, "max-attempts", 10, "attempts per AWS call when AWS throttles or answers 5xx (other errors fail at once)")
	f.DurationVar(&a.connectTimeout, "cli-connect-timeout", 10*time.Second, "give up opening a connection after this long")
	f.DurationVar(&a.readTimeout, "cli-read-timeout", 60*time.Second, "give up waiting for an answer to one attempt after this long")
	f.BoolVarP(&a.verbose, "verbose", "v", false, "show the AWS SDK's own log lines on stderr")
}

// clientOptions are the flags as the alarms package takes them; waits
// before retries are announced on stderr.
func (a *awsFlags) clientOptions() (alarms.ClientOptions, error) {
	if a.maxAttempts < 1 {
		return alarms.ClientOptions{}, fmt.Errorf("--max-attempts must be at least 1")
	}
	if a.connectTimeout <= 0 || a.readTimeout <= 0 {
		return alarms.ClientOptions{}, fmt.Errorf("--cli-connect-timeout and --cli-read-timeout must be positive")
	}
	o := alarms.ClientOptions{Profile: a.profile, Region: a.region, EndpointURL: a.endpointURL,
		MaxAttempts: a.maxAttempts, MaxBackoff: 20 * time.Second,
		ConnectTimeout: a.connectTimeout, ReadTimeout: a.readTimeout,
		OnWait: func(msg string) { fmt.Fprintf(a.stderr(), "cwpat: %s\n", msg) }}
	if a.verbose {
		o.Logger = logging.NewStandardLogger(a.stderr())
	}
	return o, nil
}

// connect builds the SDK clients. Credentials come from the SDK's default
// chain (never from instance metadata with --endpoint-url); cwpat never
// prints them.
func (a *awsFlags) connect(ctx context.Context) (*alarms.Clients, error) {
	o, err := a.clientOptions()
	if err != nil {
		return nil, err
	}
	return alarms.Connect(ctx, o)
}
