package alarms

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/logging"
)

// ClientOptions choose the account and endpoint, as the AWS CLI's global
// options do, and how patiently cwpat talks to it.
type ClientOptions struct {
	Profile     string // --profile; "" uses the default chain (AWS_PROFILE, env, SSO, IMDS...)
	Region      string // --region; "" uses AWS_REGION or the profile's region
	EndpointURL string // --endpoint-url: every client, STS included, talks only to it
	// MaxAttempts bounds the calls per operation when AWS throttles or
	// answers 5xx (0: 10). MaxBackoff caps the wait between them (0: 20s).
	MaxAttempts int
	MaxBackoff  time.Duration
	// ConnectTimeout bounds opening a connection (0: 10s) and ReadTimeout one
	// attempt of a call, answer included (0: 60s), as the AWS CLI's
	// --cli-connect-timeout and --cli-read-timeout do.
	ConnectTimeout, ReadTimeout time.Duration
	// Logger receives the SDK's own log lines (retries, discarded response
	// bodies); nil discards them, so they reach the user only under -v.
	Logger logging.Logger
	// OnWait, when set, is told about every wait of a second or more before
	// a retry: what AWS answered and how long cwpat waits.
	OnWait func(message string)
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

	// cfg is what every client above was made from; opts made cfg.
	cfg  aws.Config
	opts ClientOptions
}

// LoadConfig resolves credentials and region from the SDK's default chain,
// narrowed by the options. It never prints or returns a secret.
//
// With an endpoint URL, no credential lookup leaves the machine: the
// instance metadata service is not asked, the STS calls of an assume-role
// or web-identity profile go to the endpoint, and the HTTP client refuses
// any request to another host.
func LoadConfig(ctx context.Context, o ClientOptions) (aws.Config, error) {
	endpoint, err := parseEndpoint(o.EndpointURL)
	if err != nil {
		return aws.Config{}, err
	}
	cfg, err := config.LoadDefaultConfig(ctx, loadOptions(o, endpoint)...)
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

// loadOptions are the SDK's load options for o: the whole credential chain
// cwpat uses, in one place so a test can read it.
func loadOptions(o ClientOptions, endpoint *url.URL) []func(*config.LoadOptions) error {
	logger := o.Logger
	if logger == nil {
		logger = logging.Nop{}
	}
	opts := []func(*config.LoadOptions) error{
		config.WithLogger(logger),
		config.WithHTTPClient(newHTTPClient(o, endpoint)),
	}
	if o.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(o.Profile))
	}
	if o.Region != "" {
		opts = append(opts, config.WithRegion(o.Region))
	}
	if endpoint != nil {
		base := endpoint.String()
		opts = append(opts,
			config.WithBaseEndpoint(base),
			config.WithEC2IMDSClientEnableState(imds.ClientDisabled),
			// The SDK builds the credential chain's STS client before it
			// applies BaseEndpoint: point it at the endpoint here.
			config.WithAssumeRoleCredentialOptions(func(ar *stscreds.AssumeRoleOptions) {
				if c, ok := ar.Client.(*sts.Client); ok {
					ar.Client = stsAt(c, base)
				}
			}),
			config.WithWebIdentityRoleCredentialOptions(func(wi *stscreds.WebIdentityRoleOptions) {
				if c, ok := wi.Client.(*sts.Client); ok {
					wi.Client = stsAt(c, base)
				}
			}),
		)
	}
	return opts
}

// stsAt returns c talking to endpoint instead.
func stsAt(c *sts.Client, endpoint string) *sts.Client {
	return sts.New(c.Options(), func(o *sts.Options) { o.BaseEndpoint = aws.String(endpoint) })
}

// parseEndpoint checks --endpoint-url; "" is no endpoint (nil).
func parseEndpoint(s string) (*url.URL, error) {
	if s == "" {
		return nil, nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("--endpoint-url %q must be an http:// or https:// URL", s)
	}
	return u, nil
}

// NewClients makes every SDK client cwpat uses from cfg: it is the one
// constructor they all go through. With o.EndpointURL each client talks only
// to it; retries ride out throttling and 5xx answers, nothing else. A client
// this struct does not hold yet is made from Config() with the service's
// NewFromConfig, which honours the same endpoint.
func NewClients(cfg aws.Config, o ClientOptions) (*Clients, error) {
	endpoint, err := parseEndpoint(o.EndpointURL)
	if err != nil {
		return nil, err
	}
	cfg = cfg.Copy()
	if endpoint != nil {
		// Without --endpoint-url each client keeps what the SDK resolved
		// (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, the profile's endpoint_url).
		cfg.BaseEndpoint = aws.String(endpoint.String())
	}
	cfg.Retryer = newRetryer(o)
	if cfg.Logger == nil {
		cfg.Logger = logging.Nop{}
	}
	return &Clients{
		Region:     cfg.Region,
		Logs:       cloudwatchlogs.NewFromConfig(cfg),
		CloudWatch: cloudwatch.NewFromConfig(cfg),
		SNS:        sns.NewFromConfig(cfg),
		CloudTrail: cloudtrail.NewFromConfig(cfg),
		KMS:        kms.NewFromConfig(cfg),
		IAM:        iam.NewFromConfig(cfg),
		STS:        sts.NewFromConfig(cfg),
		cfg:        cfg,
		opts:       o,
	}, nil
}

// Config returns the configuration every client of c was made from
// (credentials, endpoint, retries, timeouts), for a service c does not hold:
// sqs.NewFromConfig(c.Config()).
func (c *Clients) Config() aws.Config { return c.cfg.Copy() }

// AssumeRole returns clients in the same region and endpoint that act as
// roleARN, assumed through c's STS client (so with --endpoint-url the
// AssumeRole call goes to the endpoint too). externalID may be "".
func (c *Clients) AssumeRole(roleARN, externalID string) (*Clients, error) {
	cfg := c.cfg.Copy()
	cfg.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(c.STS, roleARN, func(o *stscreds.AssumeRoleOptions) {
		o.RoleSessionName = "cwpat"
		if externalID != "" {
			o.ExternalID = aws.String(externalID)
		}
	}))
	return NewClients(cfg, c.opts)
}

// Connect is LoadConfig followed by NewClients. With an endpoint URL it
// also fetches the credentials at once, so that missing ones are reported
// before any call, saying which to set.
func Connect(ctx context.Context, o ClientOptions) (*Clients, error) {
	cfg, err := LoadConfig(ctx, o)
	if err != nil {
		return nil, err
	}
	if o.EndpointURL != "" {
		if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
			return nil, &CredentialsError{EndpointURL: o.EndpointURL, Err: err}
		}
	}
	return NewClients(cfg, o)
}

// CredentialsError is a credential chain that found nothing usable while
// talking to an endpoint URL.
type CredentialsError struct {
	EndpointURL string
	Err         error
}

// Error says what was tried and which credentials to set.
func (e *CredentialsError) Error() string {
	return fmt.Sprintf("no AWS credentials for %s (%v); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "+
		"(any values work with 'cwpat serve') or pass --profile; with --endpoint-url cwpat never asks the "+
		"instance metadata service", e.EndpointURL, shortCause(e.Err))
}

// Unwrap returns the SDK's error.
func (e *CredentialsError) Unwrap() error { return e.Err }

// shortCause keeps the last clause of the SDK's nested credential errors.
func shortCause(err error) string {
	var oe interface{ Unwrap() error }
	for errors.As(err, &oe) && oe.Unwrap() != nil {
		err = oe.Unwrap()
	}
	return err.Error()
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
