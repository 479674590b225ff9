package pattern

import "unsafe"

// Matcher is a compiled filter pattern. All parsing, checking and selector
// resolution happen in Compile; Match only reads the event. A Matcher is
// immutable and safe for concurrent use by any number of goroutines.
type Matcher struct {
	p    *Pattern
	eval evaluator
	ref  evaluator // the reference evaluator, for Extract and metric values
}

// evaluator answers one pattern for one event. Implementations are immutable.
type evaluator interface {
	match(event []byte) bool
}

// compileFast, when set (by the fast-path files of this package, in an
// init function), returns a faster evaluator for p, or nil when it has none
// for this pattern. Its answers must equal compileReference's, record by
// record; the differential tests and FuzzMatch hold it to that.
var compileFast func(p *Pattern) evaluator

// compileReference builds the straightforward evaluator: gjson for JSON
// patterns, a field splitter for space-delimited ones, bytes.Contains and
// regexp for terms. It is the definition of correct.
func compileReference(p *Pattern) evaluator {
	switch p.kind {
	case JSON:
		return newJSONEval(p.json)
	case SpaceDelimited:
		return newDelimEval(p.delimited)
	case Terms:
		return newTermsEval(p.terms)
	}
	return matchAll{}
}

// Compile parses, checks and compiles a pattern. The error is Parse's.
func Compile(src string) (*Matcher, error) {
	p, err := Parse(src)
	if err != nil {
		return nil, err
	}
	return p.Compile(), nil
}

// Compile compiles a parsed pattern.
func (p *Pattern) Compile() *Matcher {
	ref := compileReference(p)
	m := &Matcher{p: p, eval: ref, ref: ref}
	if compileFast != nil {
		if fast := compileFast(p); fast != nil {
			m.eval = fast
		}
	}
	return m
}

// MustCompile is Compile for patterns known to be valid, such as constants
// in tests and built-in rule sets; it panics otherwise.
func MustCompile(src string) *Matcher {
	m, err := Compile(src)
	if err != nil {
		panic(err)
	}
	return m
}

// Match reports whether the log event message matches, as AWS decides for a
// metric filter, subscription filter or FilterLogEvents.
func (m *Matcher) Match(event []byte) bool { return m.eval.match(event) }

// MatchString is Match for a string; it does not copy the string.
func (m *Matcher) MatchString(event string) bool {
	return m.eval.match(unsafe.Slice(unsafe.StringData(event), len(event)))
}

// Pattern returns the parsed pattern.
func (m *Matcher) Pattern() *Pattern { return m.p }

// Extract matches event and returns the extractedValues TestMetricFilter
// reports for it: every field of a space-delimited pattern, named ones as
// $name and the others as $N (1-based position in the event); an empty map
// for other kinds of pattern. ok is false when event does not match.
func (m *Matcher) Extract(event []byte) (values map[string]string, ok bool) {
	if d, isDelim := m.ref.(*delimEval); isDelim {
		return d.extract(event)
	}
	if !m.eval.match(event) {
		return nil, false
	}
	return map[string]string{}, true
}

// matchAll is the evaluator of an empty or blank pattern.
type matchAll struct{}

func (matchAll) match([]byte) bool { return true }

// bytesString views b as a string without copying; the string must not
// outlive b's contents, which Match never lets it.
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
