package ruletest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseAt reads an event time: an offset from the test's start ("90s",
// "5m", "1h30m") or a repetition "start+stepxN", which is N+1 events: start,
// start+step, ... start+N*step (as promtool's "0+1x10"). "0s+30sx9" is ten
// events thirty seconds apart.
func ParseAt(s string) ([]time.Duration, error) {
	s = strings.TrimSpace(s)
	first, rest, repeat := strings.Cut(s, "+")
	start, err := parseOffset(first)
	if err != nil {
		return nil, err
	}
	if !repeat {
		return []time.Duration{start}, nil
	}
	stepText, countText, ok := strings.Cut(rest, "x")
	if !ok {
		return nil, fmt.Errorf("%q: a repetition is start+stepxN, like 0s+30sx9 (ten events 30 s apart)", s)
	}
	step, err := parseOffset(stepText)
	if err != nil {
		return nil, err
	}
	if step <= 0 {
		return nil, fmt.Errorf("%q: the step must be positive", s)
	}
	n, err := strconv.Atoi(countText)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("%q: the count after x must be a whole number (how many more events)", s)
	}
	if n > 100000 {
		return nil, fmt.Errorf("%q: at most 100000 repetitions", s)
	}
	out := make([]time.Duration, n+1)
	for i := range out {
		out[i] = start + time.Duration(i)*step
	}
	return out, nil
}

func parseOffset(s string) (time.Duration, error) {
	if s == "0" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration (write 0s, 90s, 5m, 1h30m)", s)
	}
	if d < 0 {
		return 0, fmt.Errorf("%q: times are offsets after the start and cannot be negative", s)
	}
	return d, nil
}

// FormatOffset prints an offset the way test files write it: 5m, 1h30m,
// 90s (not Go's 5m0s).
func FormatOffset(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
