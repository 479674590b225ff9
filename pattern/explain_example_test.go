package pattern_test

import (
	"fmt"

	"github.com/cwpat/cwpat/pattern"
)

// Explain says which conditions held, on which value.
func ExampleMatcher_Explain() {
	m := pattern.MustCompile(`{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`)
	fmt.Print(m.Explain([]byte(`{"eventName":"ConsoleLogin","additionalEventData":{}}`)).Text())
	// Output:
	// no match: 1 of 2 tests held
	//   held: $.eventName = "ConsoleLogin"
	//     { ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }
	//        ^~~~~~~~~~~~~~~~~~~~~~~~~~~~
	//     $.eventName is the string "ConsoleLogin"
	//   not held: $.additionalEventData.MFAUsed != "Yes"
	//     { ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }
	//                                          ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
	//     $.additionalEventData.MFAUsed is missing: every comparison on a missing property is false, != included
}
