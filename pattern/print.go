package pattern

import (
	"strings"

	"github.com/cwpat/cwpat/awslimits"
)

// Canonical form, what `cwpat fmt` writes. It normalises spacing only and
// keeps everything the user chose that AWS or a compliance check could care
// about: quoting, parentheses, selector spelling and the order of terms,
// conditions and fields.
//
//	match-all        (empty string)
//	terms            ERROR -DEBUG ?"quoted phrase" %regex%      one space between terms
//	JSON             { ($.a = "x") && ($.b != 1) || $.c IS NULL }
//	                 one space inside the braces, around && || and operators,
//	                 none inside ( ); multi-line patterns become one line
//	space-delimited  [ip, user, ..., status_code = 4* || status_code = 5*, ]
//	                 ", " between fields, spaces around operators
//
// Parse(p.String()) yields the same syntax tree as p, and String is
// idempotent; both are tested on every conformance pattern and fuzzed.

// Format returns what `cwpat fmt` writes: the canonical form when AWS
// accepts it, else the pattern exactly as given. The canonical form adds
// spaces, so a pattern within AWS's length limit can have a canonical form
// beyond it (a 1,008-character pattern can become 1,176); fmt must never
// turn a pattern AWS accepts into one it refuses (issue 13). Parse(p.Format())
// yields the same syntax tree as p.
func (p *Pattern) Format() string {
	if s := p.String(); awslimits.Length(s) <= awslimits.FilterPatternMaxLength {
		return s
	}
	return p.src
}

// String returns the canonical form of the pattern. It may be longer than
// AWS allows; see Format.
func (p *Pattern) String() string {
	var b strings.Builder
	switch {
	case p.json != nil:
		b.WriteString("{ ")
		writeOr(&b, p.json.Expr)
		b.WriteString(" }")
	case p.delimited != nil:
		b.WriteByte('[')
		for i, f := range p.delimited.Fields {
			if i > 0 {
				b.WriteString(", ")
			}
			switch {
			case f == nil:
			case f.Ellipsis:
				b.WriteString("...")
			default:
				writeOr(&b, f.Expr)
			}
		}
		b.WriteByte(']')
	default:
		for i, t := range p.terms {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(t.Prefix)
			b.WriteString(t.Raw)
		}
	}
	return b.String()
}

func writeOr(b *strings.Builder, e *orSyntax) {
	for i, a := range e.And {
		if i > 0 {
			b.WriteString(" || ")
		}
		for j, f := range a.Factors {
			if j > 0 {
				b.WriteString(" && ")
			}
			if f.Group != nil {
				b.WriteByte('(')
				writeOr(b, f.Group)
				b.WriteByte(')')
			} else {
				b.WriteString(f.Cond.String())
			}
		}
	}
}

// String renders one condition canonically.
func (c *condSyntax) String() string {
	switch {
	case c.Is:
		s := c.Subject + " IS"
		if c.IsNot {
			s += " NOT"
		}
		if c.IsWord != "" {
			s += " " + c.IsWord
		}
		return s
	case c.NotExists:
		return c.Subject + " NOT EXISTS"
	case c.Exists:
		return c.Subject + " EXISTS"
	case c.RawOp != "":
		s := c.Subject + " " + c.RawOp
		if c.Value != nil {
			s += " " + c.Value.Raw
		}
		return s
	}
	return c.Subject
}
