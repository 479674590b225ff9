package pattern

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/diag"
)

func TestValidateFilterName(t *testing.T) {
	assert.NoError(t, ValidateFilterName("RootAccountUsage"))
	assert.NoError(t, ValidateFilterName(strings.Repeat("n", 512)))
	long := strings.Repeat("n", 513)
	cases := map[string]string{
		"":    "1 validation error detected: Value '' at 'filterName' failed to satisfy constraint: Member must have length greater than or equal to 1",
		long:  "1 validation error detected: Value '" + long + "' at 'filterName' failed to satisfy constraint: Member must have length less than or equal to 512",
		"a:b": "1 validation error detected: Value 'a:b' at 'filterName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*",
		"a*":  "1 validation error detected: Value 'a*' at 'filterName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*",
	}
	for name, want := range cases {
		l, ok := diag.As(ValidateFilterName(name))
		require.True(t, ok, name)
		assert.Equal(t, "invalid-filter-name", l[0].Code)
		assert.Equal(t, want, l[0].AWSMessage)
	}
}

func TestRegexCount(t *testing.T) {
	for src, want := range map[string]int{
		`ERROR`: 0, `%a%`: 1, `?%a% ?%b%`: 2, `{ $.a = %x% || $.b = "%y%" }`: 1, `[a = %x%, b = %y%]`: 2, ``: 0,
	} {
		p, err := Parse(src)
		require.NoError(t, err, src)
		assert.Equal(t, want, p.RegexCount(), src)
	}
}
