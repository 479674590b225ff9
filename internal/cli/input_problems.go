package cli

import (
	"fmt"
	"sync"

	"github.com/cwpat/cwpat/diag"
)

// inputProblems prints input diagnostics on stderr as they come and
// remembers whether any was an error.
type inputProblems struct {
	app    *App
	mu     sync.Mutex
	errors int
}

func (p *inputProblems) report(d diag.Diagnostic) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if d.Severity == diag.Error {
		p.errors++
	}
	_ = diag.WriteText(p.app.Stderr, diag.List{d}, diag.TextOptions{Color: p.app.Color(p.app.StderrIsTerminal)})
}

// exit is the error a command returns after reading: exit 2 when the input
// had errors, so scripts notice that results may be incomplete.
func (p *inputProblems) exit() error {
	if p.errors == 0 {
		return nil
	}
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf("%s in the input; the results above are from the records that could be read", plural(p.errors, "error"))}
}
