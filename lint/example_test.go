package lint_test

import (
	"fmt"
	"os"
	"testing/fstest"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/lint"
)

// Lint finds the pattern in a CloudFormation template and reports the
// misspelt selector at its line and column in the template.
func ExampleLint() {
	template := `Resources:
  RootUsage:
    Type: AWS::Logs::MetricFilter
    Properties:
      LogGroupName: CloudTrail/DefaultLogGroup
      FilterPattern: '{ $.userIdentity.Type = "Root" }'
      MetricTransformations:
        - {MetricName: RootUsage, MetricNamespace: CISBenchmark, MetricValue: "1"}
`
	fsys := fstest.MapFS{"cis.yaml": {Data: []byte(template)}}
	r := lint.Lint([]string{"cis.yaml"}, lint.Options{FS: fsys})
	_ = diag.WriteText(os.Stdout, r.Diagnostics, diag.TextOptions{})
	// Output:
	// cis.yaml:6:25: warning: CloudTrail records have no field $.userIdentity.Type; did you mean $.userIdentity.type? [unknown-cloudtrail-field]
	//           FilterPattern: '{ $.userIdentity.Type = "Root" }'
	//                             ^~~~~~~~~~~~~~~~~~~
	//     hint: selectors are case-sensitive and a selector no record has never matches, so the alarm stays silent
}

// Format rewrites the pattern into canonical form and leaves the rest of
// the file as it was.
func ExampleFormat() {
	src := "resource \"aws_cloudwatch_log_subscription_filter\" \"errors\" {\n  filter_pattern = \"{$.level=\\\"ERROR\\\"}\" # from the app team\n}\n"
	res, err := lint.Format("main.tf", []byte(src), lint.TypeAuto)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(res.Output))
	// Output:
	// resource "aws_cloudwatch_log_subscription_filter" "errors" {
	//   filter_pattern = "{ $.level = \"ERROR\" }" # from the app team
	// }
}
