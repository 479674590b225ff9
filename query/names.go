package query

import (
	"strconv"
	"strings"
)

// selectorText writes a path as a pattern selector, for messages.
func selectorText(path []step) string {
	var b strings.Builder
	b.WriteString("$")
	for _, s := range path {
		switch s.kind {
		case keyStep:
			b.WriteString("." + s.key)
		case indexStep:
			b.WriteString("[" + strconv.Itoa(s.index) + "]")
		default:
			b.WriteString("[*]")
		}
	}
	return b.String()
}

var opNames = [...]string{"=", "!=", "<", "<=", ">", ">=", "IS NULL", "IS TRUE", "IS FALSE", "NOT EXISTS"}

func opText(o op) string { return opNames[o] }
