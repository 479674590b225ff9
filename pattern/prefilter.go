package pattern

// prefilter is filled in by the literal prefilter; nil disables it.
type prefilter struct{}

func newPrefilter(*fastProgram) *prefilter { return nil }

func (*prefilter) mayMatch([]byte) bool { return true }
