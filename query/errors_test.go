package query

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// WithRule names the rule in a refusal without changing the refusal it was
// given, and keeps any other error reachable.
func TestWithRule(t *testing.T) {
	refusal := refuse("no-raw-line", "[a, b]", "not translated")
	got := WithRule(fmt.Errorf("athena: %w", refusal), "root-usage")
	var qe *Error
	require.ErrorAs(t, got, &qe)
	assert.Equal(t, "rule root-usage: [a, b]: not translated [no-raw-line]", got.Error())
	assert.Empty(t, refusal.Rule, "the original refusal is not changed")

	parse := errors.New("unexpected token")
	got = WithRule(parse, "root-usage")
	assert.EqualError(t, got, "rule root-usage: unexpected token")
	assert.ErrorIs(t, got, parse)
}
