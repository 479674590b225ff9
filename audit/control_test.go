package audit

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/rules"
)

// Every built-in set can be audited: every rule has match examples.
func TestEveryBuiltinSetAudits(t *testing.T) {
	for _, name := range rules.BuiltinNames() {
		t.Run(name, func(t *testing.T) {
			set, err := rules.Builtin(name)
			require.NoError(t, err)
			controls, err := ControlsFromRules(set)
			require.NoError(t, err)
			assert.Len(t, controls, len(set.Rules))
			for _, c := range controls {
				assert.NotEmpty(t, c.Matches, c.ID)
			}
		})
	}
}
