package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/alarms"
)

func newDeployCmd(app *App) *cobra.Command {
	d := &deployFlags{}
	var apply bool
	cmd := &cobra.Command{
		Use:   "deploy [--apply] [flags]",
		Short: "Deploy a rule set as metric filters, alarms and an SNS topic (plan first; --apply to change)",
		Long: `Plan the deployment of a rule set (as 'cwpat plan' does) and, with --apply,
make the changes: connect the trail to CloudWatch Logs (--connect-trail: log
group, role, UpdateTrail), create or reuse the SNS topic (with a policy that
lets CloudWatch alarms publish, and the --kms-key encryption), add the
requested subscriptions, put each rule's alarm and metric filter, and delete
what cwpat deployed earlier but the rule set no longer holds.

Deploy is idempotent: a second run plans nothing. A run that fails halfway
leaves what it did in place; the same command run again finishes the job.
Without a subscription flag the alarms notify a topic nobody listens to, and
deploy says so. Subscriptions already on the topic are kept.

Exit status: 0 when everything was deployed, 1 when an AWS call failed or
resources cwpat does not own blocked some rules, 2 on bad usage.`,
		Example: `  cwpat deploy --rules cis --email security@example.com            # show the plan
  cwpat deploy --rules cis --email security@example.com --apply    # make it so
  cwpat deploy --rules cis-1.2 --name-suffix -prod --kms-key alias/alarms --apply
  cwpat deploy --connect-trail main --email security@example.com --apply  # the whole chain`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, p, err := preparePlan(app, cmd, d)
			if err != nil {
				return err
			}
			if err := writePlan(app, d.out, p); err != nil {
				return err
			}
			blocked := len(p.Blocked()) > 0
			if !apply {
				if !p.Empty() && d.out == FormatText {
					fmt.Fprintln(app.Stdout, "\nNothing was changed. Run the same command with --apply to make these changes.")
				}
				if blocked {
					return Findings()
				}
				return nil
			}
			if err := applyPlan(app, c, p, cmd); err != nil {
				return err
			}
			if blocked {
				fmt.Fprintln(app.Stderr, "Some rules were not deployed: resources with their names are not managed by cwpat (see the plan).")
				return Findings()
			}
			return nil
		},
	}
	addDeployFlags(cmd, d)
	cmd.Flags().BoolVar(&apply, "apply", false, "make the planned changes (without it, deploy only shows them)")
	addOutputFlag(cmd, &d.out, FormatText, FormatJSON)
	return cmd
}

// applyPlan applies p, reporting each change on stderr.
func applyPlan(app *App, c *alarms.Clients, p *alarms.Plan, cmd *cobra.Command) error {
	if p.Empty() {
		return nil
	}
	verbs := map[alarms.Action]string{alarms.Create: "created", alarms.Update: "updated", alarms.Delete: "destroyed"}
	err := c.Apply(cmd.Context(), p, func(ch alarms.Change, err error) {
		if err != nil {
			fmt.Fprintf(app.Stderr, "%s %q: failed\n", ch.Type, ch.Name)
			return
		}
		fmt.Fprintf(app.Stderr, "%s %q: %s\n", ch.Type, ch.Name, verbs[ch.Action])
	})
	if err != nil {
		return Failed(err)
	}
	add, change, del := p.Counts()
	fmt.Fprintf(app.Stderr, "Apply complete! Resources: %d added, %d changed, %d destroyed.\n", add, change, del)
	return nil
}
