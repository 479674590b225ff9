package cli

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/agext/levenshtein"
	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/rules"
)

func newRulesCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List and show the built-in rule sets and their rules",
		Long: `List cwpat's rule sets (the CIS AWS Foundations monitoring controls of each
benchmark version, Security Hub's CloudWatch.1-14, the CloudTrail User Guide's
sample alarms, and cwpat's corrected "recommended" set), the rules of one set,
and a rule's pattern, metric, alarm and examples.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newRulesListCmd(app), newRulesShowCmd(app), newRulesExamplesCmd(app))
	return cmd
}

func newRulesListCmd(app *App) *cobra.Command {
	var out docOutput
	cmd := &cobra.Command{
		Use:   "list [SET]",
		Short: "List the rule sets, or the rules of one set (a built-in name or rule files)",
		Example: `  cwpat rules list
  cwpat rules list cis-1.4
  cwpat rules list my-rules.yaml -o json`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: completeSetNames,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return listSets(app, out)
			}
			set, err := loadRuleSetFrom(app, "", args[0], nil)
			if err != nil {
				return err
			}
			return listRules(app, set, out)
		},
	}
	addDocOutputFlags(cmd, &out)
	return cmd
}

type setSummary struct {
	Name    string `json:"name"`
	AliasOf string `json:"aliasOf,omitempty"`
	Title   string `json:"title"`
	Rules   int    `json:"rules"`
	Extends string `json:"extends,omitempty"`
}

func listSets(app *App, out docOutput) error {
	var sets []setSummary
	for _, n := range rules.BuiltinNames() {
		s, err := rules.Builtin(n)
		if err != nil {
			return Failed(err)
		}
		sets = append(sets, setSummary{Name: n, AliasOf: rules.AliasOf(n), Title: s.Title, Rules: len(s.Rules), Extends: s.Extends})
	}
	if out.document() {
		return app.writeDocument(out, "RuleSets", sets)
	}
	w := tabwriter.NewWriter(app.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "SET\tRULES\tTITLE")
	for _, s := range sets {
		title := s.Title
		if s.AliasOf != "" {
			title = "alias of " + s.AliasOf + ": " + title
		}
		fmt.Fprintf(w, "%s\t%d\t%s\n", s.Name, s.Rules, title)
	}
	return w.Flush()
}

type ruleSummary struct {
	ID          string            `json:"id"`
	Severity    string            `json:"severity"`
	Title       string            `json:"title"`
	CIS         map[string]string `json:"cis,omitempty"`
	SecurityHub string            `json:"securityHub,omitempty"`
	AlarmName   string            `json:"alarmName"`
	Broken      bool              `json:"broken,omitempty"`
}

func listRules(app *App, set *rules.Set, out docOutput) error {
	var rs []ruleSummary
	for _, r := range set.Rules {
		rs = append(rs, ruleSummary{ID: r.ID, Severity: r.Severity, Title: r.Title, CIS: r.References.CIS,
			SecurityHub: r.References.SecurityHub, AlarmName: r.Alarm.AlarmName, Broken: r.Broken != ""})
	}
	if out.document() {
		return app.writeDocument(out, "Rules", struct {
			Set   string        `json:"set"`
			Title string        `json:"title,omitempty"`
			Rules []ruleSummary `json:"rules"`
		}{set.Name, set.Title, rs})
	}
	fmt.Fprintf(app.Stdout, "%s: %s\n\n", set.Name, set.Title)
	w := tabwriter.NewWriter(app.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tSEVERITY\tCONTROL\tTITLE")
	version := cisVersion(set)
	for _, r := range rs {
		control := r.SecurityHub
		if c, ok := r.CIS[version]; ok && !strings.HasPrefix(set.Name, "securityhub") {
			control = "CIS " + c
		}
		if control == "" {
			control = "-"
		}
		title := r.Title
		if r.Broken {
			title += " (BROKEN as published)"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, control, title)
	}
	return w.Flush()
}

// cisVersion is the benchmark version a CIS set carries ("1.4.0" for
// cis-1.4), or "1.2.0" (the version Security Hub and the samples follow).
func cisVersion(set *rules.Set) string {
	name := set.Name
	if set.Extends != "" && !strings.HasPrefix(name, "cis-") {
		name = set.Extends
	}
	switch name {
	case "cis-1.2":
		return "1.2.0"
	case "cis-1.4":
		return "1.4.0"
	case "cis-1.5":
		return "1.5.0"
	case "cis-2.0":
		return "2.0.0"
	case "cis-3.0":
		return "3.0.0"
	case "cis-4.0":
		return "4.0.1"
	case "cis-5.0", "recommended":
		return "5.0.0"
	}
	return "1.2.0"
}

func newRulesShowCmd(app *App) *cobra.Command {
	var out docOutput
	var setName string
	cmd := &cobra.Command{
		Use:   "show ID|CONTROL",
		Short: "Show one rule: pattern, metric transformation, alarm, references and examples",
		Example: `  cwpat rules show root-usage
  cwpat rules show unauthorized-api-calls --set cis-1.4
  cwpat rules show root-usage --set securityhub -o json
  cwpat rules show CloudWatch.1                  # by Security Hub control
  cwpat rules show 4.3 --set cis-5.0             # by CIS recommendation number`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			set, err := loadRuleSetFrom(app, "--set", setName, nil)
			if err != nil {
				return err
			}
			r, ok := findRule(set, args[0])
			if !ok {
				ids := set.IDs()
				sort.Strings(ids)
				hint := ""
				best, dist := "", len(args[0])/3+2
				for _, id := range ids {
					if d := levenshtein.Distance(args[0], id, nil); d < dist {
						best, dist = id, d
					}
				}
				if best != "" {
					hint = fmt.Sprintf("; did you mean %q?", best)
				}
				return Usage("set %s has no rule %q%s (rules: %s)", set.Name, args[0], hint, strings.Join(ids, ", "))
			}
			if out.document() {
				return app.writeDocument(out, "Rule", struct {
					Set string `json:"set"`
					*rules.Rule
				}{set.Name, r})
			}
			showRule(app, set, r)
			return nil
		},
	}
	cmd.Flags().StringVar(&setName, "set", "cis", "rule set whose version of the rule to show (a built-in name or rule files)")
	_ = cmd.RegisterFlagCompletionFunc("set", completeSetNames)
	cmd.ValidArgsFunction = completeRuleIDs
	addDocOutputFlags(cmd, &out)
	return cmd
}

func showRule(app *App, set *rules.Set, r *rules.Rule) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n%s\n\n", r.ID, set.Name, r.Title)
	if r.Broken != "" {
		fmt.Fprintf(&b, "%s\n\n", wrap("BROKEN as published: "+r.Broken))
	}
	if r.Description != "" {
		fmt.Fprintf(&b, "%s\n\n", wrap(r.Description))
	}
	fmt.Fprintf(&b, "severity:       %s\n", r.Severity)
	if len(r.References.CIS) > 0 {
		var vs []string
		for v, c := range r.References.CIS {
			vs = append(vs, fmt.Sprintf("v%s %s", v, c))
		}
		sort.Strings(vs)
		fmt.Fprintf(&b, "CIS:            %s\n", strings.Join(vs, ", "))
	}
	if r.References.SecurityHub != "" {
		fmt.Fprintf(&b, "Security Hub:   %s\n", r.References.SecurityHub)
	}
	mt := r.MetricTransformation
	fmt.Fprintf(&b, "filter name:    %s\nfilter pattern: %s\n", r.EffectiveFilterName(), r.FilterPattern)
	fmt.Fprintf(&b, "metric:         %s/%s value %s", mt.MetricNamespace, mt.MetricName, mt.MetricValue)
	if mt.DefaultValue != nil {
		fmt.Fprintf(&b, ", default %v", *mt.DefaultValue)
	}
	if mt.Unit != "" {
		fmt.Fprintf(&b, ", unit %s", mt.Unit)
	}
	b.WriteString("\n")
	a := r.Alarm
	m := a.DatapointsToAlarm
	if m == 0 {
		m = a.EvaluationPeriods
	}
	missing := a.TreatMissingData
	if missing == "" {
		missing = "missing (AWS default)"
	}
	fmt.Fprintf(&b, "alarm:          %s: %s %s %v over %ds, %d of %d periods, missing data %s\n",
		a.AlarmName, a.Statistic, a.ComparisonOperator, a.Threshold, a.Period, m, a.EvaluationPeriods, missing)
	list := func(key string, refs []rules.ExampleRef) {
		if len(refs) == 0 {
			return
		}
		names := make([]string, len(refs))
		for i, e := range refs {
			names[i] = e.Name
		}
		fmt.Fprintf(&b, "  %-15s %s\n", key+":", strings.Join(names, ", "))
	}
	b.WriteString("examples:\n")
	list("match", r.Examples.Match)
	list("noMatch", r.Examples.NoMatch)
	list("falsePositives", r.Examples.FalsePositives)
	list("falseNegatives", r.Examples.FalseNegatives)
	fmt.Fprint(app.Stdout, b.String())
}

// wrap folds text at about 80 columns for the terminal.
func wrap(s string) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > 80 {
			lines = append(lines, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), "\n")
}

func newRulesExamplesCmd(app *App) *cobra.Command {
	var out Format
	cmd := &cobra.Command{
		Use:   "examples [NAME...]",
		Short: "List the example CloudTrail records rules and tests refer to, or print some",
		Long: `List the library of named CloudTrail records that built-in rules use as
examples and that your rule and test files can name (example: NAME). With
NAMEs, print those records, one compact JSON object per line, exactly as
CloudTrail delivers them to CloudWatch Logs, so they can be piped into 'cwpat
match' or 'aws logs test-metric-filter'.`,
		Example: `  cwpat rules examples
  cwpat rules examples console-login-root-no-mfa | cwpat match --rules cis`,
		RunE: func(cmd *cobra.Command, args []string) error {
			lib, err := rules.BuiltinExamples()
			if err != nil {
				return Failed(err)
			}
			if len(args) > 0 {
				var b strings.Builder
				for _, n := range args {
					ev, ok := lib.Get(n)
					if !ok {
						return Usage("no example named %q (see 'cwpat rules examples')", n)
					}
					b.Write(ev.Message)
					b.WriteByte('\n')
				}
				_, err := fmt.Fprint(app.Stdout, b.String())
				return err
			}
			type entry struct {
				Name   string `json:"name"`
				Source string `json:"source"`
				Note   string `json:"note,omitempty"`
			}
			var es []entry
			for _, n := range lib.Names() {
				ev, _ := lib.Get(n)
				es = append(es, entry{n, ev.Source, ev.Note})
			}
			if out == FormatJSON {
				return app.WriteJSON(es, "  ")
			}
			w := tabwriter.NewWriter(app.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "NAME\tSOURCE")
			for _, e := range es {
				src := e.Source
				if i := strings.Index(src, " ("); i > 0 && !strings.HasPrefix(src, "hand-written") {
					src = src[:i] + strings.TrimPrefix(src[strings.LastIndex(src, ")")+1:], ",")
				} else if strings.HasPrefix(src, "hand-written") {
					src = "hand-written from the documented record shape"
				}
				fmt.Fprintf(w, "%s\t%s\n", e.Name, src)
			}
			if err := w.Flush(); err != nil {
				return err
			}
			_, err = fmt.Fprintln(app.Stdout, "\nReal records: see 'cwpat rules examples -o json' for full attribution (MIT, Invictus Incident Response; CC BY 4.0, TrailDiscover by Adan Alvarez).")
			return err
		},
	}
	addOutputFlag(cmd, &out, FormatText, FormatJSON)
	return cmd
}
