package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/localaws"
)

type serveOptions struct {
	addr     string
	account  string
	verbose  bool
	evaluate time.Duration
	// maxEvents bounds the log events kept in memory.
	maxEvents int
	// trailDelay holds CloudTrail records back before delivery.
	trailDelay time.Duration
}

func newServeCmd(app *App) *cobra.Command {
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:PORT]",
		Short: "Run cwpat's local AWS endpoint (CloudWatch Logs and Logs Insights, CloudWatch, SNS, CloudTrail, KMS, IAM, STS, Athena)",
		Long: `Run the local AWS endpoint cwpat's own tests use, for the AWS CLI, the SDKs
and your scripts: CloudWatch Logs (Logs Insights queries included),
CloudWatch (RPCv2 CBOR and the older query protocol), SNS, CloudTrail, KMS,
IAM and STS, with state in memory, plus Athena's API, whose queries fail here
as Athena fails a query it cannot plan (the binary has no SQL engine).
Metric filters match with cwpat's matcher, PutLogEvents drives metrics and
alarms, and alarms publish to SNS topics, so a whole CIS alarm pipeline can
be exercised without an AWS account.

It listens only on a loopback address (it accepts any credentials) and prints
its URL on stdout once it is ready (GET /_cwpat/health answers 200 from then
on); stop it with Ctrl-C. The account is the access key when that is 12
digits, else --account; the region comes from each request's signature.

Alarms are evaluated as CloudWatch evaluates them, at each period boundary on
the complete periods before it: a metric-filter match at 10:02 fires a
5-minute alarm at 10:05. With -v, every call and every SNS notification an
alarm sends is logged on stderr.

State lives in memory and stays bounded: at most --max-events log events are
kept over all log groups (the oldest are dropped first, after the metric filters
have counted them, so metrics and alarms are unaffected; only searches such as
filter-log-events stop seeing them), and metric datapoints of the same second
merge. Requests are answered only when addressed to 127.0.0.1, [::1] or
localhost and not sent by a web page (a foreign Origin), so a page in your
browser cannot drive the endpoint.

IAM roles (trust and inline policies) and STS AssumeRole are answered too, and
every management call is recorded as a CloudTrail record and delivered, like
CloudTrail, to the log group of each logging trail connected to CloudWatch Logs
whose role lets CloudTrail write there, so an API call moves the CIS metrics.
Records arrive with their call; --trail-delay 5m delays them as CloudTrail does.`,
		Example: `  cwpat serve --addr 127.0.0.1:4566 &
  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
  aws --endpoint-url http://127.0.0.1:4566 logs create-log-group --log-group-name trail
  aws --endpoint-url http://127.0.0.1:4566 logs test-metric-filter \
      --filter-pattern '{ $.userIdentity.type = "Root" }' --log-event-messages '{"userIdentity":{"type":"Root"}}'

  cwpat serve --addr 127.0.0.1:0 -v   # a free port; log every call on stderr`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runServe(cmd.Context(), app, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", "127.0.0.1:4566", "loopback address to listen on (port 0 picks a free one)")
	f.StringVar(&o.account, "account", localaws.DefaultAccount, "account id for access keys that are not a 12-digit account id")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "log every call and every SNS notification on stderr")
	f.IntVar(&o.maxEvents, "max-events", localaws.DefaultMaxEvents, "log events kept in memory over all log groups; the oldest are dropped first (-1: no bound)")
	f.DurationVar(&o.evaluate, "evaluate-every", 10*time.Second, "how often alarms are evaluated without a request (0: only on requests)")
	f.DurationVar(&o.trailDelay, "trail-delay", 0, "hold CloudTrail records back this long before delivering them to trails' log groups (CloudTrail takes about 5m)")
	return cmd
}

func runServe(ctx context.Context, app *App, o *serveOptions) error {
	if !isAccountID(o.account) {
		return Usage("--account %q: want a 12-digit AWS account id", o.account)
	}
	if o.evaluate < 0 {
		return Usage("--evaluate-every %v: want a positive duration, or 0", o.evaluate)
	}
	if o.trailDelay < 0 {
		return Usage("--trail-delay %v: want a positive duration, or 0", o.trailDelay)
	}
	var logMu sync.Mutex
	if o.maxEvents == 0 || o.maxEvents < -1 {
		return Usage("--max-events %d: want a positive number of events, or -1 for no bound", o.maxEvents)
	}
	opts := localaws.Options{Account: o.account, EvaluateEvery: o.evaluate, MaxEvents: o.maxEvents, TrailDelay: o.trailDelay}
	if o.verbose {
		opts.OnPublish = func(m localaws.Message) {
			logMu.Lock()
			defer logMu.Unlock()
			fmt.Fprintf(app.Stderr, "sns: %s -> %s: %s\n", m.TopicArn, deliveredTo(m.DeliveredTo), m.Subject)
		}
		opts.OnActionFailure = func(f localaws.ActionFailure) {
			logMu.Lock()
			defer logMu.Unlock()
			fmt.Fprintf(app.Stderr, "alarm %s: %s\n", f.AlarmName, f.Reason)
		}
		opts.OnCall = func(c localaws.Call) {
			logMu.Lock()
			defer logMu.Unlock()
			result := "ok"
			if c.ErrorCode != "" {
				result = c.ErrorCode + ": " + c.Message
			}
			fmt.Fprintf(app.Stderr, "%s %s %s.%s (%s) %s\n", c.Account, c.Region, c.Service, c.Operation, c.Protocol, result)
		}
	}
	ep, err := localaws.Listen(o.addr, opts)
	if err != nil {
		return Usage("%v", err)
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintln(app.Stdout, ep.URL)
	fmt.Fprintf(app.Stderr, "cwpat: local AWS endpoint listening on %s (CloudWatch Logs and Logs Insights, CloudWatch, SNS, CloudTrail, KMS, IAM, STS, Athena); stop with Ctrl-C\n", ep.URL)

	stopped := make(chan error, 1)
	go func() { stopped <- ep.Wait() }()
	select {
	case <-ctx.Done():
		if err := ep.Close(); err != nil {
			return Failed(fmt.Errorf("stopping the endpoint: %w", err))
		}
		fmt.Fprintln(app.Stderr, "cwpat: local AWS endpoint stopped")
		return nil
	case err := <-stopped:
		if err != nil {
			return Failed(fmt.Errorf("local AWS endpoint: %w", err))
		}
		return nil
	}
}

func deliveredTo(endpoints []string) string {
	if len(endpoints) == 0 {
		return "(no confirmed subscription)"
	}
	return strings.Join(endpoints, ", ")
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
