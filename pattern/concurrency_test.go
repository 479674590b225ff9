package pattern

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestConcurrentMatch: one Matcher shared by many goroutines gives every
// goroutine the same answers (run under -race).
func TestConcurrentMatch(t *testing.T) {
	patterns := []string{
		`{ ($.eventName = "PutBucketPolicy") && ($.tags[*].k = b) }`,
		`[ip, ..., status = 4*, size > 10]`,
		`?%ERR[0-9]+% ?FATAL`,
	}
	events := []string{ctEvent, `127.0.0.1 - - [x] "GET /" 404 1534`, `code ERR42`, `nothing`}
	for _, src := range patterns {
		m := MustCompile(src)
		want := make([]bool, len(events))
		for i, e := range events {
			want[i] = m.MatchString(e)
		}
		var wg sync.WaitGroup
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n := 0; n < 200; n++ {
					for i, e := range events {
						if m.MatchString(e) != want[i] {
							assert.Fail(t, "answer changed under concurrency", "%s / %s", src, e)
							return
						}
						m.Extract([]byte(e))
					}
				}
			}()
		}
		wg.Wait()
	}
}
