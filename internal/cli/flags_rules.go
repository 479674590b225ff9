package cli

// Every command that takes a rule set (match, backtest, plan, deploy,
// destroy, audit, compile) reads --rules and --rules-file the same way.

import (
	"errors"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/rules"
)

// addRuleSetFlags defines --rules and --rules-file.
func addRuleSetFlags(cmd *cobra.Command, name *string, files *[]string, def string) {
	f := cmd.Flags()
	f.StringVar(name, "rules", def, "built-in rule set ("+strings.Join(rules.BuiltinNames(), ", ")+") or a rule file or directory")
	f.StringArrayVar(files, "rules-file", nil, "rule file or directory applied on top of --rules (overrides by rule id; repeatable)")
	_ = cmd.RegisterFlagCompletionFunc("rules", completeSetNames)
}

// loadRuleSet resolves --rules and --rules-file. A --rules value that names
// an existing file or directory is loaded as rule files. Rule file problems
// are printed as diagnostics and make a usage error.
func loadRuleSet(app *App, name string, files []string) (*rules.Set, error) {
	return loadRuleSetFrom(app, "--rules", name, files)
}

// loadRuleSetFrom is loadRuleSet for a set named elsewhere than --rules:
// flag is how messages name where the name came from ("--set"), or "" for
// a positional argument.
func loadRuleSetFrom(app *App, flag, name string, files []string) (*rules.Set, error) {
	prefix := ""
	if flag != "" {
		prefix = flag + " "
	}
	base := name
	if _, err := os.Stat(name); err == nil && name != "" && !isBuiltinSet(name) {
		files = append([]string{name}, files...)
		base = ""
	} else if err != nil && looksLikePath(name) {
		return nil, Usage("%s%s: %v", prefix, name, errors.Unwrap(err))
	}
	var set *rules.Set
	var err error
	if len(files) > 0 {
		set, err = rules.Load(base, files...)
	} else {
		set, err = rules.Builtin(base)
	}
	if err != nil {
		if l, ok := diag.As(err); ok {
			_ = diag.WriteText(app.Stderr, l, diag.TextOptions{Color: app.Color(app.StderrIsTerminal)})
			return nil, &ExitError{Code: ExitUsage}
		}
		return nil, Usage("%s%v", strings.Replace(prefix, " ", ": ", 1), err)
	}
	if len(set.Rules) == 0 {
		return nil, Usage("%sthe rule set %q has no rules", strings.Replace(prefix, " ", ": ", 1), name)
	}
	return set, nil
}

// looksLikePath tells a rule file the user meant from a misspelt set name.
func looksLikePath(name string) bool {
	return strings.ContainsAny(name, `/\`) || strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

func isBuiltinSet(name string) bool {
	for _, n := range rules.BuiltinNames() {
		if n == name {
			return true
		}
	}
	return false
}
