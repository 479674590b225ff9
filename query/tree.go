package query

import "strings"

// conditions collects the conditions a translation holds under, each code
// once per selector.
type conditions []Condition

// need records that the translation of c holds only under the condition
// code (explained by text).
func (cs *conditions) need(c *cond, code, text string) {
	sel := selectorText(c.path)
	for _, have := range *cs {
		if have.Code == code && have.Selector == sel {
			return
		}
	}
	*cs = append(*cs, Condition{Code: code, Selector: sel, Text: text})
}

// joinTree translates a boolean tree: leaf translates each condition, and
// every inner node joins its parenthesised children with and or or (the
// target language's spelling, spaces included).
func joinTree(n *node, and, or string, leaf func(*cond) (string, error)) (string, error) {
	if n.cond != nil {
		return leaf(n.cond)
	}
	parts := make([]string, 0, len(n.kids))
	for _, k := range n.kids {
		s, err := joinTree(k, and, or, leaf)
		if err != nil {
			return "", err
		}
		parts = append(parts, "("+s+")")
	}
	sep := and
	if n.or {
		sep = or
	}
	return strings.Join(parts, sep), nil
}
