package pattern

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every answer recorded from AWS on wildcards (SEMANTICS.md, "Wildcards"),
// and the corners of the first-occurrence rule.
func TestGlobFirstOccurrence(t *testing.T) {
	cases := []struct {
		glob, s string
		want    bool
	}{
		{"111*111", "111.111.111.111", false}, // recorded: != matched
		{"*.111.111.111", "111.111.111.111", true},
		{"*111.111.111", "111.111.111.111", false}, // a backtracking glob says true
		{"1*3", "123", true},
		{"*", "", true},
		{"*", "anything", true},
		{"a*", "abc", true},
		{"a*", "bac", false},
		{"*c", "abc", true},
		{"*c", "acb", false},
		{"*c", "cac", false}, // c first occurs at 0 and does not end the value
		{"a*b", "ab", true},
		{"a*b", "aXbYb", false}, // b first occurs at 2
		{"ab*ab", "abab", true},
		{"ab*ab", "aba", false}, // the pieces may not overlap
		{"a**b", "ab", true},
		{"*b*", "abc", true},
		{"x", "x", true},
		{"x", "xx", false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, globMatch(c.glob, c.s), "%q on %q", c.glob, c.s)
		assert.Equal(t, c.want, firstOccurrence(c.glob, c.s), "oracle: %q on %q", c.glob, c.s)
	}
}

// firstOccurrence is the rule written a second way, as the fuzzer's oracle.
func firstOccurrence(glob, s string) bool {
	pieces := strings.Split(glob, "*")
	if len(pieces) == 1 {
		return glob == s
	}
	rest, ok := strings.CutPrefix(s, pieces[0])
	if !ok {
		return false
	}
	for _, p := range pieces[1 : len(pieces)-1] {
		_, after, found := strings.Cut(rest, p)
		if !found {
			return false
		}
		rest = after
	}
	last := pieces[len(pieces)-1]
	if last == "" {
		return true
	}
	_, after, found := strings.Cut(rest, last)
	return found && after == ""
}

// backtracking is the classic glob, which AWS's answers rule out; whatever
// the first-occurrence rule accepts, it accepts too.
func backtracking(glob, s string) bool {
	pieces := strings.Split(glob, "*")
	for i, p := range pieces {
		pieces[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile(`(?s)\A` + strings.Join(pieces, ".*") + `\z`).MatchString(s)
}

// FuzzGlob: globMatch is the first-occurrence rule, never accepts what a
// backtracking glob refuses, and a match has every piece in order.
func FuzzGlob(f *testing.F) {
	for _, seed := range [][2]string{{"111*111", "111.111.111.111"}, {"*111.111.111", "111.111.111.111"},
		{"a*b*c", "abcabc"}, {"**", ""}, {"*.html*", "GET /index.html HTTP/1.0"}} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, glob, s string) {
		got := globMatch(glob, s)
		if want := firstOccurrence(glob, s); got != want {
			t.Fatalf("globMatch(%q, %q) = %v, the first-occurrence rule says %v", glob, s, got, want)
		}
		if got && !backtracking(glob, s) {
			t.Fatalf("globMatch(%q, %q) accepts what a full glob refuses", glob, s)
		}
		if !got {
			return
		}
		pos := 0
		for _, p := range strings.Split(glob, "*") {
			i := strings.Index(s[pos:], p)
			if i < 0 {
				t.Fatalf("globMatch(%q, %q): piece %q not found in order", glob, s, p)
			}
			pos += i + len(p)
		}
	})
}
