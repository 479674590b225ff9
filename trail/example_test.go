package trail_test

import (
	"fmt"
	"strings"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/trail"
)

// A pretty-printed S3 file with one good record and one broken one: the good
// record comes out compact, as CloudWatch Logs would hold it, and the broken
// one is a diagnostic with its position.
func ExampleReader() {
	in := `{
  "Records": [
    { "eventTime": "2023-07-10T11:42:36Z", "eventName": "CreateVpc" },
    { "eventName": "NoTime" }
  ]
}`
	rd := &trail.Reader{OnProblem: func(d diag.Diagnostic) { fmt.Println(d.Error()) }}
	st, _ := rd.Read(trail.ReaderSource("vpc.json", strings.NewReader(in)), func(r *trail.Record) error {
		fmt.Println(r.Origin, r.Time.Format("15:04:05"), string(r.Message))
		return nil
	})
	fmt.Println(st.Records, "record,", st.Skipped, "skipped")
	// Output:
	// vpc.json:3 (record 1) 11:42:36 {"eventTime":"2023-07-10T11:42:36Z","eventName":"CreateVpc"}
	// vpc.json:4:5: error: not a CloudTrail record: no top-level "eventTime" string [trail-not-cloudtrail]
	// 1 record, 1 skipped
}
