package remote

import (
	"context"
	"fmt"
	"time"
)

// waitFor polls a query that runs elsewhere (Athena, Logs Insights) until it
// finishes: check is called every poll (default 1s) and says whether the
// query is done, its state, or why it failed. When ctx ends or timeout (if
// positive) passes first, waitFor stops the query so that it does not keep
// scanning (and billing) and says so; what names the query in the error
// ("athena query ID").
func waitFor(ctx context.Context, what string, poll, timeout time.Duration, stop func(context.Context),
	check func() (done bool, state string, err error)) error {
	if poll <= 0 {
		poll = time.Second
	}
	var deadline <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		deadline = t.C
	}
	for {
		done, state, err := check()
		if err != nil || done {
			return err
		}
		select {
		case <-ctx.Done():
			stopQuery(stop)
			return fmt.Errorf("%s: %w", what, ctx.Err())
		case <-deadline:
			stopQuery(stop)
			return fmt.Errorf("%s still %s after %s: stopped", what, state, timeout)
		case <-time.After(poll):
		}
	}
}

// stopQuery cancels a query cwpat gave up on, with a context of its own:
// the caller's may be done already.
func stopQuery(stop func(context.Context)) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	stop(ctx)
}
