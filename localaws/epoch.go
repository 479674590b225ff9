package localaws

import (
	"strconv"
	"time"
)

// epochTime is a timestamp as AWS JSON 1.1 writes it: epoch seconds, with
// milliseconds as a fraction.
type epochTime time.Time

// MarshalJSON writes epoch seconds.
func (t epochTime) MarshalJSON() ([]byte, error) {
	ms := time.Time(t).UnixMilli()
	return []byte(strconv.FormatFloat(float64(ms)/1e3, 'f', -1, 64)), nil
}

func epochPtr(t time.Time) *epochTime {
	e := epochTime(t)
	return &e
}
