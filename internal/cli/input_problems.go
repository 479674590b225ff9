package cli

import (
	"fmt"
	"io"
	"iter"
	"os"
	"strings"
	"sync"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/trail"
)

// inputProblems prints input diagnostics on stderr as they come and
// remembers whether any was an error.
//
// A file found by walking a directory that is not CloudTrail at all (a
// README, a YAML file, JSON of another kind) is not an error: it is counted,
// named on stderr with -v, and summed up in one line at the end, as 'cwpat
// test DIR' passes over YAML files that are not tests. A file named on the
// command line, or stdin, that is not CloudTrail stays an error.
type inputProblems struct {
	app     *App
	verbose bool            // name each file a directory walk skipped
	named   map[string]bool // paths named on the command line: every other source was found by walking a directory
	mu      sync.Mutex
	// reported holds the walked files a problem was reported for: a
	// not-CloudTrail verdict after other problems (JSON with comments) is
	// not a stray file but a broken one, and stays an error.
	reported map[string]bool
	errors   int
	// notCloudTrail counts walked files skipped as not CloudTrail.
	notCloudTrail int
}

// expand turns command-line paths into sources as trail.Walk does, one by
// one as they are read (a tree of any number of files is never listed),
// remembering which paths were named: a file on the command line, stdin.
func (p *inputProblems) expand(args []string, stdin io.Reader) iter.Seq[trail.Source] {
	p.named, p.reported = map[string]bool{}, map[string]bool{}
	for _, a := range args {
		if info, err := os.Stat(a); a == "-" || err != nil || !info.IsDir() {
			p.named[a] = true // named on the command line: not CloudTrail is an error
		}
	}
	return trail.Walk(args, stdin, p.report)
}

func (p *inputProblems) report(d diag.Diagnostic) {
	p.mu.Lock()
	defer p.mu.Unlock()
	file := d.Pos.File
	walked := p.named != nil && !p.named[file]
	first := walked && !p.reported[file]
	if walked {
		p.reported[file] = true
	}
	if first && trail.IsNotCloudTrailFile(d) {
		p.notCloudTrail++
		if p.verbose {
			fmt.Fprintf(p.app.Stderr, "cwpat: skipped %s: %s\n", d.Pos.File, trail.NotCloudTrailReason(d))
		}
		return
	}
	if d.Severity == diag.Error {
		p.errors++
	}
	_ = diag.WriteText(p.app.Stderr, diag.List{d}, diag.TextOptions{Color: p.app.Color(p.app.StderrIsTerminal)})
}

// summary prints one line on stderr counting the files passed over: walked
// files that are not CloudTrail and CloudTrail digest files (which hold
// hashes, not records). It prints nothing when none were.
func (p *inputProblems) summary(digests int) {
	var parts []string
	if n := p.notCloudTrail; n > 0 {
		part, names := fmt.Sprintf("%d files found in directories that are not CloudTrail", n), " (-v names them)"
		if n == 1 {
			part, names = "1 file found in a directory that is not CloudTrail", " (-v names it)"
		}
		if !p.verbose {
			part += names
		}
		parts = append(parts, part)
	}
	if digests > 0 {
		parts = append(parts, plural(digests, "CloudTrail digest file"))
	}
	if len(parts) > 0 {
		fmt.Fprintf(p.app.Stderr, "cwpat: skipped %s\n", strings.Join(parts, " and "))
	}
}

// exit is the error a command returns after reading: exit 2 when the input
// had errors, so scripts notice that results may be incomplete.
func (p *inputProblems) exit() error {
	if p.errors == 0 {
		return nil
	}
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf("%s in the input; the results above are from the records that could be read", plural(p.errors, "error"))}
}
