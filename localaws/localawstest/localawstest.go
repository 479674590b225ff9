// Package localawstest starts cwpat's local AWS endpoint for tests. It lives
// apart from localaws so that the shipped binary, which imports localaws for
// `cwpat serve`, does not link the testing package.
package localawstest

import (
	"testing"

	"github.com/cwpat/cwpat/localaws"
)

// Start starts a localaws.Endpoint on 127.0.0.1 for the duration of a test
// and closes it when the test ends:
//
//	srv := localawstest.Start(t) // srv.URL, srv.Config(), srv.FailNext(...)
func Start(t testing.TB, opts ...localaws.Options) *localaws.Endpoint {
	t.Helper()
	var o localaws.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	e, err := localaws.Listen("127.0.0.1:0", o)
	if err != nil {
		t.Fatalf("localaws: %v", err)
	}
	t.Cleanup(func() {
		if err := e.Close(); err != nil {
			t.Errorf("localaws: close: %v", err)
		}
	})
	return e
}
