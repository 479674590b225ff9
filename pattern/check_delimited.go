package pattern

import (
	"fmt"
	"strings"
)

// Space-delimited pattern checks: slots, names, one field per slot.

func (c *checker) checkDelimited(d *delimitedSyntax) {
	d.Fields = nil
	var cur *fieldSyntax
	have := false
	for _, part := range d.Parts {
		if part.Comma {
			d.Fields = append(d.Fields, cur)
			cur, have = nil, true
			continue
		}
		if cur != nil {
			c.errorf("missing-comma", part.Pos.Offset, 1, "", "separate fields with commas: [ip, user, timestamp]",
				"two fields without a comma between them")
		}
		cur, have = part.Field, true
	}
	if have {
		d.Fields = append(d.Fields, cur)
	}
	ellipses := 0
	seen := map[string]bool{}
	for _, f := range d.Fields {
		if f == nil {
			continue
		}
		if f.Ellipsis {
			ellipses++
			if ellipses == 2 {
				c.errorf("duplicate-ellipsis", f.Pos.Offset, 3, "Duplicate field '...'",
					"'...' may appear once; it stands for any number of fields", "duplicate field '...'")
			}
			continue
		}
		c.checkField(f)
		if f.name != "" {
			if seen[f.name] {
				c.errorf("duplicate-field", f.Pos.Offset, len(f.name), fmt.Sprintf("Duplicate field '%s'", f.name),
					"give every field its own name", "duplicate field '%s'", f.name)
			}
			seen[f.name] = true
		}
	}
}

func (c *checker) checkField(f *fieldSyntax) {
	var conds []*condSyntax
	walkConditions(f.Expr, func(cond *condSyntax) { conds = append(conds, cond) })
	f.name = conds[0].Subject
	if !validFieldName(f.name) {
		c.errorf("invalid-field-name", conds[0].Pos.Offset, len(f.name), "",
			"field names hold letters, digits, '_' and '-', and are not plain numbers ($1, $2, ... name unnamed fields)",
			"invalid field name %q", f.name)
	}
	compound := len(conds) > 1
	for _, cond := range conds {
		off := cond.Pos.Offset
		if cond.Subject != f.name {
			c.errorf("cross-field-condition", off, len(cond.Subject), "",
				fmt.Sprintf("a condition in the field %q may only test %q; move it to the slot of field %q", f.name, f.name, cond.Subject),
				"condition on field %q inside field %q", cond.Subject, f.name)
		}
		switch {
		case cond.Is || cond.NotExists || cond.Exists:
			c.errorf("json-only-operator", off, cond.EndPos.Offset-off, "",
				"IS and EXISTS belong to JSON patterns; a space-delimited field always exists",
				"IS / NOT EXISTS are not allowed in a space-delimited pattern")
		case cond.RawOp != "":
			c.checkComparison(cond, SpaceDelimited)
		case compound:
			c.errorf("incomplete-condition", off, len(cond.Subject), "",
				"each part of a compound condition compares the field: w1 != ERROR && w1 != WARN",
				"%s is not compared with anything", cond.Subject)
		default:
			cond.op = OpField
		}
	}
}

func validFieldName(name string) bool {
	if !isPlainName(name) {
		return false
	}
	return strings.TrimLeft(name, "0123456789") != ""
}
