package cli

import (
	"fmt"
	"io"
	"strconv"

	"github.com/cwpat/cwpat/backtest"
	"github.com/cwpat/cwpat/rules"
)

// correctedSet is the built-in set whose rules fix the published mistakes.
const correctedSet = "recommended"

// warnBroken says on stderr, for each rule of set marked broken as
// published, what is wrong and which rule to use instead: a backtest or an
// export of such a rule is rarely what the user meant (CIS v1.4's
// unauthorized-API-calls pattern matches every record of the bundled sample).
//
// After a backtest, rep says how much the rule matched there; nil otherwise.
func warnBroken(w io.Writer, set *rules.Set, rep *backtest.Report) {
	fixed, _ := rules.Builtin(correctedSet)
	for _, r := range set.Rules {
		if r.Broken == "" {
			continue
		}
		fmt.Fprintf(w, "cwpat: warning: rule %s of %s is broken as published: %s\n", r.ID, set.Name, r.Broken)
		if rep != nil {
			for _, res := range rep.Rules {
				if res.ID == r.ID {
					fmt.Fprintf(w, "  here it matched %s of %s records\n", commas(res.Matched), commas(rep.Stats.Records))
				}
			}
		}
		if fixed != nil {
			if c, ok := fixed.Rule(r.ID); ok && c.FilterPattern != r.FilterPattern {
				fmt.Fprintf(w, "  the corrected rule is %s in --rules %s: %s\n", c.ID, correctedSet, c.FilterPattern)
				continue
			}
		}
		fmt.Fprintf(w, "  see --rules %s for the corrected rules\n", correctedSet)
	}
}

// commas renders 3214 as "3,214".
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
