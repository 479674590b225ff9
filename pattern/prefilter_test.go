package pattern

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// passRate is the share of records the prefilter of srcs lets through, and
// it checks on the way that every record a rule matches is let through.
func passRate(t *testing.T, records [][]byte, srcs ...string) float64 {
	t.Helper()
	var pats []*Pattern
	for _, s := range srcs {
		pats = append(pats, mustParse(t, s))
	}
	prog, err := newFastProgram(pats)
	require.NoError(t, err)
	require.NotNil(t, prog.pre, "no prefilter for %q", srcs)
	found := make([]uint64, prog.pre.words)
	pass := 0
	for _, rec := range records {
		ok := prog.pre.mayMatch(rec, found)
		if ok {
			pass++
			continue
		}
		for _, p := range pats {
			require.False(t, compileReference(p).match(rec), "prefilter rejected a matching record\n%s\n%s", p.src, rec)
		}
	}
	return float64(pass) / float64(len(records))
}

func TestPrefilterPassRate(t *testing.T) {
	records := loadCloudTrail(t)
	set := passRate(t, records, cisSet()...)
	t.Logf("CIS v5 set: %.1f%% of records pass", 100*set)
	// The set's rules match 12% of the records (NOTICE.md); the
	// prefilter must let those through and should stop most others.
	assert.Less(t, set, 0.25)
	for _, c := range cisPatterns {
		if !c.set {
			continue
		}
		r := passRate(t, records, c.src)
		t.Logf("%-24s %.1f%%", c.name, 100*r)
		assert.Less(t, r, 0.2, c.name)
	}
}

func TestRuleRequirement(t *testing.T) {
	tests := []struct {
		src  string
		want string // clauses joined by " & ", literals by "|"; "" for none
	}{
		{`{ $.a = "xyz" }`, "xyz"},
		{`{ $.a = xy }`, ""},
		{`{ $.a != "xyz" }`, ""},
		{`{ $.a = 1000 }`, ""},
		{`{ $.a = %xyz% }`, ""},
		{`{ $.a = "*abc*defgh" }`, "defgh"},
		{`{ $.a = "a/b/c" }`, ""},
		{`{ $.a = "say \"hi\"" }`, ""},
		{`{ $.a = "two words" }`, "two words"},
		{`{ $.a = "xyz" || $.b = "uvw" }`, "xyz|uvw"},
		{`{ $.a = "xyz" || $.b != "uvw" }`, ""},
		{`{ $.a = "xyz" && $.b != "uvw" }`, "xyz"},
		{`{ $.a = "Root" && $.b NOT EXISTS }`, "Root"},
		{`{ $.a = "s3.amazonaws.com" && ($.b = "PutA" || $.b = "PutB") }`, "PutA|PutB"},
		{`{ $.a = "ConsoleLogin" && $.b = "IAMUser" }`, "ConsoleLogin"},
		{`{ ($.e = "*UnauthorizedOperation") || ($.e = "AccessDenied*") && ($.s != "x") }`, "UnauthorizedOperation|AccessDenied"},
		{`{ $.a = "xyz" || $.a = "xyz" }`, "xyz"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			prog, err := newFastProgram([]*Pattern{mustParse(t, tt.src)})
			require.NoError(t, err)
			var parts []string
			for _, c := range ruleRequirement(prog.rules[0], prog.conds) {
				parts = append(parts, strings.Join(c, "|"))
			}
			assert.Equal(t, tt.want, strings.Join(parts, " & "))
			assert.Equal(t, tt.want == "", prog.pre == nil)
		})
	}
}

func TestHasUnicodeEscape(t *testing.T) {
	for in, want := range map[string]bool{
		`{"a":"b"}`:         false,
		`{"a":"\u0041"}`:    true,
		`{"a":"\\u0041"}`:   false,
		`{"a":"\\\u0041"}`:  true,
		`{"a":"\n\t\"\/"}`:  false,
		`\`:                 false,
		`\u`:                true,
		`{"a":"x\\"}\u`:     true,
		`{"a":"\\\\u0041"}`: false,
	} {
		assert.Equal(t, want, hasUnicodeEscape([]byte(in)), in)
	}
}

func TestPrefilterFindsLiteralsAnywhere(t *testing.T) {
	// Literals of every length around the stride, at every offset of an
	// event, must be found: sampling may not miss one.
	lits := []string{"Abcdefgh", "Bcdefghij", "Cdefghijklmnopq", "Root"}
	var srcs []string
	for _, l := range lits {
		srcs = append(srcs, `{ $.v = "`+l+`" }`)
	}
	var pats []*Pattern
	for _, s := range srcs {
		pats = append(pats, mustParse(t, s))
	}
	prog, err := newFastProgram(pats)
	require.NoError(t, err)
	found := make([]uint64, prog.pre.words)
	for _, l := range lits {
		for pad := 0; pad < 24; pad++ {
			for tail := 0; tail < 3; tail++ {
				ev := []byte(`{"v":"` + strings.Repeat("x", pad) + l + strings.Repeat("y", tail) + `"}`)
				assert.True(t, prog.pre.mayMatch(ev, found), "%s", ev)
				ev = []byte(strings.Repeat("z", pad) + l[:len(l)-1] + "!" + strings.Repeat("y", tail))
				assert.False(t, prog.pre.mayMatch(ev, found), "%s", ev)
			}
		}
	}
}
