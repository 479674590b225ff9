package jsonquote

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                   `"plain"`,
		"q\"b\\":                  `"q\"b\\"`,
		"\n\r\t\b\f":              `"\n\r\t\b\f"`,
		"\x1b[31m\x00":            `"\u001b[31m\u0000"`,
		"<&> é \u2028 \x7f":       "\"<&> é \u2028 \x7f\"",
		"bad \xff byte":           "\"bad \uFFFD byte\"",
		"/slash/ is not escaped/": `"/slash/ is not escaped/"`,
	} {
		assert.Equal(t, want, Quote(in), "%q", in)
		var back string
		require.NoError(t, json.Unmarshal([]byte(Quote(in)), &back), "%q", in)
	}
}
