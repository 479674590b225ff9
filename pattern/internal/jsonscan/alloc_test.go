package jsonscan

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cisPaths are the selector paths of the CIS monitoring patterns.
var cisPaths = []string{
	"$.errorCode", "$.sourceIPAddress", "$.eventName", "$.eventSource", "$.eventType",
	"$.errorMessage", "$.additionalEventData.MFAUsed", "$.userIdentity.type",
	"$.userIdentity.invokedBy", "$.responseElements.ConsoleLogin",
}

func cisTrie(tb testing.TB) *Trie {
	paths := make([]Path, len(cisPaths))
	for i, s := range cisPaths {
		paths[i] = mustPath(tb, s)
	}
	trie, err := NewTrie(paths)
	require.NoError(tb, err)
	return trie
}

// counter is a Visitor that only counts, like a matcher that decodes nothing.
type counter struct{ n int }

func (c *counter) Visit(int, Value) bool { c.n++; return true }

func TestScanAllocatesNothing(t *testing.T) {
	records := loadRecords(t)
	trie := cisTrie(t)
	c := &counter{}
	allocs := testing.AllocsPerRun(3, func() {
		for _, rec := range records {
			if trie.Scan(rec, c) != Valid {
				t.Fatal("a real record is invalid")
			}
		}
	})
	assert.Zero(t, allocs)
	assert.Greater(t, c.n, len(records)*3*3, "the CIS paths are found in real records")
	escaped := []byte(`{"\u0065ventName":"x\u0041","d":[[[{"a":1}]]]}`)
	assert.Zero(t, testing.AllocsPerRun(10, func() { trie.Scan(escaped, c) }))
}

func BenchmarkScanCISPaths(b *testing.B) {
	records := loadRecords(b)
	trie := cisTrie(b)
	var size int64
	for _, r := range records {
		size += int64(len(r))
	}
	c := &counter{}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, rec := range records {
			trie.Scan(rec, c)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(records)), "ns/record")
}

func BenchmarkValidate(b *testing.B) {
	records := loadRecords(b)
	var size int64
	for _, r := range records {
		size += int64(len(r))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, rec := range records {
			Validate(rec)
		}
	}
}
