package backtest_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/cwpat/cwpat/backtest"
	"github.com/cwpat/cwpat/pattern"
	"github.com/cwpat/cwpat/sim"
	"github.com/cwpat/cwpat/trail"
)

// Two CreateVpc calls a few minutes apart under the CIS alarm recipe (Sum
// >= 1 over 5 minutes): the alarm fires after the first period with a match
// and goes back to INSUFFICIENT_DATA once no datapoint is left in its
// evaluation range.
func ExampleRun() {
	records := `{"eventTime":"2023-07-10T10:01:10Z","eventName":"CreateVpc"}
{"eventTime":"2023-07-10T10:07:00Z","eventName":"CreateVpc"}
{"eventTime":"2023-07-10T11:00:00Z","eventName":"DescribeVpcs"}
`
	rule := backtest.Rule{ID: "vpc-changes", FilterPattern: `{ $.eventName = CreateVpc }`,
		MetricTransformation: pattern.MetricTransformation{MetricName: "vpc_changes_metric", MetricNamespace: "CISBenchmark", MetricValue: "1"},
		Alarm: sim.Alarm{Statistic: sim.Sum, Period: 300, EvaluationPeriods: 1, Threshold: 1,
			ComparisonOperator: sim.GreaterThanOrEqualToThreshold}}
	rep, err := backtest.Run(context.Background(), []backtest.Rule{rule},
		[]trail.Source{trail.ReaderSource("vpc.ndjson", strings.NewReader(records))}, backtest.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	r := rep.Rules[0]
	fmt.Println(r.ID, "matched", r.Matched)
	for _, t := range r.Transitions {
		fmt.Println(t.Time.Format("15:04"), t.From, "->", t.To)
	}
	// Output:
	// vpc-changes matched 2
	// 10:05 INSUFFICIENT_DATA -> ALARM
	// 10:25 ALARM -> INSUFFICIENT_DATA
}
