package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/alarms/export"
)

// compileTargets are the values compile's --target accepts, in the order the
// help lists them ("cfn" is also accepted, for cloudformation).
var compileTargets = []string{"cloudformation", "terraform", "athena", "duckdb", "logs-insights"}

// orList renders "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

func newCompileCmd(app *App) *cobra.Command {
	d := &deployFlags{}
	var target string
	var format Format
	var emailParam bool
	q := &queryFlags{}
	cmd := &cobra.Command{
		Use:   "compile --target cloudformation|terraform|athena|duckdb|logs-insights [flags]",
		Short: "Write the deployment as CloudFormation or Terraform, or the rules as Athena, DuckDB or Logs Insights queries",
		Long: `Write what 'cwpat deploy' would create as infrastructure as code, or the
rule set's filter patterns as queries over a CloudTrail archive, on stdout.
No AWS call is made. --target picks what is written:

  cloudformation (cfn)  a template (-o json or -o yaml) with the metric
                        filters, alarms, SNS topic, topic policy and
                        subscriptions, a LogGroupName parameter and an
                        optional NotificationEmail parameter
                        (--email-parameter=false leaves it out)
  terraform             the same resources as a .tf.json file, with
                        log_group_name and notification_email variables
  athena                one SQL query per rule over AWS's documented
                        CloudTrail table (--table; --start-time and
                        --end-time become partition predicates)
  duckdb                the same table shape in DuckDB's dialect;
                        --create-table GLOB prints the statement that
                        builds it from NDJSON or S3 {"Records":[...]} files
  logs-insights         one Logs Insights query per rule over the log group

The CloudFormation and Terraform resources carry no managed-by=cwpat tag:
they belong to the stack, and 'cwpat destroy' leaves them alone.

Each query follows a "-- rule: ID" line ("# rule: ID" for Logs Insights). A
rule with no exact translation is an error naming the construct (exit 2,
nothing printed); with --skip-refused the other rules are printed, each rule
left out is named on stderr and a summary line counts them. A translation
exact only under a condition on the data prints that condition as a warning
on stderr.`,
		Example: `  cwpat compile --target cfn -o yaml > cis-alarms.yaml
  cwpat compile --target terraform --rules cis-1.2 --log-group-name CloudTrail/Logs > cis-alarms.tf.json
  cwpat compile --target athena --rules cis --skip-refused --start-time 2024-01-01 --end-time 2024-02-01
  cwpat compile --target duckdb --create-table 'AWSLogs/**/*.json.gz' | duckdb trail.db`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if isQueryTarget(target) {
				return runCompileQuery(app, cmd, d, q, target)
			}
			if target == "cfn" { // as cfn-lint and the AWS docs abbreviate it
				target = "cloudformation"
			}
			if target != "cloudformation" && target != "terraform" {
				return UsageFor(cmd, fmt.Errorf("--target %q: want %s", target, orList(compileTargets)))
			}
			if target == "terraform" && format == FormatYAML {
				return UsageFor(cmd, fmt.Errorf("-o yaml: Terraform reads JSON (.tf.json); leave -o out"))
			}
			set, err := d.loadRules(app)
			if err != nil {
				return err
			}
			warnBroken(app.Stderr, set, nil)
			opts, err := d.options()
			if err != nil {
				return UsageFor(cmd, err)
			}
			if d.connect.trail != "" && opts.LogGroupName == "" {
				opts.LogGroupName = alarms.DefaultConnectLogGroup
			}
			desired, err := alarms.BuildDesired(set, opts)
			if err != nil {
				return UsageFor(cmd, err)
			}
			if desired.LogGroupName == "" {
				// The template's parameter has no default then; Validate
				// needs a name, so check with a stand-in.
				check := *desired
				check.LogGroupName = "parameter"
				if err := check.Validate(); err != nil {
					return UsageFor(cmd, err)
				}
			} else if err := desired.Validate(); err != nil {
				return UsageFor(cmd, err)
			}
			conn, err := d.connection(cmd, opts.Tags)
			if err != nil {
				return UsageFor(cmd, err)
			}
			o := export.Options{EmailParameter: emailParam, Connect: conn}
			var out []byte
			if target == "terraform" {
				out, err = export.Terraform(desired, o)
			} else {
				out, err = export.CloudFormation(desired, export.Format(format), o)
			}
			if err != nil {
				return Failed(err)
			}
			_, err = app.Stdout.Write(out)
			return err
		},
	}
	addRulesFlags(cmd, d)
	addQueryFlags(cmd, q)
	f := cmd.Flags()
	f.StringVar(&target, "target", "", "what to write: "+orList(compileTargets)+" (cfn is short for cloudformation)")
	_ = cmd.RegisterFlagCompletionFunc("target", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return compileTargets, cobra.ShellCompDirectiveNoFileComp
	})
	addOutputFlag(cmd, &format, FormatJSON, FormatYAML)
	f.Lookup("output").Usage += " (yaml: CloudFormation only; the query targets print query text)"
	addDeprecatedAlias(cmd, "format", "output", f.Lookup("output").Value)
	f.BoolVar(&emailParam, "email-parameter", true, "add an optional NotificationEmail parameter / notification_email variable")
	f.StringVar(&d.prefix, "name-prefix", alarms.DefaultPrefix, "prefix of every filter and alarm name")
	f.StringVar(&d.suffix, "name-suffix", "", "suffix of every filter and alarm name")
	f.StringVar(&d.namespace, "namespace", "", "metric namespace for every rule (default: the rule's)")
	f.StringVar(&d.topicName, "topic-name", alarms.DefaultTopicName, "SNS topic name")
	f.BoolVar(&d.noTopic, "no-topic", false, "no SNS topic: alarms without actions")
	f.StringArrayVar(&d.emails, "email", nil, "email subscription (repeatable)")
	f.StringArrayVar(&d.https, "https", nil, "https subscription (repeatable)")
	f.StringArrayVar(&d.sqs, "sqs", nil, "SQS queue ARN subscription (repeatable)")
	f.StringArrayVar(&d.lambdas, "lambda", nil, "Lambda function ARN subscription (repeatable)")
	f.StringVar(&d.kmsKey, "kms-key", "", "customer-managed KMS key for the topic")
	f.StringArrayVar(&d.disable, "disable", nil, "leave out this rule id (repeatable)")
	f.StringArrayVar(&d.tags, "tag", nil, "KEY=VALUE tag (repeatable)")
	addConnectFlags(cmd, d)
	_ = cmd.MarkFlagRequired("target")
	return cmd
}
