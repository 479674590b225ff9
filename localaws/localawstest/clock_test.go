package localawstest

import (
	"sync"
	"testing"
	"time"
)

// The endpoint's goroutines read the clock while the test moves it (run
// under -race).
func TestClockMovesOnlyWhenTold(t *testing.T) {
	start := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	clk := NewClock(start)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				if now := clk.Now(); now.Before(start) || now.After(start.Add(10*time.Minute)) {
					t.Errorf("clock read %v outside what the test set", now)
				}
			}
		}()
	}
	for range 10 {
		clk.Add(time.Minute)
	}
	wg.Wait()
	if got, want := clk.Now(), start.Add(10*time.Minute); !got.Equal(want) {
		t.Fatalf("clock reads %v, want %v", got, want)
	}
}
