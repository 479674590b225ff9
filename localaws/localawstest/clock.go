package localawstest

import (
	"sync"
	"time"
)

// Clock is a clock for localaws.Options.Now that the test moves by hand, so
// that periods, alarm evaluations and trail deliveries happen when the test
// says. The endpoint's goroutines may read it while the test moves it.
//
//	clk := localawstest.NewClock(time.Date(2026, 12, 3, 10, 0, 30, 0, time.UTC))
//	srv := localawstest.Start(t, localaws.Options{Now: clk.Now})
//	clk.Add(time.Minute)
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock that reads t until it is moved.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Add moves the clock by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
