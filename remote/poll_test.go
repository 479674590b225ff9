package remote

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// waitFor stops a query it gives up on (timeout or ctx) and names it; a
// query that finishes or fails is left alone.
func TestWaitFor(t *testing.T) {
	running := func() (bool, string, error) { return false, "RUNNING", nil }
	cases := []struct {
		name     string
		ctx      func() context.Context
		timeout  time.Duration
		check    func() (bool, string, error)
		wantErr  string
		wantStop bool
	}{{
		name: "timeout", ctx: context.Background, timeout: 20 * time.Millisecond, check: running,
		wantErr: "q1 still RUNNING after 20ms: stopped", wantStop: true,
	}, {
		name: "cancelled", check: running, wantErr: "q1: context canceled", wantStop: true,
		ctx: func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		},
	}, {
		name: "failed", ctx: context.Background, check: func() (bool, string, error) { return false, "", errors.New("q1 FAILED") },
		wantErr: "q1 FAILED",
	}, {
		name: "done", ctx: context.Background, check: func() (bool, string, error) { return true, "", nil },
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stopped := false
			err := waitFor(c.ctx(), "q1", time.Millisecond, c.timeout, func(ctx context.Context) {
				stopped = true
				assert.NoError(t, ctx.Err(), "stop gets a live context")
			}, c.check)
			if c.wantErr == "" {
				require.NoError(t, err)
			} else {
				require.EqualError(t, err, c.wantErr)
			}
			assert.Equal(t, c.wantStop, stopped)
		})
	}
}
