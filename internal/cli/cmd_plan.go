package cli

import (
	"github.com/spf13/cobra"
)

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
given. With --connect-trail NAME, a trail that does not deliver to CloudWatch
Logs yet is connected first, as the CloudTrail User Guide does it: the log
group (--log-group-name, default CloudTrail/DefaultLogGroup, --retention-days
365), the role CloudTrail_CloudWatchLogs_Role with the guide's trust and
permission policies, and UpdateTrail, all in the same plan.

cwpat manages only what carries its name prefix and the tag managed-by=cwpat;
a filter or alarm with a colliding name that cwpat does not own is reported
and left alone.

Exit status: 0 when the plan can be applied in full, 1 when resources cwpat
does not own block some rules or an AWS call failed, 2 on bad usage.`,
		Example: `  cwpat plan --rules cis --region us-east-1
  cwpat plan --rules cis-1.4 --log-group-name aws-controltower/CloudTrailLogs --email sec@example.com
  cwpat plan --connect-trail main --email sec@example.com
  cwpat plan --endpoint-url http://127.0.0.1:4566 -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, p, err := preparePlan(app, cmd, d)
			if err != nil {
				return err
			}
			if err := writePlanDocument(app, docOutput{d.out, d.query}, p); err != nil {
				return err
			}
			if len(p.Blocked()) > 0 {
				return Findings()
			}
			return nil
		},
	}
	addDeployFlags(cmd, d)
	addOutputFlag(cmd, &d.out, FormatText, FormatJSON, FormatTable)
	addQueryFlag(cmd, &d.query)
	return cmd
}
