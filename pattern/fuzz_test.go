package pattern

import (
	"strings"
	"testing"

	"github.com/cwpat/cwpat/awslimits"
)

// seedPatterns are the fuzzers' starting points: every conformance pattern
// is added too.
var seedPatterns = []string{
	``, `""`, `ERROR -DEBUG ?x "a b" %re%`, `{ $.a = 1 }`, `{ ($.a = "x*") && ($.b[*].c != %y%) || $.d IS NULL }`,
	`{ $.['a.b'] NOT EXISTS }`, `[ip, ..., status = 4* || status = 5*, size > 10]`, `[]`, `[a, , b]`,
	`{ $.a = 'x' }`, `{ $.a IS NOT NULL }`, `[a, ...,...]`, `“x”`,
}

var seedEvents = []string{
	``, `ERROR x`, `{"a":1,"b":[{"c":"y"}],"d":null,"a.b":true}`, `127.0.0.1 - - [x y] "GET /" 404 10`,
	`{"a":"x1"}`, `{`, `[1]`, "a\tb  c",
}

func addSeeds(f *testing.F, withEvents bool) {
	pats := append([]string(nil), seedPatterns...)
	for _, c := range loadConformance(f) {
		pats = append(pats, c.Pattern)
	}
	for _, p := range pats {
		if !withEvents {
			f.Add(p)
			continue
		}
		for _, e := range seedEvents {
			f.Add(p, e)
		}
	}
}

// FuzzParse: Parse never panics; every accepted pattern's canonical form
// parses back to the same syntax tree; Format (what fmt writes) is never
// longer than AWS accepts.
func FuzzParse(f *testing.F) {
	addSeeds(f, false)
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Parse(src)
		if err != nil {
			return
		}
		// The canonical form re-parses to the same tree wherever it is
		// within AWS's limit (it adds spaces, so it may not be: issue 13).
		if s := p.String(); awslimits.Length(s) <= awslimits.FilterPatternMaxLength {
			q, err := Parse(s)
			if err != nil {
				t.Fatalf("canonical form %q of %q does not parse: %v", s, src, err)
			}
			if dump(p) != dump(q) {
				t.Fatalf("canonical form %q of %q changes the tree:\n%s\n%s", s, src, dump(p), dump(q))
			}
			if q.String() != s {
				t.Fatalf("String not idempotent: %q then %q", s, q.String())
			}
		}
		// fmt never turns a pattern AWS accepts into one it refuses (issue 13).
		out := p.Format()
		if n := awslimits.Length(out); n > awslimits.FilterPatternMaxLength {
			t.Fatalf("Format of %q is %d UTF-16 code units long, more than AWS accepts", src, n)
		}
		if r, err := Parse(out); err != nil || dump(r) != dump(p) {
			t.Fatalf("Format %q of %q does not parse back to the same tree: %v", out, src, err)
		}
		_ = p.Warnings()
	})
}

// FuzzMatch: matching never panics, and the evaluator Compile chose (the
// fast path where it has one) agrees with the reference evaluator.
func FuzzMatch(f *testing.F) {
	addSeeds(f, true)
	f.Fuzz(func(t *testing.T, src, event string) {
		m, err := Compile(src)
		if err != nil {
			return
		}
		ref := compileReference(m.Pattern())
		got, want := m.MatchString(event), ref.match([]byte(event))
		if got != want {
			t.Fatalf("pattern %q event %q: Compile says %v, reference says %v", src, event, got, want)
		}
		vals, ok := m.Extract([]byte(event))
		if ok != want {
			t.Fatalf("Extract ok=%v but match=%v", ok, want)
		}
		if ok && m.Pattern().Kind() != SpaceDelimited && len(vals) != 0 {
			t.Fatalf("extractedValues for a %s pattern: %v", m.Pattern().Kind(), vals)
		}
		if strings.TrimSpace(src) == "" && !got {
			t.Fatalf("blank pattern did not match")
		}
	})
}
