package audit

import (
	"context"
	"fmt"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/diag"
)

// maxTestMessages is TestMetricFilter's limit on log event messages.
const maxTestMessages = 50

// VerifyWithAWS asks CloudWatch Logs itself (TestMetricFilter, read-only)
// whether each covering filter matches the control's events and none of its
// near-misses, as cwpat's matcher said. AWS is the judge: where it answers
// otherwise, the control is not covered and the finding says which event
// the two disagree on.
func VerifyWithAWS(ctx context.Context, c *alarms.Clients, r *Report) error {
	for i := range r.Controls {
		res := &r.Controls[i]
		if !res.Covered || res.FilterPattern == "" {
			continue
		}
		messages := append(append([]string{}, res.Control.Matches...), res.Control.NearMisses...)
		if len(messages) > maxTestMessages {
			messages = messages[:maxTestMessages]
		}
		matched, err := c.TestMetricFilter(ctx, "the pattern of metric filter "+res.Filter, res.FilterPattern, messages)
		if err != nil {
			return err
		}
		if d := disagreement(res, messages, matched); d != nil {
			res.Covered = false
			res.Findings = append(Findings{*d}, res.Findings[1:]...)
			placeFindings(res)
		}
	}
	return nil
}

// disagreement compares AWS's matches with what the control needs.
func disagreement(res *ControlResult, messages []string, matched map[string]bool) *Finding {
	must := map[string]bool{}
	for _, m := range res.Control.Matches {
		must[m] = true
	}
	for _, m := range messages {
		if must[m] == matched[m] {
			continue
		}
		what := "does not match"
		if matched[m] {
			what = "matches the near-miss"
		}
		d := finding(CodeAWSDisagrees, diag.Error, res.Control.ID,
			fmt.Sprintf("CloudWatch Logs' TestMetricFilter says filter %s %s %s, unlike cwpat's matcher", res.Filter, what, describeEvent(m)),
			"AWS decides what alarms: please report this pattern and event to cwpat")
		if len(res.Findings) > 0 {
			d.Resource = res.Findings[0].Resource
		}
		return &d
	}
	return nil
}
