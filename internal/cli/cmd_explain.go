package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/pattern"
)

type explainOptions struct {
	pattern string
	out     Format
}

func newExplainCmd(app *App) *cobra.Command {
	o := &explainOptions{}
	cmd := &cobra.Command{
		Use:   "explain --filter-pattern PATTERN (--log-event-messages MSG [MSG ...] | FILE ...)",
		Short: "Say, condition by condition, why a filter pattern matches a log event or not",
		Long: `Match each log event against the filter pattern as CloudWatch Logs does and
say why: for every condition, term or field test, whether it held, with a
caret under it in the pattern and what the event holds there (a missing
property, null, an array, a number compared with text, the field a
space-delimited slot took).

Events come from --log-event-messages (as in test-metric-filter: every
following argument, a JSON list, or file://path), or from FILEs with one
event per line ('-' reads stdin).

Exit status: 0 when every event matches, 1 when some event does not, 2 when
the pattern is refused (AWS's message and a caret on stderr) or on a usage
error.`,
		Example: `  cwpat explain --filter-pattern '{ $.eventName = "ConsoleLogin" && $.additionalEventData.MFAUsed != "Yes" }' \
      --log-event-messages '{"eventName":"ConsoleLogin","additionalEventData":{}}'

  cwpat explain --filter-pattern '[ip, user, status = 4*, size]' access.log`,
		DisableFlagParsing: true, // --log-event-messages takes many values
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExplain(app, cmd, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.pattern, "filter-pattern", "", "the filter pattern to explain (file://path reads it from a file)")
	f.StringArray("log-event-messages", nil, "log event messages: MSG [MSG ...], a JSON list, or file://path holding one")
	addOutputFlag(cmd, &o.out, FormatText, FormatJSON)
	return cmd
}

// explained is one event and its explanation, as -o json prints it.
type explained struct {
	EventNumber int                 `json:"eventNumber"`
	Event       string              `json:"event"`
	Explanation pattern.Explanation `json:"explanation"`
}

func runExplain(app *App, cmd *cobra.Command, o *explainOptions, args []string) error {
	rawMessages, rest, haveMessages, err := takeListFlag(args, "log-event-messages")
	if err != nil {
		return UsageFor(cmd, err)
	}
	if err := cmd.Flags().Parse(rest); err != nil {
		return UsageFor(cmd, err)
	}
	if help, _ := cmd.Flags().GetBool("help"); help {
		return cmd.Help()
	}
	if !cmd.Flags().Changed("filter-pattern") {
		return UsageFor(cmd, fmt.Errorf("the following arguments are required: --filter-pattern"))
	}
	src, patternFile := o.pattern, ""
	if contents, path, ok, err := readParamFile("--filter-pattern", src); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	} else if ok {
		src, patternFile = contents, path
	}
	events, err := explainEvents(app, cmd, rawMessages, haveMessages, cmd.Flags().Args())
	if err != nil {
		return err
	}
	m, err := pattern.Compile(src)
	if err != nil {
		return awsPatternError(app, src, patternFile, err)
	}
	out := make([]explained, len(events))
	all := true
	for i, ev := range events {
		out[i] = explained{EventNumber: i + 1, Event: ev, Explanation: m.Explain([]byte(ev))}
		all = all && out[i].Explanation.Matched
	}
	if o.out == FormatJSON {
		err = app.WriteJSON(out, "  ")
	} else {
		err = writeExplainText(app.Stdout, out)
	}
	if err != nil {
		return Failed(err)
	}
	if !all {
		return Findings()
	}
	return nil
}

// explainEvents reads the events from --log-event-messages or from files,
// one event per line.
func explainEvents(app *App, cmd *cobra.Command, raw []string, haveMessages bool, files []string) ([]string, error) {
	if haveMessages && len(files) > 0 {
		return nil, UsageFor(cmd, fmt.Errorf("give events either with --log-event-messages or as FILEs, not both"))
	}
	if haveMessages {
		msgs, err := unpackStringList("--log-event-messages", raw)
		if err != nil {
			return nil, &ExitError{Code: ExitUsage, Err: err}
		}
		return msgs, nil
	}
	if len(files) == 0 {
		return nil, UsageFor(cmd, fmt.Errorf("no events: give --log-event-messages or a FILE ('-' for stdin)"))
	}
	var events []string
	for _, name := range files {
		r := app.Stdin
		if name != "-" {
			f, err := os.Open(name)
			if err != nil {
				return nil, &ExitError{Code: ExitUsage, Err: err}
			}
			defer f.Close()
			r = f
		}
		lines, err := readEventLines(r)
		if err != nil {
			return nil, &ExitError{Code: ExitUsage, Err: fmt.Errorf("%s: %w", name, err)}
		}
		events = append(events, lines...)
	}
	return events, nil
}

// readEventLines returns the non-empty lines of r (CloudWatch Logs has no
// empty events), without their line endings.
func readEventLines(r io.Reader) ([]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024) // CloudWatch events are at most 256 KB
	var out []string
	for sc.Scan() {
		if line := strings.TrimRight(sc.Text(), "\r"); line != "" {
			out = append(out, line)
		}
	}
	return out, sc.Err()
}

func writeExplainText(w io.Writer, events []explained) error {
	for i, e := range events {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if _, err := fmt.Fprintf(w, "event %d: %s\n%s", e.EventNumber, e.Event, e.Explanation.Text()); err != nil {
			return err
		}
	}
	return nil
}
