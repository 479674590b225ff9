package lint

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestYAMLScalarPositions checks that every scalar style decodes to the
// value yaml.v3 reads, with an exact byte map: each byte of the value that
// was written literally maps to that same byte in the file.
func TestYAMLScalarPositions(t *testing.T) {
	tests := []struct {
		name, doc string
		want      string
		enc       encKind
	}{
		{"plain", "k: ERROR Exception\n", "ERROR Exception", encYAMLPlain},
		{"plain folded", "k: ERROR\n  Exception\n\n  x\n", "ERROR Exception\nx", encYAMLPlain},
		{"single", "k: '{ $.a = \"x\" }'\n", `{ $.a = "x" }`, encYAMLSingle},
		{"single with ''", "k: 'it''s  %a%'\n", "it's  %a%", encYAMLSingle},
		{"single folded", "k: '{ $.a = 1\n   && $.b = 2 }'\n", "{ $.a = 1 && $.b = 2 }", encYAMLSingle},
		{"double escapes", `k: "{ $.a = \"x\" \u0026\u0026 $.b = %\\d% }"` + "\n", `{ $.a = "x" && $.b = %\d% }`, encYAMLDouble},
		{"double escaped break", "k: \"{ $.a = 1 \\\n    && $.b = 2 }\"\n", "{ $.a = 1 && $.b = 2 }", encYAMLDouble},
		{"double tab escape", "k: \"a\\tb\"\n", "a\tb", encYAMLDouble},
		{"literal", "k: |\n  {\n    $.a = 1\n  }\nnext: 1\n", "{\n  $.a = 1\n}\n", encYAMLLiteral},
		{"literal strip", "k: |-\n  ERROR\n\n", "ERROR", encYAMLLiteral},
		{"literal keep", "k: |+\n  ERROR\n\n", "ERROR\n\n", encYAMLLiteral},
		{"folded", "k: >\n  { $.a = 1\n  && $.b = 2 }\n", "{ $.a = 1 && $.b = 2 }\n", encYAMLFolded},
		{"folded blank line", "k: >-\n  a\n\n  b\n", "a\nb", encYAMLFolded},
		{"tagged", "k: !Sub \"x ${!y}\"\n", "x ${!y}", encYAMLDouble},
		{"in sequence", "- - \"a\\\"b\"\n", `a"b`, encYAMLDouble},
		{"unicode", "k: \"é %ü% \\u00e9\"\n", "é %ü% é", encYAMLDouble},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := parseYAML(tt.doc)
			require.NoError(t, err)
			n := firstScalarValue(root)
			require.NotNil(t, n)
			assert.Equal(t, tt.want, n.str.Value)
			require.Len(t, n.str.offs, len(n.str.Value)+1, "fell back to approximate positions")
			assert.Equal(t, tt.enc, n.str.enc.kind)
			for i := 0; i < len(n.str.Value); i++ {
				c := n.str.Value[i]
				if isNameByte(c) && c != '-' {
					assert.Equal(t, string(c), string(tt.doc[n.str.offs[i]]), "byte %d of %q", i, n.str.Value)
				}
			}
			// The raw span holds the value's encoding.
			raw := tt.doc[n.str.Start:n.str.End]
			assert.NotEmpty(t, strings.TrimSpace(raw))
		})
	}
}

// firstScalarValue returns the first non-key scalar in document order.
func firstScalarValue(n *node) *node {
	switch n.kind {
	case scalarNode:
		return n
	case mapNode:
		for _, v := range n.vals {
			if s := firstScalarValue(v); s != nil {
				return s
			}
		}
	case seqNode:
		for _, v := range n.items {
			if s := firstScalarValue(v); s != nil {
				return s
			}
		}
	}
	return nil
}
