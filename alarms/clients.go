package alarms

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// ClientOptions choose the account and endpoint, as the AWS CLI's global
// options do.
type ClientOptions struct {
	Profile     string // --profile; "" uses the default chain (AWS_PROFILE, env, SSO, IMDS...)
	Region      string // --region; "" uses AWS_REGION or the profile's region
	EndpointURL string // --endpoint-url: BaseEndpoint on every client
	// MaxAttempts bounds the calls per operation when AWS throttles or fails
	// transiently (0: 10). MaxBackoff caps the wait between them (0: 20s).
	MaxAttempts int
	MaxBackoff  time.Duration
}

// Clients are the SDK clients cwpat uses, all in one account and region.
type Clients struct {
	Region string
	// Account and Partition are learned from the first ARN an answer
	// carries; they make error messages name exact resources.
	Account, Partition string

	Logs       *cloudwatchlogs.Client
	CloudWatch *cloudwatch.Client
	SNS        *sns.Client
	CloudTrail *cloudtrail.Client
	KMS        *kms.Client
	// IAM and STS serve the trail connection (its role) and the caller's
	// account.
	IAM *iam.Client
	STS *sts.Client
}

// LoadConfig resolves credentials and region from the SDK's default chain,
// narrowed by the options. It never prints or returns a secret.
func LoadConfig(ctx context.Context, o ClientOptions) (aws.Config, error) {
	var opts []func(*config.LoadOptions) error
	if o.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(o.Profile))
	}
	if o.Region != "" {
		opts = append(opts, config.WithRegion(o.Region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		var pe config.SharedConfigProfileNotExistError
		if errors.As(err, &pe) {
			return cfg, fmt.Errorf("profile %q is not in the AWS config or credentials file; list profiles with 'aws configure list-profiles'", pe.Profile)
		}
		return cfg, fmt.Errorf("loading AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		return cfg, errors.New("no AWS region: pass --region, set AWS_REGION, or set region in the profile")
	}
	return cfg, nil
}

// NewClients makes the clients from cfg, pointing each at o.EndpointURL when
// it is set, with retries that ride out throttling.
func NewClients(cfg aws.Config, o ClientOptions) (*Clients, error) {
	var base *string
	if o.EndpointURL != "" {
		u, err := url.Parse(o.EndpointURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("--endpoint-url %q must be an http:// or https:// URL", o.EndpointURL)
		}
		base = aws.String(o.EndpointURL)
	}
	attempts, backoff := o.MaxAttempts, o.MaxBackoff
	if attempts <= 0 {
		attempts = 10
	}
	if backoff <= 0 {
		backoff = 20 * time.Second
	}
	cfg = cfg.Copy()
	cfg.Retryer = func() aws.Retryer {
		return retry.NewStandard(func(so *retry.StandardOptions) {
			so.MaxAttempts = attempts
			so.MaxBackoff = backoff
			// A deploy makes few calls; a client-side retry quota would only
			// turn a throttled run into a half-applied one.
			so.RateLimiter = ratelimit.None
		})
	}
	// Without --endpoint-url each client keeps what the SDK resolved
	// (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, the profile's endpoint_url).
	endpoint := func(p **string) {
		if base != nil {
			*p = base
		}
	}
	return &Clients{
		Region:     cfg.Region,
		Logs:       cloudwatchlogs.NewFromConfig(cfg, func(op *cloudwatchlogs.Options) { endpoint(&op.BaseEndpoint) }),
		CloudWatch: cloudwatch.NewFromConfig(cfg, func(op *cloudwatch.Options) { endpoint(&op.BaseEndpoint) }),
		SNS:        sns.NewFromConfig(cfg, func(op *sns.Options) { endpoint(&op.BaseEndpoint) }),
		CloudTrail: cloudtrail.NewFromConfig(cfg, func(op *cloudtrail.Options) { endpoint(&op.BaseEndpoint) }),
		KMS:        kms.NewFromConfig(cfg, func(op *kms.Options) { endpoint(&op.BaseEndpoint) }),
		IAM:        iam.NewFromConfig(cfg, func(op *iam.Options) { endpoint(&op.BaseEndpoint) }),
		STS:        sts.NewFromConfig(cfg, func(op *sts.Options) { endpoint(&op.BaseEndpoint) }),
	}, nil
}

// Connect is LoadConfig followed by NewClients.
func Connect(ctx context.Context, o ClientOptions) (*Clients, error) {
	cfg, err := LoadConfig(ctx, o)
	if err != nil {
		return nil, err
	}
	return NewClients(cfg, o)
}

// learn records the account and partition from an ARN AWS returned.
func (c *Clients) learn(arn string) {
	if c.Account != "" {
		return
	}
	if a, err := ParseARN(arn); err == nil && a.Account != "" {
		c.Account, c.Partition = a.Account, a.Partition
	}
}

// arn builds an ARN in the clients' account and region, or falls back to a
// description when the account is not known yet.
func (c *Clients) arn(service, resource, fallback string) string {
	if c.Account == "" {
		return fallback
	}
	return ARN{Partition: c.Partition, Service: service, Region: c.Region, Account: c.Account, Resource: resource}.String()
}

func (c *Clients) logGroupARN(name string) string {
	return c.arn("logs", "log-group:"+name+":*", "log group "+name)
}

func (c *Clients) alarmARN(name string) string {
	return c.arn("cloudwatch", "alarm:"+name, "alarm "+name)
}
