package pattern

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSetMixedKinds(t *testing.T) {
	srcs := []string{
		`{ $.eventName = "ConsoleLogin" }`,
		`ConsoleLogin -Failed`,
		`[version, account, ...]`,
		``,
		`{ $.eventName = ConsoleLogin || $.eventName = GetObject || $.eventName = PutObject || $.eventName = ListBuckets }`,
		`{ $.errorCode NOT EXISTS }`,
	}
	set, err := CompileSet(srcs)
	require.NoError(t, err)
	require.Equal(t, len(srcs), set.Len())
	tests := []struct {
		event string
		want  []bool
	}{
		{`{"eventName":"ConsoleLogin"}`, []bool{true, true, false, true, true, true}},
		{`{"eventName":"ConsoleLogin","errorCode":"Failed"}`, []bool{true, false, false, true, true, false}},
		{`{"eventName":"GetObject"} trailing`, []bool{false, false, true, true, false, false}},
		{`2 123456789012 eni-1 ok`, []bool{false, false, true, true, false, false}},
		{`{"eventName":"\u0043onsoleLogin"}`, []bool{true, false, false, true, true, true}},
	}
	matched := make([]bool, set.Len())
	for _, tt := range tests {
		// Start from all-true: Match must clear what does not match.
		for i := range matched {
			matched[i] = true
		}
		n := set.Match([]byte(tt.event), matched)
		assert.Equal(t, tt.want, matched, tt.event)
		count := 0
		for i, src := range srcs {
			ref := MustCompile(src).Match([]byte(tt.event))
			assert.Equal(t, ref, matched[i], "pattern %q on %s", src, tt.event)
			if matched[i] {
				count++
			}
		}
		assert.Equal(t, count, n)
	}
}

func TestSetErrorsByIndex(t *testing.T) {
	_, err := CompileSet([]string{`{ $.a = 1 }`, `{ $.a = `, `[a, ..., ...]`})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "pattern 1:")
	assert.Contains(t, err.Error(), "pattern 2:")
	assert.NotContains(t, err.Error(), "pattern 0:")
}
