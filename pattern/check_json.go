package pattern

import (
	"github.com/cwpat/cwpat/awslimits"

	"fmt"
	"strings"
)

// JSON pattern checks: selectors, keywords, wildcard quotas.

func (c *checker) checkJSON(j *jsonSyntax) {
	if j.Expr == nil {
		c.errorf("empty-json-pattern", j.Pos.Offset, 2, "", "write a condition inside the braces, e.g. { $.eventName = \"ConsoleLogin\" }",
			"a JSON pattern needs at least one condition")
		return
	}
	wildcards := 0
	walkConditions(j.Expr, func(cond *condSyntax) {
		c.checkJSONCondition(cond)
		if cond.sel != nil && cond.sel.Wildcards() > 0 {
			wildcards++
			if wildcards == awslimits.WildcardSelectorsPerPattern+1 {
				c.errorf("too-many-wildcard-selectors", cond.Pos.Offset, len(cond.Subject), "",
					"split the pattern into several metric filters",
					"a filter pattern may hold at most %d wildcard selectors", awslimits.WildcardSelectorsPerPattern)
			}
		}
	})
}

func (c *checker) checkJSONCondition(cond *condSyntax) {
	off := cond.Pos.Offset
	selOK := false
	if !strings.HasPrefix(cond.Subject, "$") {
		c.errorf("selector-without-dollar", off, len(cond.Subject), "",
			fmt.Sprintf("write $.%s", cond.Subject),
			"property selector %q must start with '$.'", cond.Subject)
	} else {
		sel, err := parseSelector(cond.Subject)
		if err != nil {
			c.errorf("invalid-selector", off+err.off, 1, "", err.hint, "%s", err.msg)
		} else {
			cond.sel, selOK = sel, true
			if sel.Wildcards() > 1 {
				c.errorf("too-many-wildcards-in-selector", off, len(cond.Subject), "",
					"AWS allows one wildcard (.* or [*]) per property selector",
					"property selector %s has %d wildcards", cond.Subject, sel.Wildcards())
			}
		}
	}
	switch {
	case cond.IsNot:
		c.errorf("unsupported-is-not", off, cond.EndPos.Offset-off, "",
			"IS NOT is not supported by AWS; for a non-null value write ($.x = \"*\") or test the value itself",
			"IS NOT is not supported (AWS: \"The variables IS NOT and EXISTS currently aren't supported\")")
	case cond.Exists:
		c.errorf("unsupported-exists", off, cond.EndPos.Offset-off, "",
			"EXISTS is not supported by AWS; $.x = \"*\" matches any non-null value, and NOT EXISTS is supported",
			"EXISTS is not supported (AWS: \"The variables IS NOT and EXISTS currently aren't supported\")")
	case cond.NotExists:
		cond.op = OpNotExists
	case cond.Is:
		// Keywords are accepted in capitals only: AWS documents them so, and
		// refusing a spelling AWS might accept is safer than deploying one it
		// refuses (SEMANTICS.md, "Keywords").
		switch cond.IsWord {
		case "NULL":
			cond.op = OpIsNull
		case "TRUE":
			cond.op = OpIsTrue
		case "FALSE":
			cond.op = OpIsFalse
		default:
			hint := "IS is followed by NULL, TRUE or FALSE"
			if u := strings.ToUpper(cond.IsWord); u == "NULL" || u == "TRUE" || u == "FALSE" {
				hint = "keywords are upper case: IS " + u
			}
			c.errorf("invalid-is-keyword", off, cond.EndPos.Offset-off, "", hint,
				"IS must be followed by NULL, TRUE or FALSE, not %q", cond.IsWord)
		}
	case cond.RawOp != "":
		c.checkComparison(cond, JSON)
	case selOK || !strings.HasPrefix(cond.Subject, "$"):
		c.errorf("incomplete-condition", off, len(cond.Subject), "",
			"compare it (= != < <= > >=), or test it with IS NULL, IS TRUE, IS FALSE or NOT EXISTS",
			"%s is not compared with anything", cond.Subject)
	}
}
