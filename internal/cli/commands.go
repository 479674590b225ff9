package cli

import "github.com/spf13/cobra"

// commands is every top-level command of cwpat, in the order `cwpat --help`
// lists them: the whole program at a glance (as promtool's main lists its
// commands). A new command is one line here and one file cmd_<name>.go.
func commands(app *App) []*cobra.Command {
	return []*cobra.Command{
		// The pattern language.
		newTestMetricFilterCmd(app),
		newMatchCmd(app),
		newLintCmd(app),
		newFmtCmd(app),
		newExplainCmd(app),
		// Rule sets and their tests.
		newRulesCmd(app),
		newTestCmd(app),
		newBacktestCmd(app),
		// The chain in an account.
		newPlanCmd(app),
		newDeployCmd(app),
		newDestroyCmd(app),
		newAuditCmd(app),
		newCompileCmd(app),
		// The local AWS endpoint and the program itself.
		newServeCmd(app),
		newVersionCmd(app),
	}
}

// testCommands are extra commands that tests add to the tree (a command that
// panics, one that prints diagnostics); always empty in the shipped program.
var testCommands []func(*App) *cobra.Command
