package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/rules"
)

// Shell completion (cwpat completion bash|zsh|fish|powershell, cobra's own
// command) completes what only cwpat knows: built-in set names for --rules
// and --set, and rule ids for 'rules show'.

// completeSetNames offers the built-in rule sets; files stay completable,
// since --rules also takes a rule file or directory.
func completeSetNames(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, n := range rules.BuiltinNames() {
		if strings.HasPrefix(n, prefix) {
			out = append(out, n)
		}
	}
	return out, cobra.ShellCompDirectiveDefault
}

// completeRuleIDs offers the ids of the rules of the set named by the
// command's --set flag (the default set when there is none), with each
// rule's title as the description zsh and fish show.
func completeRuleIDs(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	name := "cis"
	if f := cmd.Flags().Lookup("set"); f != nil {
		name = f.Value.String()
	}
	set, err := rules.Builtin(name)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, r := range set.Rules {
		if strings.HasPrefix(r.ID, prefix) {
			out = append(out, r.ID+"\t"+r.Title)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
