package diag

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPositionAt(t *testing.T) {
	src := "{ $.a = 1\n  && $.b = é }"
	assert.Equal(t, Position{Offset: 0, Line: 1, Column: 1}, PositionAt(src, 0))
	assert.Equal(t, Position{Offset: 10, Line: 2, Column: 1}, PositionAt(src, 10))
	// é is two bytes but one column.
	off := strings.Index(src, "é") + len("é")
	assert.Equal(t, Position{Offset: off, Line: 2, Column: 13}, PositionAt(src, off))
	assert.Equal(t, len(src), PositionAt(src, 999).Offset)
}

func TestWithin(t *testing.T) {
	start := Position{File: "t.yaml", Offset: 100, Line: 7, Column: 14}
	p := Within(Position{Offset: 3, Line: 1, Column: 4}, start, 0)
	assert.Equal(t, "t.yaml:7:17", p.String())
	p = Within(Position{Offset: 12, Line: 2, Column: 3}, start, 4)
	assert.Equal(t, "t.yaml:8:7", p.String())
}

func TestTextRendering(t *testing.T) {
	d := Diagnostic{
		Code: "unclosed-brace", Severity: Error,
		Pos:        Position{File: "rules.yaml", Line: 3, Column: 12},
		Message:    "If a filter pattern starts with '{' it must end with '}'",
		Hint:       "add the closing '}'",
		SourceLine: "  pattern: '{ $.a = 1'",
	}
	want := "rules.yaml:3:12: error: If a filter pattern starts with '{' it must end with '}' [unclosed-brace]\n" +
		"      pattern: '{ $.a = 1'\n" +
		"               ^\n" +
		"    hint: add the closing '}'\n"
	assert.Equal(t, want, Text(d, TextOptions{}))
}

func TestCaretKeepsTabs(t *testing.T) {
	got := Caret("\tab", 3, 1, false)
	assert.Equal(t, "    \tab\n    \t ^\n", got)
}

func TestListAsError(t *testing.T) {
	l := List{{Code: "a", Message: "first", Pos: Position{Line: 1, Column: 2}}, {Code: "b", Message: "second", Severity: Warning}}
	err := fmt.Errorf("loading: %w", l)
	got, ok := As(err)
	require.True(t, ok)
	assert.Len(t, got, 2)
	assert.Equal(t, "1:2: error: first [a] (and 1 more)", l.Error())
	assert.True(t, l.HasErrors())
	assert.False(t, List{{Severity: Warning}}.HasErrors())
	_, ok = As(errors.New("plain"))
	assert.False(t, ok)
}

func TestSeverityJSON(t *testing.T) {
	b, err := json.Marshal(Diagnostic{Code: "x", Severity: Warning})
	require.NoError(t, err)
	assert.Contains(t, string(b), `"severity":"warning"`)
	var d Diagnostic
	require.NoError(t, json.Unmarshal(b, &d))
	assert.Equal(t, Warning, d.Severity)
	b, _ = json.Marshal(List(nil))
	assert.Equal(t, "[]", string(b))
}
