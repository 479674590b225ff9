package cli

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/lint"
)

func newFmtCmd(app *App) *cobra.Command {
	var (
		write, list, diff bool
		check, noConfig   bool
		fileType          string
		exclude           []string
		verbose           bool
		stdinName         string
	)
	cmd := &cobra.Command{
		Use:   "fmt [-w|-l|-d] [PATH ...]",
		Short: "Rewrite filter patterns into canonical form inside their files",
		Long: `Put every filter pattern into its canonical form inside the file that holds
it (CloudFormation YAML/JSON, Terraform, rule files, pattern files), touching
only the pattern text: it is re-quoted correctly for YAML, JSON or HCL, and
nothing else in the file changes. A pattern that does not parse is reported and
left alone; a pattern assembled with Fn::Join or interpolation is left alone,
and so is a pattern written exactly as a published CIS or Security Hub
pattern, because compliance scanners compare those as text (-v says which).

Without flags the formatted files are printed to standard output, like gofmt;
-w writes them back in place.
With no PATH, standard input is read as a pattern file (or use --type).
--check changes nothing: it lists the files that would change (or shows the diff
with -d) and exits 1 if there is one, like terraform fmt -check; -l exits 1 the same way.

Exit status: 0 done, 1 a pattern did not parse or (-l, --check) a file would change,
2 usage errors or files that could not be read or parsed.`,
		Example: `  cwpat fmt --check .         # in CI: fail when a pattern is not canonical
  cwpat fmt -l .              # list files whose patterns are not canonical
  cwpat fmt -d templates/     # show the changes as a unified diff
  cwpat fmt -w templates/ infra/main.tf`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if n := btoi(write) + btoi(list) + btoi(diff); n > 1 {
				return Usage("-w, -l and -d do not combine; pick one")
			}
			if check && write {
				return Usage("--check changes nothing; it does not combine with -w")
			}
			if check && !diff {
				list = true
			}
			typ, err := lint.ParseFileType(fileType)
			if err != nil {
				return Usage("%v", err)
			}
			if len(args) == 0 {
				args = []string{"-"}
			}
			if write {
				for _, a := range args {
					if a == "-" {
						return Usage("-w cannot write to standard input")
					}
				}
			}
			var problems diag.List
			inputErr := false
			changed := 0
			cfg, err := lintConfig("", noConfig)
			if err != nil {
				return &ExitError{Code: ExitUsage, Err: err}
			}
			if cfg != nil {
				exclude = append(cfg.Exclude, exclude...) // the files lint leaves alone, fmt leaves alone too
			}
			inputs, skipped := lint.Collect(args, lint.Options{Type: typ, Stdin: app.Stdin, StdinName: stdinName, Exclude: exclude})
			writeSkipped(app, skipped)
			for _, in := range inputs {
				res, err := lint.FormatInput(in, typ)
				problems = append(problems, res.Diagnostics...)
				if err != nil {
					inputErr = true
					if !errors.Is(err, lint.ErrInput) {
						fmt.Fprintf(app.Stderr, "cwpat: %v\n", err)
					}
					continue
				}
				if res.Changed {
					changed++
				}
				switch {
				case list:
					if res.Changed {
						fmt.Fprintln(app.Stdout, in.Name)
					}
				case diff:
					fmt.Fprint(app.Stdout, lint.UnifiedDiff(in.Name, in.Src, res.Output))
				case write:
					if res.Changed {
						if err := writeKeepingMode(in.Name, res.Output); err != nil {
							fmt.Fprintf(app.Stderr, "cwpat: %v\n", err)
							inputErr = true
						}
					}
				default:
					_, _ = app.Stdout.Write(res.Output)
				}
			}
			if !verbose {
				problems = problems.AtLeast(diag.Warning) // notes about patterns left alone only with -v
			}
			if err := diag.WriteText(app.Stderr, problems, diag.TextOptions{Color: app.Color(app.StderrIsTerminal)}); err != nil {
				return Failed(err)
			}
			if inputErr {
				return &ExitError{Code: ExitUsage}
			}
			if problems.HasErrors() || (list || check) && changed > 0 {
				return Findings()
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&write, "write", "w", false, "write the result back to each file instead of printing it")
	cmd.Flags().BoolVarP(&list, "list", "l", false, "list files whose patterns are not in canonical form")
	cmd.Flags().BoolVarP(&diff, "diff", "d", false, "print a unified diff of the changes")
	cmd.Flags().BoolVar(&check, "check", false, "change nothing; list files that would change (or diff them with -d) and exit 1 if any would")
	cmd.Flags().StringVar(&fileType, "type", "", "read every file as this type: cloudformation, terraform, rules or patterns")
	cmd.Flags().StringArrayVar(&exclude, "exclude", nil, "skip files and directories matching this glob while walking (repeatable); lint.exclude of .cwpat.yaml applies too")
	cmd.Flags().BoolVar(&noConfig, "no-config", false, "ignore .cwpat.yaml")
	cmd.Flags().StringVar(&stdinName, "stdin-filename", "", "name standard input in messages and pick its type by this name's extension")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "also say why a pattern was left as it is (assembled with Fn::Join, kept as a published CIS pattern)")
	return cmd
}

// writeKeepingMode replaces a file's content, keeping its permissions.
func writeKeepingMode(name string, b []byte) error {
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	return os.WriteFile(name, b, info.Mode().Perm())
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
