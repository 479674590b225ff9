//go:build !race

// The race detector makes sync.Pool drop pooled states on purpose, so the
// allocation counts only hold without it.

package pattern

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSetMatchAllocatesNothing(t *testing.T) {
	records := loadCloudTrail(t)
	set, err := CompileSet(append(cisSet(), extraJSONPatterns...))
	require.NoError(t, err)
	matched := make([]bool, set.Len())
	total := 0
	allocs := testing.AllocsPerRun(2, func() {
		for _, rec := range records {
			total += set.Match(rec, matched)
		}
	})
	assert.Zero(t, allocs)
	assert.Positive(t, total)
	m := MustCompile(cisSet()[0])
	assert.Zero(t, testing.AllocsPerRun(2, func() {
		for _, rec := range records {
			m.Match(rec)
		}
	}))
}
