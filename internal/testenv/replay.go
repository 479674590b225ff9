package testenv

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"time"
)

// replayField matches the members ReplayRecords rewrites.
var replayField = regexp.MustCompile(`"(eventID|requestID|sharedEventID)":"[^"]*"|"eventTime":"[^"]*"`)

// ReplayRecords repeats recs (compact CloudTrail records) up to about size
// bytes of NDJSON, giving each copy fresh eventID, requestID and
// sharedEventID values, so gzip sees CloudTrail's entropy rather than
// repetition. With step > 0 the copies' eventTimes are start, start+step,
// ...; with step 0 they keep their own. The output is the same on every
// call (a fixed seed), so benchmarks and tests compare like with like.
func ReplayRecords(recs [][]byte, size int, start time.Time, step time.Duration) [][]byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var out [][]byte
	total := 0
	for i := 0; total < size; i++ {
		at := start.Add(time.Duration(i) * step)
		r := replayField.ReplaceAllFunc(recs[i%len(recs)], func(m []byte) []byte {
			if bytes.HasPrefix(m, []byte(`"eventTime"`)) {
				if step == 0 {
					return m
				}
				return []byte(`"eventTime":"` + at.Format(time.RFC3339) + `"`)
			}
			k := bytes.IndexByte(m, ':')
			var id [16]byte
			for j := range id {
				id[j] = "0123456789abcdef"[rng.IntN(16)]
			}
			return append(append(append([]byte{}, m[:k+2]...), id[:]...), '"')
		})
		out = append(out, r)
		total += len(r) + 1
	}
	return out
}
