package jsonscan

import (
	"strconv"
	"strings"
)

// StepKind says what one step of a selector path selects.
type StepKind uint8

// The kinds of step a selector path is made of.
const (
	Key      StepKind = iota // one object member, by name ($.name, $.['a.b'])
	Index                    // one array element, by zero-based position ($.a[0])
	AnyKey                   // every member of an object ($.*)
	AnyIndex                 // every element of an array
	Any                      // every member of an object or element of an array
)

// Step is one step of a selector path.
type Step struct {
	Kind  StepKind
	Name  string // the member name, for Key
	Index int    // the element position, for Index
}

// Path is a selector path from the top-level object, e.g. $.a.b[0] is
// {Key a, Key b, Index 0}. The empty path selects the top-level object.
// Path.String writes Any as .*, so it does not round-trip through a parser
// that reads .* as AnyKey.
type Path []Step

// String renders the path in filter-pattern selector syntax, for messages and
// test names.
func (p Path) String() string {
	var b strings.Builder
	b.WriteByte('$')
	for _, s := range p {
		switch s.Kind {
		case Key:
			if isPlainName(s.Name) {
				b.WriteByte('.')
				b.WriteString(s.Name)
			} else {
				b.WriteString(".['")
				b.WriteString(s.Name)
				b.WriteString("']")
			}
		case Index:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.Index))
			b.WriteByte(']')
		case AnyKey, Any:
			b.WriteString(".*")
		case AnyIndex:
			b.WriteString("[*]")
		}
	}
	return b.String()
}

// isPlainName reports whether name can be written after a dot in a selector.
func isPlainName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}
