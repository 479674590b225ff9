package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cwpat/cwpat/awslimits"
	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
)

// tmfRequest is a TestMetricFilter request, as --cli-input-json spells it.
type tmfRequest struct {
	FilterPattern    *string  `json:"filterPattern"`
	LogEventMessages []string `json:"logEventMessages"`
}

type tmfOptions struct {
	pattern   string
	inputJSON string
	skeleton  bool
	out       Format
	query     string
	region    string
	profile   string
	endpoint  string
	compare   bool
}

func newTestMetricFilterCmd(app *App) *cobra.Command {
	o := &tmfOptions{}
	cmd := &cobra.Command{
		Use:   "test-metric-filter --filter-pattern PATTERN --log-event-messages MSG [MSG ...]",
		Short: "Answer `aws logs test-metric-filter` locally, exactly as CloudWatch Logs does",
		Long: `Test a filter pattern against up to 50 log event messages and print the
TestMetricFilter response AWS would return: the matching events, 1-based
eventNumber, the message, and the values a space-delimited pattern extracts.
No AWS account or network is used.

Arguments are read the way the AWS CLI reads them, so a command line copied
from 'aws logs test-metric-filter' works unchanged: --log-event-messages takes
every following argument up to the next option, or one JSON list
('["a", "b"]'), or file://events.json; --filter-pattern takes file://path;
--cli-input-json takes the request body. --region and --profile are accepted
and ignored: the answer is computed locally.

A pattern AWS refuses prints InvalidParameterException with AWS's message and
a caret under the problem on stderr, and exits 2. So do fewer than 1 or more
than 50 messages. For pitfalls in a pattern AWS accepts (a '?' term that is
silently ignored, a '!=' that is false when the field is missing), run
'cwpat lint'.`,
		Example: `  cwpat test-metric-filter --filter-pattern '{ $.eventName = "ConsoleLogin" }' \
      --log-event-messages '{"eventName":"ConsoleLogin"}' '{"eventName":"GetObject"}'

  cwpat test-metric-filter --filter-pattern '[ip, user, status=4*, size]' \
      --log-event-messages '10.0.0.1 alice 404 512' '10.0.0.2 bob 200 64' -o text

  cwpat test-metric-filter --cli-input-json file://request.json`,
		DisableFlagParsing: true, // --log-event-messages takes many values; see run
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTestMetricFilter(app, cmd, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.pattern, "filter-pattern", "", "the filter pattern to test (file://path reads it from a file)")
	f.StringArray("log-event-messages", nil, "log event messages to test, 1 to 50: MSG [MSG ...], a JSON list, or file://path holding one")
	f.StringVar(&o.inputJSON, "cli-input-json", "", `the request as JSON: {"filterPattern": "...", "logEventMessages": [...]} (or file://path)`)
	f.BoolVar(&o.skeleton, "generate-cli-skeleton", false, "print a --cli-input-json request template and exit, as the AWS CLI does")
	f.BoolVar(&o.compare, "compare", false, "also send the request to CloudWatch Logs and report every difference from cwpat's answer (exit 1 if any)")
	f.StringVar(&o.region, "region", "", "with --compare: the AWS Region (default: AWS_REGION or the profile's); otherwise ignored")
	f.StringVar(&o.profile, "profile", "", "with --compare: the named profile (default: the SDK's chain); otherwise ignored")
	f.StringVar(&o.endpoint, "endpoint-url", "", "with --compare: send the request to this URL instead of AWS (e.g. 'cwpat serve')")
	addOutputFlag(cmd, &o.out, FormatJSON, FormatText, FormatTable, formatEvents)
	addQueryFlag(cmd, &o.query)
	return cmd
}

func runTestMetricFilter(app *App, cmd *cobra.Command, o *tmfOptions, args []string) error {
	rawMessages, rest, haveMessages, err := takeListFlag(args, "log-event-messages")
	if err != nil {
		return UsageFor(cmd, fmt.Errorf("%w (a message that starts with '-' must be written --log-event-messages=MSG or inside a JSON list)", err))
	}
	if err := cmd.Flags().Parse(rest); err != nil {
		return UsageFor(cmd, err)
	}
	if help, _ := cmd.Flags().GetBool("help"); help {
		return cmd.Help()
	}
	if err := checkQuery(o.query); err != nil {
		return UsageFor(cmd, err)
	}
	if o.skeleton {
		// The AWS CLI's skeleton for this operation, in its layout.
		_, err := io.WriteString(app.Stdout, "{\n    \"filterPattern\": \"\",\n    \"logEventMessages\": [\n        \"\"\n    ]\n}\n")
		return err
	}
	if extra := cmd.Flags().Args(); len(extra) > 0 {
		return UsageFor(cmd, fmt.Errorf("unexpected argument %q (log event messages follow --log-event-messages)", extra[0]))
	}

	req, patternFile, err := buildTMFRequest(cmd, o, rawMessages, haveMessages)
	if err != nil {
		return err
	}
	if msg := validateTMFRequest(*req.FilterPattern, req.LogEventMessages); msg != "" {
		// Printed as the AWS CLI prints it, without "cwpat:", so scripts
		// that look for the exception name at the start of a line work.
		fmt.Fprintln(app.Stderr, msg)
		return &ExitError{Code: ExitUsage}
	}
	out, err := pattern.TestMetricFilter(*req.FilterPattern, req.LogEventMessages)
	differ := false
	if o.compare {
		d, cerr := compareTMF(app, o, req, out, err)
		if cerr != nil {
			return Failed(cerr)
		}
		differ = d
	}
	if err != nil {
		perr := awsPatternError(app, *req.FilterPattern, patternFile, err)
		if differ {
			return Findings()
		}
		return perr
	}
	switch {
	case o.out == formatEvents:
		err = writeTMFText(app.Stdout, req.LogEventMessages, out)
	case o.out == FormatJSON && o.query == "":
		err = writeTMFJSON(app.Stdout, out)
	default:
		err = app.WriteAWS(o.out, o.query, "TestMetricFilter", out)
	}
	if err == nil && differ {
		return Findings()
	}
	return err
}

// buildTMFRequest assembles the request from --cli-input-json and the
// flags; flags given on the command line win, as in the AWS CLI.
func buildTMFRequest(cmd *cobra.Command, o *tmfOptions, rawMessages []string, haveMessages bool) (tmfRequest, string, error) {
	var req tmfRequest
	if o.inputJSON != "" {
		body := o.inputJSON
		if contents, _, ok, err := readParamFile("--cli-input-json", body); err != nil {
			return req, "", &ExitError{Code: ExitUsage, Err: err}
		} else if ok {
			body = contents
		}
		dec := json.NewDecoder(strings.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			return req, "", &ExitError{Code: ExitUsage, Err: paramError("--cli-input-json", "Invalid JSON: "+err.Error()),
				Hint: `want {"filterPattern": "...", "logEventMessages": ["...", "..."]}`}
		}
	}
	patternFile := ""
	if cmd.Flags().Changed("filter-pattern") {
		p := o.pattern
		contents, path, ok, err := readParamFile("--filter-pattern", p)
		if err != nil {
			return req, "", &ExitError{Code: ExitUsage, Err: err}
		}
		if ok {
			p, patternFile = contents, path
		}
		req.FilterPattern = &p
	}
	if haveMessages {
		msgs, err := unpackStringList("--log-event-messages", rawMessages)
		if err != nil {
			return req, "", &ExitError{Code: ExitUsage, Err: err}
		}
		req.LogEventMessages = msgs
	}
	var missing []string
	if req.FilterPattern == nil {
		missing = append(missing, "--filter-pattern")
	}
	if req.LogEventMessages == nil {
		missing = append(missing, "--log-event-messages")
	}
	if len(missing) > 0 {
		return req, "", UsageFor(cmd, fmt.Errorf("the following arguments are required: %s", strings.Join(missing, ", ")))
	}
	return req, patternFile, nil
}

// validateTMFRequest returns what AWS answers to a request it refuses before
// it looks at the pattern, in AWS's words, or "" for a valid request. The
// AWS CLI checks minimums itself (botocore validates "min" but never "max");
// CloudWatch Logs checks the maximums and answers InvalidParameterException.
// Limits, lengths (UTF-16 code units) and texts come from awslimits.
func validateTMFRequest(filterPattern string, messages []string) string {
	var client []string
	if len(messages) < awslimits.TestMessagesMin {
		client = append(client, awslimits.ClientMinLength("logEventMessages", len(messages), awslimits.TestMessagesMin))
	}
	for i, m := range messages {
		if m == "" {
			client = append(client, awslimits.ClientMinLength(fmt.Sprintf("logEventMessages[%d]", i), 0, 1))
		}
	}
	if len(client) > 0 {
		return awslimits.ClientValidationFailed(client)
	}
	var server []awslimits.Violation
	if awslimits.Length(filterPattern) > awslimits.FilterPatternMaxLength {
		server = append(server, awslimits.Violation{Value: awslimits.Quote(filterPattern), Field: "filterPattern",
			Constraint: awslimits.MaxLength(awslimits.FilterPatternMaxLength)})
	}
	if len(messages) > awslimits.TestMessagesMax {
		server = append(server, awslimits.Violation{Value: awslimits.Quote(awslimits.List(messages)), Field: "logEventMessages",
			Constraint: awslimits.MaxLength(awslimits.TestMessagesMax)})
	}
	if len(server) == 0 {
		return ""
	}
	return "InvalidParameterException: " + awslimits.ValidationMessage(server...)
}

// awsPatternError reports a pattern AWS refuses: AWS's own message first,
// then cwpat's diagnostics with a caret under the problem.
func awsPatternError(app *App, src, file string, err error) error {
	l, ok := diag.As(err)
	if !ok {
		fmt.Fprintf(app.Stderr, "InvalidParameterException: %v\n", err)
		return &ExitError{Code: ExitUsage}
	}
	msg := awslimits.MsgInvalidMetricFilterPattern
	for _, d := range l {
		if d.Severity == diag.Error && d.AWSMessage != "" {
			msg = d.AWSMessage
			break
		}
	}
	fmt.Fprintf(app.Stderr, "InvalidParameterException: %s\n", msg)
	_ = diag.WriteText(app.Stderr, labelPattern(l, src, file), diag.TextOptions{Color: app.Color(app.StderrIsTerminal)})
	return &ExitError{Code: ExitUsage}
}

// labelPattern names where the pattern came from (its file, or the flag)
// and fills in the source line for the caret.
func labelPattern(l diag.List, src, file string) diag.List {
	out := make(diag.List, len(l))
	for i, d := range l {
		if d.Pos.File == "" {
			d.Pos.File = file
			if file == "" {
				d.Pos.File = "--filter-pattern"
			}
		}
		if d.SourceLine == "" && d.Pos.IsValid() {
			d.SourceLine = diag.LineAt(src, d.Pos.Line)
		}
		out[i] = d
	}
	return out
}

// formatEvents is cwpat's own listing: every event, matched or not, with
// its extracted values.
const formatEvents Format = "events"

// writeTMFText prints one line per event, matched or not, with extracted
// values under it, then a count.
func writeTMFText(w io.Writer, messages []string, out *pattern.TestMetricFilterOutput) error {
	byNumber := map[int]pattern.MetricFilterMatch{}
	for _, m := range out.Matches {
		byNumber[m.EventNumber] = m
	}
	for i, msg := range messages {
		m, ok := byNumber[i+1] // eventNumber is 1-based
		verdict := "no match"
		if ok {
			verdict = "MATCH   "
		}
		if _, err := fmt.Fprintf(w, "%3d  %s  %s\n", i+1, verdict, msg); err != nil {
			return err
		}
		for _, k := range sortedExtractedKeys(m.ExtractedValues) {
			if _, err := fmt.Fprintf(w, "               %s = %s\n", k, m.ExtractedValues[k]); err != nil {
				return err
			}
		}
	}
	_, err := fmt.Fprintf(w, "%d of %d events matched\n", len(out.Matches), len(messages))
	return err
}
