package pattern

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/cwpat/cwpat/pattern/internal/testrecords"

	"github.com/stretchr/testify/require"
)

// loadCloudTrail returns every real CloudTrail record of
// testdata/cloudtrail (see NOTICE.md there), one event each.
func loadCloudTrail(tb testing.TB) [][]byte {
	tb.Helper()
	return testrecords.Load(tb, "testdata/cloudtrail")
}

// variants returns forms of a real record that must answer like it does, or
// that stress the readers: pretty-printed, every string written with \u
// escapes for its first letter, truncated, and with a trailing object.
func variants(rec []byte) [][]byte {
	var pretty bytes.Buffer
	_ = json.Indent(&pretty, rec, "", "  ")
	return [][]byte{
		pretty.Bytes(),
		escapeFirstLetters(rec),
		rec[:len(rec)/2],
		append(bytes.Clone(rec), `{}`...),
	}
}

// escapeFirstLetters rewrites the first character of every string value
// as a \u escape: "ConsoleLogin" becomes "\u0043onsoleLogin".
func escapeFirstLetters(rec []byte) []byte {
	var out []byte
	for i := 0; i < len(rec); i++ {
		out = append(out, rec[i])
		if rec[i] == ':' && i+2 < len(rec) && rec[i+1] == '"' && rec[i+2] >= 'A' && rec[i+2] <= 'z' && rec[i+2] != '\\' {
			out = append(out, '"')
			out = append(out, []byte(`\u00`)...)
			out = append(out, "0123456789abcdef"[rec[i+2]>>4], "0123456789abcdef"[rec[i+2]&15])
			i += 2
		}
	}
	return out
}

// allJSONPatterns is every CIS pattern and every extra pattern.
func allJSONPatterns() []string {
	var out []string
	for _, c := range cisPatterns {
		out = append(out, c.src)
	}
	return append(out, extraJSONPatterns...)
}

// TestFastEqualsReference runs every pattern over every real record (and its
// variants) through the fast path, the reference and a Set of all of them,
// and requires the three answers to agree record by record.
func TestFastEqualsReference(t *testing.T) {
	records := loadCloudTrail(t)
	srcs := allJSONPatterns()
	type pair struct {
		src       string
		fast, ref evaluator
	}
	var ps []pair
	for _, src := range srcs {
		p, err := Parse(src)
		require.NoError(t, err, src)
		fast := compileFastJSON(p)
		require.NotNil(t, fast, src)
		ps = append(ps, pair{src, fast, compileReference(p)})
	}
	set, err := CompileSet(srcs)
	require.NoError(t, err)
	matched := make([]bool, set.Len())
	hits := make([]int, len(ps))
	check := func(ev []byte, what string, n int) {
		set.Match(ev, matched)
		for i, p := range ps {
			want := p.ref.match(ev)
			if got := p.fast.match(ev); got != want {
				t.Fatalf("%s %d: fast=%v reference=%v\npattern %s\nevent %s", what, n, got, want, p.src, ev)
			}
			if matched[i] != want {
				t.Fatalf("%s %d: set=%v reference=%v\npattern %s\nevent %s", what, n, matched[i], want, p.src, ev)
			}
			if want && what == "record" {
				hits[i]++
			}
		}
	}
	for n, rec := range records {
		check(rec, "record", n)
		for _, v := range variants(rec) {
			check(v, "variant of record", n)
		}
	}
	// The comparison means something only if the patterns do match some
	// records; the spec's NOTICE counts (v4/v5 texts) are the check.
	byName := map[string]int{}
	for i, c := range cisPatterns {
		byName[c.name] = hits[i]
	}
	require.Equal(t, 60+208, byName["1-unauthorized-v2-v5"])
	require.Equal(t, 1, byName["2-no-mfa"])
	require.Equal(t, 0, byName["3-root"])
	require.Equal(t, 26+12, byName["4-iam"])
	require.Equal(t, 13+3, byName["5-cloudtrail"])
	require.Equal(t, 6+3, byName["8-s3-policy"])
	require.Equal(t, 0+2, byName["9-config"])
	require.Equal(t, 8+3, byName["10-security-groups-v5"])
	require.Equal(t, 0+3, byName["11-nacl"])
	require.Equal(t, 15+0, byName["12-gateways"])
	require.Equal(t, 40+2, byName["13-route-tables"])
	require.Equal(t, 16+0, byName["14-vpc"])
	require.Equal(t, 1+1, byName["15-organizations"])
}
