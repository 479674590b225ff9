package cli

import (
	"context"
	"errors"
	"time"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/audit"
)

func newAuditCmd(app *App) *cobra.Command {
	d := &deployFlags{}
	var policy FailPolicy
	var verify bool
	var maxAge time.Duration
	var roleARN string
	cmd := &cobra.Command{
		Use:   "audit [flags]",
		Short: "Check which monitoring controls the account really covers, by behaviour",
		Long: `Read the account's CloudTrail trails, the metric filters on the trail's log
group, the alarms on their metrics and the SNS topics they notify, and judge
every control of the rule set by what it does, not by how it is written:

  - every trail of the Region delivers to CloudWatch Logs (CIS 3.4), its
    latest delivery is recent (--max-delivery-age, default 24h) and without
    error (the finding names the role to fix), and the log group exists and
    keeps events a year;
  - the trail is multi-Region, logging and records all management events;
  - some filter matches every one of the control's example events and none
    of its near-misses (the filter is compiled and run locally, so spacing,
    order and equivalent rewrites do not matter, and a pattern that matches
    everything, such as the CIS v1.4 unauthorized-calls text, fails);
  - an alarm on that filter's namespace and metric goes to ALARM on one event
    (simulated with CloudWatch's evaluation rules);
  - the alarm notifies an SNS topic that CloudWatch may publish to, that is
    not encrypted with alias/aws/sns, and that has a confirmed subscription.

Each failure carries the matching Security Hub status reason code or control.
-o sarif locates results on the AWS resource (its ARN); -o asff writes a
Security Hub BatchImportFindings request. --role-arn audits another account
(an organization trail's log group) through STS. With
--verify-with-aws, each covering filter is also run through CloudWatch Logs'
own TestMetricFilter on the same events; where AWS answers otherwise, AWS wins.
Exit status: 1 when a control is not covered (see --fail-on, --no-fail).`,
		Example: `  cwpat audit --region us-east-1
  cwpat audit --rules cis-1.2 -o sarif > audit.sarif
  cwpat audit --log-group-name aws-controltower/CloudTrailLogs -o json
  cwpat audit -o asff > findings.json && aws securityhub batch-import-findings --cli-input-json file://findings.json
  cwpat audit --role-arn arn:aws:iam::111122223333:role/Auditor`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			set, err := d.loadRules(app)
			if err != nil {
				return err
			}
			controls, err := audit.ControlsFromRules(set)
			if err != nil {
				return Usage("%v", err)
			}
			c, err := connectAs(cmd.Context(), &d.aws, roleARN)
			var oe *alarms.OpError
			if errors.As(err, &oe) {
				return Failed(err)
			} else if err != nil {
				return UsageFor(cmd, err)
			}
			r, err := audit.Run(cmd.Context(), c, controls, audit.Options{LogGroupName: d.logGroup, MaxDeliveryAge: maxAge, EndpointURL: d.aws.endpointURL})
			if err != nil {
				return Failed(err)
			}
			if verify {
				if err := audit.VerifyWithAWS(cmd.Context(), c, r); err != nil {
					return Failed(err)
				}
			}
			l := r.Diagnostics()
			if d.query != "" || d.out == FormatTable {
				if err := app.writeDocument(docOutput{d.out, d.query}, "Audit", r); err != nil {
					return err
				}
				return policy.Exit(l)
			}
			switch d.out {
			case FormatJSON:
				err = app.WriteJSON(r, "  ")
			case FormatSARIF:
				opt := app.FormatOptions(nil, policy)
				err = writeAuditSARIF(app.Stdout, r, opt.Tool, opt.Anchor)
			case FormatASFF:
				err = writeAuditASFF(app.Stdout, r, time.Now())
			default:
				err = writeAuditText(app.Stdout, r)
			}
			if err != nil {
				return err
			}
			return policy.Exit(l)
		},
	}
	addAWSFlags(cmd, &d.aws)
	addRulesFlags(cmd, d)
	addFailFlags(cmd, &policy)
	cmd.Flags().StringVar(&roleARN, "role-arn", "", "audit the account of this role, assumed through STS (an organization trail's log group lives in another account)")
	cmd.Flags().DurationVar(&maxAge, "max-delivery-age", 24*time.Hour, "fail a trail whose latest delivery to CloudWatch Logs is older than this (CIS 3.4: about a day); 0 skips the check")
	cmd.Flags().BoolVar(&verify, "verify-with-aws", false, "also ask CloudWatch Logs' TestMetricFilter (read-only) to confirm each covering filter's verdict")
	addOutputFlag(cmd, &d.out, FormatText, FormatJSON, FormatSARIF, FormatASFF, FormatTable)
	addQueryFlag(cmd, &d.query)
	return cmd
}

// connectAs builds the clients, acting as roleARN when it is set.
func connectAs(ctx context.Context, a *awsFlags, roleARN string) (*alarms.Clients, error) {
	if roleARN == "" {
		return a.connect(ctx)
	}
	o, err := a.clientOptions()
	if err != nil {
		return nil, err
	}
	return alarms.ConnectAs(ctx, o, roleARN)
}
