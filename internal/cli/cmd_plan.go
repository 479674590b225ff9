package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/rules"
)

func init() { register("plan", newPlanCmd) }

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

// deployFlags choose the rule set and shape the deployment.
type deployFlags struct {
	aws        awsFlags
	rulesName  string
	rulesFiles []string
	logGroup   string
	prefix     string
	suffix     string
	namespace  string
	topicName  string
	noTopic    bool
	emails     []string
	https      []string
	sqs        []string
	lambdas    []string
	kmsKey     string
	disable    []string
	tags       []string
	out        Format
}

func addRulesFlags(cmd *cobra.Command, d *deployFlags) {
	f := cmd.Flags()
	addRuleSetFlags(cmd, &d.rulesName, &d.rulesFiles, "cis")
	f.StringVar(&d.logGroup, "log-group-name", "", "CloudTrail log group (default: the log group of the account's CIS-compliant trail)")
}

func addDeployFlags(cmd *cobra.Command, d *deployFlags) {
	addAWSFlags(cmd, &d.aws)
	addRulesFlags(cmd, d)
	f := cmd.Flags()
	f.StringVar(&d.prefix, "name-prefix", alarms.DefaultPrefix, "prefix of every filter and alarm name; cwpat only manages names with it")
	f.StringVar(&d.suffix, "name-suffix", "", "suffix of every filter and alarm name (e.g. -prod, to tell accounts apart in notifications)")
	f.StringVar(&d.namespace, "namespace", "", "metric namespace for every rule (default: the rule's, CISBenchmark)")
	f.StringVar(&d.topicName, "topic-name", alarms.DefaultTopicName, "SNS topic the alarms notify: created, or reused as is if it exists and is not cwpat's")
	f.BoolVar(&d.noTopic, "no-topic", false, "deploy alarms without an SNS topic (they notify nobody)")
	f.StringArrayVar(&d.emails, "email", nil, "subscribe this email address to the topic (repeatable; the address must confirm)")
	f.StringArrayVar(&d.https, "https", nil, "subscribe this https:// URL to the topic (repeatable; the endpoint must confirm)")
	f.StringArrayVar(&d.sqs, "sqs", nil, "subscribe this SQS queue ARN to the topic (repeatable)")
	f.StringArrayVar(&d.lambdas, "lambda", nil, "subscribe this Lambda function ARN to the topic (repeatable)")
	f.StringVar(&d.kmsKey, "kms-key", "", "customer-managed KMS key (id, ARN or alias) to encrypt the topic; not alias/aws/sns")
	f.StringArrayVar(&d.disable, "disable", nil, "leave out this rule id (repeatable; removes it if cwpat deployed it before)")
	f.StringArrayVar(&d.tags, "tag", nil, "KEY=VALUE tag for every alarm and the topic (repeatable)")
}

// loadRules reads --rules and --rules-file, as every rule-set command does.
func (d *deployFlags) loadRules(app *App) (*rules.Set, error) {
	return loadRuleSet(app, d.rulesName, d.rulesFiles)
}

func (d *deployFlags) options() (alarms.DeployOptions, error) {
	o := alarms.DeployOptions{LogGroupName: d.logGroup, Prefix: d.prefix, Suffix: d.suffix, Namespace: d.namespace,
		TopicName: d.topicName, NoTopic: d.noTopic, KMSKeyID: d.kmsKey, Disable: d.disable, Tags: map[string]string{}}
	if d.prefix == "" {
		return o, errors.New("--name-prefix must not be empty: the prefix is how cwpat tells its filters and alarms from yours")
	}
	if d.noTopic && (len(d.emails)+len(d.https)+len(d.sqs)+len(d.lambdas) > 0 || d.kmsKey != "") {
		return o, errors.New("--no-topic cannot be combined with subscriptions or --kms-key")
	}
	for _, s := range []struct {
		proto string
		list  []string
	}{{"email", d.emails}, {"https", d.https}, {"sqs", d.sqs}, {"lambda", d.lambdas}} {
		for _, e := range s.list {
			o.Subscriptions = append(o.Subscriptions, alarms.Subscription{Protocol: s.proto, Endpoint: e})
		}
	}
	for _, t := range d.tags {
		k, v, ok := strings.Cut(t, "=")
		if !ok || k == "" {
			return o, fmt.Errorf("--tag %q: want KEY=VALUE", t)
		}
		o.Tags[k] = v
	}
	return o, nil
}

// resolveLogGroup returns --log-group-name, or the log group of the trail
// discovery picks (its problems are printed as warnings).
func resolveLogGroup(ctx context.Context, app *App, c *alarms.Clients, given string) (string, error) {
	if given != "" {
		return given, nil
	}
	trails, err := c.Trails(ctx)
	if err != nil {
		return "", err
	}
	t, err := alarms.ChooseTrail(trails, c.Region)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(app.Stderr, "Using log group %s of trail %s.\n", t.LogGroupName, t.Name)
	others := 0
	for _, o := range trails {
		if o.LogGroupName != "" && o.LogGroupName != t.LogGroupName {
			others++
		}
	}
	if others > 0 {
		fmt.Fprintf(app.Stderr, "Note: %d other trail(s) deliver to other log groups; pass --log-group-name to choose.\n", others)
	}
	for _, p := range t.Problems {
		fmt.Fprintf(app.Stderr, "Warning: trail %s %s\n", t.Name, p)
	}
	for _, n := range t.Notes {
		fmt.Fprintf(app.Stderr, "Warning: trail %s %s\n", t.Name, n)
	}
	return t.LogGroupName, nil
}

// preparePlan does everything plan and deploy share: rules, desired state,
// clients, discovery, reading the account and diffing.
func preparePlan(app *App, cmd *cobra.Command, d *deployFlags) (*alarms.Clients, *alarms.Plan, error) {
	set, err := d.loadRules(app)
	if err != nil {
		return nil, nil, err
	}
	opts, err := d.options()
	if err != nil {
		return nil, nil, UsageFor(cmd, err)
	}
	// Validate what can be validated before any call to AWS.
	probe := opts
	if probe.LogGroupName == "" {
		probe.LogGroupName = "probe"
	}
	if desired, err := alarms.BuildDesired(set, probe); err != nil {
		return nil, nil, UsageFor(cmd, err)
	} else if err := desired.Validate(); err != nil {
		return nil, nil, UsageFor(cmd, err)
	}
	ctx := cmd.Context()
	c, err := d.aws.connect(ctx)
	if err != nil {
		return nil, nil, UsageFor(cmd, err)
	}
	if opts.LogGroupName, err = resolveLogGroup(ctx, app, c, d.logGroup); err != nil {
		return nil, nil, Failed(err)
	}
	desired, err := alarms.BuildDesired(set, opts)
	if err != nil {
		return nil, nil, UsageFor(cmd, err)
	}
	topic := ""
	if desired.Topic != nil {
		topic = desired.Topic.Name
	}
	cur, err := c.Read(ctx, alarms.ReadOptions{Prefix: desired.Prefix, LogGroupName: desired.LogGroupName, TopicName: topic, KMSKeyID: opts.KMSKeyID})
	if err != nil {
		return nil, nil, Failed(err)
	}
	p, err := alarms.ComputePlan(desired, cur)
	if err != nil {
		return nil, nil, Failed(err)
	}
	return c, p, nil
}

// writePlan prints the plan on stdout (text or one JSON document).
func writePlan(app *App, f Format, p *alarms.Plan) error {
	if f == FormatJSON {
		return app.WriteJSON(p, "  ")
	}
	return p.WriteText(app.Stdout)
}

func newPlanCmd(app *App) *cobra.Command {
	d := &deployFlags{}
	cmd := &cobra.Command{
		Use:   "plan [flags]",
		Short: "Show what 'cwpat deploy --apply' would change in the account, changing nothing",
		Long: `Read the account's metric filters, alarms and SNS topic, compare them with
the rule set and print the difference, field by field: what would be created,
updated in place or destroyed. Nothing is changed.

The log group is the one the account's CIS-compliant CloudTrail trail delivers
to (multi-Region, logging, all management events), unless --log-group-name is
given. cwpat manages only what carries its name prefix and the tag
managed-by=cwpat; a filter or alarm with a colliding name that cwpat does not
own is reported and left alone.

Exit status: 0 when the plan can be applied in full, 1 when resources cwpat
does not own block some rules or an AWS call failed, 2 on bad usage.`,
		Example: `  cwpat plan --rules cis --region us-east-1
  cwpat plan --rules cis-1.4 --log-group-name aws-controltower/CloudTrailLogs --email sec@example.com
  cwpat plan --endpoint-url http://127.0.0.1:4566 -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, p, err := preparePlan(app, cmd, d)
			if err != nil {
				return err
			}
			if err := writePlan(app, d.out, p); err != nil {
				return err
			}
			if len(p.Blocked()) > 0 {
				return Findings()
			}
			return nil
		},
	}
	addDeployFlags(cmd, d)
	addOutputFlag(cmd, &d.out, FormatText, FormatJSON)
	return cmd
}
