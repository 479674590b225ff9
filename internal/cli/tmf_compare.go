package cli

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
)

// compareTMF sends the request to CloudWatch Logs (or --endpoint-url) and
// reports on stderr every way its answer differs from cwpat's: an event one
// matches and the other does not, different extracted values, or one of them
// refusing the pattern. It is how a user settles, against the real service,
// a point where cwpat had to choose (pattern/SEMANTICS.md), and how they
// report a case cwpat gets wrong. It returns whether the answers differ.
func compareTMF(app *App, o *tmfOptions, req tmfRequest, local *pattern.TestMetricFilterOutput, localErr error) (bool, error) {
	clients, err := alarms.Connect(app.Ctx, alarms.ClientOptions{Profile: o.profile, Region: o.region, EndpointURL: o.endpoint, MaxAttempts: 3})
	if err != nil {
		return false, err
	}
	remote, remoteErr := clients.Logs.TestMetricFilter(app.Ctx, &cloudwatchlogs.TestMetricFilterInput{
		FilterPattern: req.FilterPattern, LogEventMessages: req.LogEventMessages,
	})
	var refused *types.InvalidParameterException
	if remoteErr != nil && !errors.As(remoteErr, &refused) {
		return false, fmt.Errorf("calling TestMetricFilter: %w", remoteErr)
	}
	where := "AWS"
	if o.endpoint != "" {
		where = o.endpoint
	}
	var diffs []string
	switch {
	case localErr != nil && refused != nil:
		// Both refuse: the words may differ, the verdict does not.
		if l, ok := diag.As(localErr); ok && len(l) > 0 && l[0].AWSMessage != "" && l[0].AWSMessage != refused.ErrorMessage() {
			fmt.Fprintf(app.Stderr, "note: both refuse the pattern; %s says %q, cwpat says AWS says %q\n", where, refused.ErrorMessage(), l[0].AWSMessage)
		}
	case localErr != nil:
		diffs = append(diffs, fmt.Sprintf("cwpat refuses the pattern, %s accepts it", where))
	case refused != nil:
		diffs = append(diffs, fmt.Sprintf("%s refuses the pattern (%s), cwpat accepts it", where, refused.ErrorMessage()))
	default:
		diffs = diffMatches(local, remote, where)
	}
	if len(diffs) == 0 {
		fmt.Fprintf(app.Stderr, "%s agrees with cwpat\n", where)
		return false, nil
	}
	fmt.Fprintf(app.Stderr, "%s and cwpat differ:\n", where)
	for _, d := range diffs {
		fmt.Fprintf(app.Stderr, "  %s\n", d)
	}
	return true, nil
}

// diffMatches lists, by event number, where two TestMetricFilter answers
// disagree.
func diffMatches(local *pattern.TestMetricFilterOutput, remote *cloudwatchlogs.TestMetricFilterOutput, where string) []string {
	mine := map[int]map[string]string{}
	for _, m := range local.Matches {
		mine[m.EventNumber] = m.ExtractedValues
	}
	theirs := map[int]map[string]string{}
	for _, m := range remote.Matches {
		theirs[int(m.EventNumber)] = m.ExtractedValues
	}
	numbers := map[int]bool{}
	for n := range mine {
		numbers[n] = true
	}
	for n := range theirs {
		numbers[n] = true
	}
	sorted := make([]int, 0, len(numbers))
	for n := range numbers {
		sorted = append(sorted, n)
	}
	sort.Ints(sorted)
	var diffs []string
	for _, n := range sorted {
		a, inMine := mine[n]
		b, inTheirs := theirs[n]
		switch {
		case !inTheirs:
			diffs = append(diffs, fmt.Sprintf("event %d: cwpat matches, %s does not", n, where))
		case !inMine:
			diffs = append(diffs, fmt.Sprintf("event %d: %s matches, cwpat does not", n, where))
		default:
			if d := diffValues(a, b); d != "" {
				diffs = append(diffs, fmt.Sprintf("event %d: extractedValues differ: %s", n, d))
			}
		}
	}
	return diffs
}

// diffValues describes how two extractedValues maps differ, or "".
func diffValues(mine, theirs map[string]string) string {
	keys := map[string]bool{}
	for k := range mine {
		keys[k] = true
	}
	for k := range theirs {
		keys[k] = true
	}
	all := make(map[string]string, len(keys))
	for k := range keys {
		all[k] = ""
	}
	var parts []string
	for _, k := range sortedExtractedKeys(all) {
		a, inMine := mine[k]
		b, inTheirs := theirs[k]
		switch {
		case inMine && !inTheirs:
			parts = append(parts, fmt.Sprintf("%s only from cwpat (%q)", k, a))
		case inTheirs && !inMine:
			parts = append(parts, fmt.Sprintf("%s only from AWS (%q)", k, b))
		case a != b:
			parts = append(parts, fmt.Sprintf("%s: cwpat %q, AWS %q", k, a, b))
		}
	}
	return strings.Join(parts, "; ")
}
