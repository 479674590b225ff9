package rules_test

import (
	"fmt"

	"github.com/cwpat/cwpat/rules"
)

// A built-in set by name; "cis" is the newest CIS benchmark version.
func ExampleBuiltin() {
	set, err := rules.Builtin("cis")
	if err != nil {
		panic(err)
	}
	r, _ := set.Rule("root-usage")
	fmt.Println(set.Name, len(set.Rules))
	fmt.Println(r.Title)
	fmt.Println(r.FilterPattern)
	fmt.Println(r.MetricTransformation.MetricNamespace, r.Alarm.AlarmName, r.Alarm.Statistic, r.Alarm.Period, r.Alarm.Threshold)
	// Output:
	// cis-5.0 15
	// Ensure usage of the 'root' account is monitored
	// { $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }
	// CISBenchmark root_usage_alarm Sum 300 1
}

// A user's file extends a built-in set, changes one alarm, disables a rule
// and prefixes every name.
func ExampleParse() {
	src := `extends: cis-1.2
namePrefix: acme-
disable: [vpc-changes]
rules:
  - id: console-auth-failures
    alarm: {threshold: 3, treatMissingData: notBreaching}
`
	set, err := rules.Parse("", "acme.yaml", []byte(src))
	if err != nil {
		panic(err)
	}
	r, _ := set.Rule("console-auth-failures")
	fmt.Println(len(set.Rules), r.Alarm.AlarmName, r.Alarm.Threshold, r.Alarm.TreatMissingData)
	// Output: 13 acme-console_signin_failure_alarm 3 notBreaching
}

// Unknown keys are errors at file:line:col, with a suggestion.
func ExampleParse_errors() {
	_, err := rules.Parse("", "acme.yaml", []byte("extends: cis\nrules:\n  - id: root-usage\n    severty: high\n"))
	fmt.Println(err)
	// Output: acme.yaml:4:5: error: unknown key "severty" [unknown-key]
}

// Every rule carries the events that prove it; a broken published pattern
// documents its breakage with false positives.
func ExampleRule_Matcher() {
	set, _ := rules.Builtin("cis-1.4")
	lib, _ := rules.BuiltinExamples()
	r, _ := set.Rule("unauthorized-api-calls")
	m, err := r.Matcher()
	if err != nil {
		panic(err)
	}
	ev, _ := lib.Get("ec2-describe-instances-success")
	fmt.Println(r.Broken != "", m.Match(ev.Message))
	// Output: true true
}

// Audit tools ask whether a deployed filter carries a published text that
// has since been replaced: Security Hub's CloudWatch.3 changed on 2022-05-19.
func ExampleSuperseded() {
	deployed := `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`
	s, ok := rules.Superseded(deployed)
	if !ok {
		fmt.Println("current")
		return
	}
	fmt.Printf("%s text published until %s; now:\n%s\n", s.Control, s.Until.Format("2006-01-02"), s.Current)
	// Output:
	// CloudWatch.3 text published until 2022-05-19; now:
	// { ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }
}
