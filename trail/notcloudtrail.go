package trail

import (
	"strings"

	"github.com/cwpat/cwpat/diag"
)

// wholeFileSkipped ends the message of a CodeNotCloudTrail problem that
// skips a whole source: its first value is not a CloudTrail record, so no
// record was read from it.
const wholeFileSkipped = "; the file is skipped"

// IsNotCloudTrailFile reports whether d is the verdict that a whole source
// is not CloudTrail (a README, a YAML file, JSON of another kind): no record
// had been read from the source when it was reported, and the rest of the
// source was skipped. A problem in a file that did hold records is never
// such a verdict. When it is the source's first problem, the source held
// nothing but what it names; commands that walk directories use it to pass
// over stray files instead of failing on them.
func IsNotCloudTrailFile(d diag.Diagnostic) bool {
	return d.Code == CodeNotCloudTrail && strings.HasSuffix(d.Message, wholeFileSkipped)
}

// NotCloudTrailReason is d's message without the note that the file is
// skipped: what the source holds instead of CloudTrail records.
func NotCloudTrailReason(d diag.Diagnostic) string {
	return strings.TrimSuffix(d.Message, wholeFileSkipped)
}
