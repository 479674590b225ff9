package lint

import (
	"fmt"
	"sync"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
	"github.com/cwpat/cwpat/rules"
)

// The matches-almost-everything check: a CloudTrail filter that matches
// nearly every sample record would page someone for every API call. The
// classic case is CIS v1.3-v1.5's unauthorized-API-calls pattern, whose
// `|| ($.eventName != "HeadBucket")` makes it true for almost any event.
// The samples are cwpat's built-in example library: real CloudTrail records
// chosen for their variety.

// broadShare is the share of sample records above which a pattern is
// reported: a security alarm meant for a rare event matches few of them.
const broadShare = 0.9

// minSamples guards against judging from a library too small to mean much.
const minSamples = 50

var samples = sync.OnceValue(func() [][]byte {
	lib, err := rules.BuiltinExamples()
	if err != nil {
		return nil
	}
	var out [][]byte
	for _, name := range lib.Names() {
		if e, ok := lib.Get(name); ok && len(e.Message) > 0 {
			out = append(out, e.Message)
		}
	}
	return out
})

// checkBroad reports a CloudTrail pattern that matches nearly every sample.
func checkBroad(f *file, fd *found, m *pattern.Matcher) diag.List {
	events := samples()
	if len(events) < minSamples {
		return nil
	}
	n := 0
	for _, e := range events {
		if m.Match(e) {
			n++
		}
	}
	if float64(n) < broadShare*float64(len(events)) {
		return nil
	}
	d := newDiag(CodeMatchesAlmostEverything,
		fmt.Sprintf("the pattern of %s matches %d of %d sample CloudTrail records (%.0f%%): an alarm on it fires for nearly every API call", fd.resource, n, len(events), 100*float64(n)/float64(len(events))),
		"check how || and && combine: ($.a = x) || ($.b != y) is true for almost any event; && binds tighter than ||, so group with parentheses")
	return diag.List{f.at(d, fd.pattern.fileOffset(0))}
}
