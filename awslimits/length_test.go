package awslimits

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLengthCountsUTF16CodeUnits(t *testing.T) {
	cases := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"é", 1},
		{"日本", 2},
		{"😀", 2},
		{`"` + strings.Repeat("😀", 600) + `"`, 1202},
		{"\xff", 1},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Length(c.s), "%q", c.s)
	}
}

func TestValidationMessage(t *testing.T) {
	one := Violation{Value: Quote("x"), Field: "filterPattern", Constraint: MaxLength(1024)}
	assert.Equal(t, "1 validation error detected: Value 'x' at 'filterPattern' failed to satisfy constraint: "+
		"Member must have length less than or equal to 1024", ValidationMessage(one))
	two := Violation{Value: Quote(List([]string{"a", "b"})), Field: "logEventMessages", Constraint: MaxLength(50)}
	assert.Equal(t, "2 validation errors detected: Value 'x' at 'filterPattern' failed to satisfy constraint: "+
		"Member must have length less than or equal to 1024; Value '[a, b]' at 'logEventMessages' failed to satisfy constraint: "+
		"Member must have length less than or equal to 50", ValidationMessage(one, two))
}
