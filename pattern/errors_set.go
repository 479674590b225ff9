package pattern

import (
	"fmt"
	"strings"

	"github.com/cwpat/cwpat/diag"
)

// indexedError is the error of pattern Index of a set.
type indexedError struct {
	Index int
	Err   error
}

func (e indexedError) Error() string { return fmt.Sprintf("pattern %d: %v", e.Index, e.Err) }

func (e indexedError) Unwrap() error { return e.Err }

// setError is CompileSet's error: one entry per failing pattern.
type setError []indexedError

func (e setError) Error() string {
	parts := make([]string, len(e))
	for i, x := range e {
		parts[i] = x.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap exposes the first pattern's diag.List to errors.As and diag.As.
func (e setError) Unwrap() error {
	if len(e) == 0 {
		return nil
	}
	return e[0].Err
}

// SetErrors returns, for an error from CompileSet, the diagnostics of each
// failing pattern by index.
func SetErrors(err error) map[int]diag.List {
	se, ok := err.(setError)
	if !ok {
		return nil
	}
	out := map[int]diag.List{}
	for _, x := range se {
		if l, ok := diag.As(x.Err); ok {
			out[x.Index] = l
		}
	}
	return out
}
