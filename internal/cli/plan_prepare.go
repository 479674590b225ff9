package cli

import (
	"context"
	"fmt"

	"github.com/cwpat/cwpat/alarms"
	"github.com/spf13/cobra"
)

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
	if p := t.DeliveryProblem(); p != "" {
		fmt.Fprintf(app.Stderr, "Warning: trail %s %s\n", t.Name, p)
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
	conn, err := d.connection(cmd, opts.Tags)
	if err != nil {
		return nil, nil, UsageFor(cmd, err)
	}
	ctx := cmd.Context()
	c, err := d.aws.connect(ctx)
	if err != nil {
		return nil, nil, UsageFor(cmd, err)
	}
	var link *alarms.Link
	if conn != nil {
		if link, err = c.ReadLink(ctx, *conn); err != nil {
			return nil, nil, Failed(err)
		}
		opts.LogGroupName = link.LogGroupName
	} else if opts.LogGroupName, err = resolveLogGroup(ctx, app, c, d.logGroup); err != nil {
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
	p, err := alarms.PlanChain(conn, link, desired, cur)
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
	return writePlanText(app.Stdout, p)
}
