package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/rules"
	"github.com/spf13/cobra"
)

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
	query      string // --query (plan and audit): JMESPath over the JSON document
	connect    connectFlags
}

// connectFlags connect a trail to CloudWatch Logs (plan and deploy).
type connectFlags struct {
	trail     string
	retention int32
	kmsKey    string
	role      string
	orgID     string
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
	addConnectFlags(cmd, d)
}

// addConnectFlags adds --connect-trail and its companions (plan, deploy,
// compile).
func addConnectFlags(cmd *cobra.Command, d *deployFlags) {
	f := cmd.Flags()
	f.StringVar(&d.connect.trail, "connect-trail", "", "connect this trail (name or ARN) to CloudWatch Logs first, as the CloudTrail guide does: log group (--log-group-name, default "+alarms.DefaultConnectLogGroup+"), role, UpdateTrail")
	f.Int32Var(&d.connect.retention, "retention-days", alarms.DefaultRetentionDays, "with --connect-trail: days the log group cwpat creates keeps events (CIS 3.4: at least 365)")
	f.StringVar(&d.connect.kmsKey, "log-group-kms-key", "", "with --connect-trail: KMS key ARN to encrypt the log group cwpat creates")
	f.StringVar(&d.connect.role, "role-name", alarms.DefaultRoleName, "with --connect-trail: the IAM role CloudTrail assumes to write to the log group (created if missing)")
	f.StringVar(&d.connect.orgID, "organization-id", "", "with --connect-trail on an organization trail: the organization id (o-...), whose o-ID_* streams the role must allow")
}

// connection returns the --connect-trail request, nil without the flag.
func (d *deployFlags) connection(cmd *cobra.Command, tags map[string]string) (*alarms.Connection, error) {
	if d.connect.trail == "" {
		for _, name := range []string{"retention-days", "log-group-kms-key", "role-name", "organization-id"} {
			if cmd.Flags().Changed(name) {
				return nil, fmt.Errorf("--%s applies only with --connect-trail", name)
			}
		}
		return nil, nil
	}
	conn := &alarms.Connection{TrailName: d.connect.trail, LogGroupName: d.logGroup, RetentionDays: d.connect.retention,
		LogGroupKMSKeyID: d.connect.kmsKey, RoleName: d.connect.role, OrganizationID: d.connect.orgID, Tags: tags}
	if conn.LogGroupName == "" {
		conn.LogGroupName = alarms.DefaultConnectLogGroup
	}
	return conn, conn.Validate()
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
