package pattern

import (
	"fmt"
	"strings"

	"github.com/cwpat/cwpat/diag"
)

// Warning codes: patterns AWS accepts that do not do what they look like
// they do. Each is stable; docs/lint/<code>.md explains it.
//
//	ne-missing-field    `$.x != v` is false when $.x is missing, null, an array or an object,
//	                    and the pattern has no ($.x NOT EXISTS) alternative to catch that
//	ignored-or-terms    ?terms mixed with other terms: AWS silently ignores every ?term
//	unquoted-hyphen     an unquoted a-b is read as the two terms a and -b (exclude b)
//	unquoted-value      an unquoted JSON value that means something other than it looks:
//	                    true/false/null compared as text (use IS TRUE/IS FALSE/IS NULL),
//	                    a number with leading zeros or more than 15 digits compared as a
//	                    number (012 = 12; 123456789012345678 loses precision)
//	never-matches       a condition or the whole pattern can never be true: the same
//	                    selector or field required to equal two different values, to lie
//	                    in two disjoint numeric ranges, to be missing and compared, or
//	                    compared with < <= > >= to a non-number
//	wildcard-not-equal  $.list[*] != v holds when any element differs, not when none equals v
//	quoted-regex        "%...%" in double quotes is literal text, not a regex
//	regex-unescaped-dot a regex like %10.0.0.1% where '.' matches any character; write \.

// Warnings returns the pitfalls of an accepted pattern, in source order.
func (p *Pattern) Warnings() diag.List {
	w := &warner{src: p.src}
	switch {
	case p.terms != nil:
		w.terms(p.terms)
	case p.json != nil:
		w.json(p.json)
	case p.delimited != nil:
		w.delimited(p.delimited)
	}
	w.out.Sort()
	return w.out
}

type warner struct {
	src string
	out diag.List
}

func (w *warner) warn(code string, off, n int, hint, format string, args ...any) {
	w.out = append(w.out, finding(w.src, diag.Warning, code, off, n, fmt.Sprintf(format, args...), "", hint))
}

func (w *warner) terms(terms []*termSyntax) {
	other := 0
	for _, t := range terms {
		if !t.Optional() {
			other++
		}
	}
	for _, t := range terms {
		if t.Optional() && other > 0 {
			w.warn("ignored-or-terms", t.Pos.Offset, t.EndPos.Offset-t.Pos.Offset,
				"AWS ignores ?terms when the pattern has other terms; use only ?terms, or one metric filter per alternative",
				"?%s is ignored because the pattern also has terms without '?'", t.Raw)
		}
	}
	// unquoted-hyphen: one warning per run of terms written without spaces
	// (ORDER-ITEM-1 is the three terms ORDER -ITEM -1).
	for i := 0; i < len(terms); {
		j := i + 1
		for j < len(terms) && terms[j].Pos.Offset == terms[j-1].EndPos.Offset {
			j++
		}
		run := terms[i:j]
		for k := 1; k < len(run); k++ {
			if run[k].Exclude() && !isQuotedTerm(run[k-1]) {
				parts := make([]string, len(run))
				for n, t := range run {
					parts[n] = t.Prefix + t.Raw
				}
				text := w.src[run[0].Pos.Offset:run[len(run)-1].EndPos.Offset]
				w.warn("unquoted-hyphen", run[k].Pos.Offset, 1, fmt.Sprintf("quote it to match the text: %s", quote(text)),
					"unquoted %s reads as the terms %s: '-' inside a word starts an exclusion", text, strings.Join(parts, " "))
				break
			}
		}
		i = j
	}
}

func isQuotedTerm(t *termSyntax) bool { return t.Raw != "" && t.Raw[0] == '"' }
