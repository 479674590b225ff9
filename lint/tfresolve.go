package lint

import (
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Terraform modules often keep their patterns in locals, and create one
// filter per entry with for_each. References to values written out in the
// same file are exact, not guesses, so lint follows them: local.name,
// local.name.key, local.name["key"], and each.value / each.value.key inside
// a resource whose for_each is such a value. Positions then point at the
// pattern where it is written, in the locals block.

// tfEnv is what references resolve against.
type tfEnv struct {
	locals map[string]hclsyntax.Expression
	// each is the current for_each element's value (nil outside for_each).
	each hclsyntax.Expression
}

// fileLocals collects the locals blocks of a file body.
func fileLocals(body *hclsyntax.Body) map[string]hclsyntax.Expression {
	locals := map[string]hclsyntax.Expression{}
	for _, b := range body.Blocks {
		if b.Type != "locals" {
			continue
		}
		for name, a := range b.Body.Attributes {
			locals[name] = a.Expr
		}
	}
	return locals
}

// resolve follows a reference to the written-out expression it names; it
// returns e itself when e is not a reference lint can follow.
func (env *tfEnv) resolve(e hclsyntax.Expression, depth int) hclsyntax.Expression {
	if depth > 16 {
		return e
	}
	tr, ok := e.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(tr.Traversal) < 2 {
		return e
	}
	first, ok := tr.Traversal[1].(hcl.TraverseAttr)
	if !ok {
		return e
	}
	var base hclsyntax.Expression
	switch {
	case tr.Traversal.RootName() == "local":
		base = env.locals[first.Name]
	case tr.Traversal.RootName() == "each" && first.Name == "value":
		base = env.each
	}
	if base == nil {
		return e
	}
	base = env.resolve(base, depth+1)
	for _, step := range tr.Traversal[2:] {
		next := member(base, step)
		if next == nil {
			return e
		}
		base = env.resolve(next, depth+1)
	}
	return base
}

// member selects an attribute or index of an object or tuple expression.
func member(coll hclsyntax.Expression, step hcl.Traverser) hclsyntax.Expression {
	var key string
	var idx = -1
	switch s := step.(type) {
	case hcl.TraverseAttr:
		key = s.Name
	case hcl.TraverseIndex:
		switch {
		case s.Key.Type() == cty.String:
			key = s.Key.AsString()
		case s.Key.Type() == cty.Number:
			if i, acc := s.Key.AsBigFloat().Int64(); acc == 0 {
				idx = int(i)
			}
		}
	default:
		return nil
	}
	switch c := coll.(type) {
	case *hclsyntax.ObjectConsExpr:
		for _, it := range c.Items {
			if objectKey(it.KeyExpr) == key && key != "" {
				return it.ValueExpr
			}
		}
	case *hclsyntax.TupleConsExpr:
		if idx >= 0 && idx < len(c.Exprs) {
			return c.Exprs[idx]
		}
	}
	return nil
}

// objectKey is an object constructor key as a string: a bare name or a
// literal string ("" when computed).
func objectKey(e hclsyntax.Expression) string {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		if tr, ok := k.Wrapped.(*hclsyntax.ScopeTraversalExpr); ok && len(tr.Traversal) == 1 {
			return tr.Traversal.RootName()
		}
		e = k.Wrapped
	}
	v, diags := e.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() {
		return ""
	}
	switch v.Type() {
	case cty.String:
		return v.AsString()
	case cty.Number:
		return v.AsBigFloat().Text('f', -1)
	}
	return ""
}

// forEachItems returns the elements of a resource's for_each when it is an
// object or a tuple written out in the file: their keys and values.
func forEachItems(env *tfEnv, body *hclsyntax.Body) (keys []string, vals []hclsyntax.Expression, ok bool) {
	a := body.Attributes["for_each"]
	if a == nil {
		return nil, nil, false
	}
	switch c := env.resolve(a.Expr, 0).(type) {
	case *hclsyntax.ObjectConsExpr:
		for _, it := range c.Items {
			k := objectKey(it.KeyExpr)
			if k == "" {
				return nil, nil, false
			}
			keys = append(keys, k)
			vals = append(vals, it.ValueExpr)
		}
		return keys, vals, true
	}
	return nil, nil, false
}

// instanceAddr is a for_each instance's address: aws_x.name["key"].
func instanceAddr(addr, key string) string { return addr + "[" + strconv.Quote(key) + "]" }
