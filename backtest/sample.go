package backtest

import (
	"embed"
	"strings"

	"github.com/cwpat/cwpat/trail"
)

// sampleFS holds real CloudTrail records (see sample/NOTICE.md for their
// origin and licenses), so `cwpat backtest` has something true to show
// before a user points it at an archive.
//
//go:embed sample
var sampleFS embed.FS

// SamplePrefix starts the name of every bundled sample source.
const SamplePrefix = "builtin:"

// Sample returns the bundled sample archive as sources: 3,214 real
// CloudTrail records from two public data sets.
func Sample() []trail.Source {
	srcs, err := trail.FSSources(sampleFS, "sample", SamplePrefix)
	if err != nil {
		panic("backtest: embedded sample unreadable: " + err.Error()) // a build defect, not an input error
	}
	out := srcs[:0]
	for _, s := range srcs {
		if strings.HasSuffix(s.Name, ".gz") {
			out = append(out, s)
		}
	}
	return out
}

// SampleNotice returns the attribution of the bundled sample records.
func SampleNotice() string {
	b, err := sampleFS.ReadFile("sample/NOTICE.md")
	if err != nil {
		panic("backtest: embedded sample notice missing: " + err.Error())
	}
	return string(b)
}
