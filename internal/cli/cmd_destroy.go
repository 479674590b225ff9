package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/alarms"
)

func newDestroyCmd(app *App) *cobra.Command {
	var (
		a         awsFlags
		prefix    string
		suffix    string
		anySuffix bool
		topicName string
		logGroup  string
		apply     bool
		deleteLG  bool
		out       Format
	)
	cmd := &cobra.Command{
		Use:   "destroy [--apply] [flags]",
		Short: "Remove every filter, alarm and topic cwpat deployed (plan first; --apply to delete)",
		Long: `Find what cwpat owns in the account and region: alarms with the name prefix
and the tag managed-by=cwpat, the metric filters those alarms name, and the
topics tagged managed-by=cwpat that they notify (or --topic-name names). Show
the plan, and with --apply delete them: filters first, then alarms, then
topics (with their subscriptions). A trail cwpat connected to CloudWatch Logs
(its role is cwpat's) is disconnected and the role deleted; the log group,
which holds the account's CloudTrail events, is kept unless --delete-log-group.

A filter or alarm with the prefix but without cwpat's tag is listed and left
alone, as is a topic cwpat reused but did not create. Deployments made with
another --name-suffix are left alone (--all-suffixes removes them too), and a
topic they or other alarms still notify is kept.`,
		Example: `  cwpat destroy --region us-east-1
  cwpat destroy --region us-east-1 --apply
  cwpat destroy --region us-east-1 --name-suffix -dev --apply`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if suffix != "" && anySuffix {
				return UsageFor(cmd, fmt.Errorf("--name-suffix and --all-suffixes cannot be combined"))
			}
			if prefix == "" {
				return UsageFor(cmd, fmt.Errorf("--name-prefix must not be empty: cwpat destroys only names with its prefix"))
			}
			ctx := cmd.Context()
			c, err := a.connect(ctx)
			if err != nil {
				return UsageFor(cmd, err)
			}
			cur, err := c.Read(ctx, alarms.ReadOptions{Prefix: prefix, LogGroupName: logGroup, TopicName: topicName, TopicUsers: true})
			if err != nil {
				return Failed(err)
			}
			links, err := c.ReadOwnedLinks(ctx)
			if err != nil {
				return Failed(err)
			}
			p := alarms.PlanDestroyChain(alarms.DestroyScope{Prefix: prefix, Suffix: suffix, AnySuffix: anySuffix}, cur, links, deleteLG)
			if err := writePlan(app, out, p); err != nil {
				return err
			}
			if !apply {
				if !p.Empty() && out == FormatText {
					fmt.Fprintln(app.Stdout, "\nNothing was deleted. Run the same command with --apply to delete these resources.")
				}
				return nil
			}
			return applyPlan(app, c, p, cmd)
		},
	}
	addAWSFlags(cmd, &a)
	f := cmd.Flags()
	f.StringVar(&prefix, "name-prefix", alarms.DefaultPrefix, "the name prefix the deployment used")
	f.StringVar(&suffix, "name-suffix", "", "the name suffix the deployment used (deployments with another suffix are left alone)")
	f.BoolVar(&anySuffix, "all-suffixes", false, "remove every deployment under the prefix, whatever its --name-suffix")
	f.StringVar(&topicName, "topic-name", alarms.DefaultTopicName, "the SNS topic the deployment used (deleted only if cwpat created it)")
	f.StringVar(&logGroup, "log-group-name", "", "also list foreign filters with the prefix on this log group")
	f.BoolVar(&deleteLG, "delete-log-group", false, "also delete the log group cwpat created when it connected a trail (it holds the account's CloudTrail events; kept by default)")
	f.BoolVar(&apply, "apply", false, "delete (without it, destroy only shows what it would delete)")
	addOutputFlag(cmd, &out, FormatText, FormatJSON)
	return cmd
}
