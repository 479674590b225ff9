package pattern_test

import (
	"fmt"

	"github.com/cwpat/cwpat/pattern"
)

// A Set answers every rule of a rule set in one pass over each event.
func ExampleCompileSet() {
	set, err := pattern.CompileSet([]string{
		`{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`,
		`{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`,
		`{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	matched := make([]bool, set.Len())
	for _, event := range []string{
		`{"eventName":"ConsoleLogin","eventType":"AwsConsoleSignIn","userIdentity":{"type":"Root"},"additionalEventData":{"MFAUsed":"No"}}`,
		`{"eventName":"StopLogging","eventType":"AwsApiCall","userIdentity":{"type":"IAMUser"}}`,
		`{"eventName":"StopLogging"`, // truncated: not JSON, matches nothing
	} {
		n := set.Match([]byte(event), matched)
		fmt.Println(n, matched)
	}
	// Output:
	// 2 [true false true]
	// 1 [false true false]
	// 0 [false false false]
}
