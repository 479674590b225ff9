package pattern

import "bytes"

// termsEval matches a term pattern. AWS's rules: every plain term must
// appear (as a case-sensitive substring, not a word), no -term may appear,
// and ?terms form an OR group only when every term is a ?term; mixed with
// any other term they are ignored.
type termsEval struct {
	include, exclude, any []termTest
}

type termTest struct {
	lit []byte
	v   *value // regex
}

func (t termTest) in(event []byte) bool {
	if t.v != nil {
		return t.v.re.Match(event)
	}
	return bytes.Contains(event, t.lit)
}

func newTermsEval(terms []*termSyntax) *termsEval {
	e := &termsEval{}
	allOptional := true
	for _, t := range terms {
		if !t.Optional() {
			allOptional = false
		}
	}
	for _, t := range terms {
		tt := termTest{lit: []byte(t.val.text)}
		if t.val.kind == RegexValue {
			tt.v = &t.val
		}
		switch {
		case t.Optional() && allOptional:
			e.any = append(e.any, tt)
		case t.Optional():
			// Ignored, as AWS ignores it (warning ignored-or-terms).
		case t.Exclude():
			e.exclude = append(e.exclude, tt)
		default:
			e.include = append(e.include, tt)
		}
	}
	return e
}

func (e *termsEval) match(event []byte) bool {
	if len(e.any) > 0 {
		for _, t := range e.any {
			if t.in(event) {
				return true
			}
		}
		return false
	}
	for _, t := range e.include {
		if !t.in(event) {
			return false
		}
	}
	for _, t := range e.exclude {
		if t.in(event) {
			return false
		}
	}
	return true
}
