package diag

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/format")

// sampleList covers what the formats must carry: two files, all
// severities, a hint, AWS's own message, a multi-character span, a
// diagnostic without a file, and characters every format has to escape.
func sampleList() List {
	return List{
		{
			Code: "unclosed-brace", Severity: Error,
			Pos: Position{File: "rules/cis.yaml", Offset: 40, Line: 3, Column: 12}, Len: 1,
			Message:    "If a filter pattern starts with '{' it must end with '}'",
			AWSMessage: "If a filter pattern starts with '{' it must end with '}'",
			Hint:       "add the closing '}'",
			SourceLine: "  pattern: '{ $.a = 1'",
		},
		{
			Code: "ne-missing-field", Severity: Warning,
			Pos: Position{File: "rules/cis.yaml", Offset: 90, Line: 7, Column: 14}, Len: 21,
			Message:    "$.userIdentity.type != \"AwsServiceEvent\" is false when the field is missing, 100% of the time",
			Hint:       "add \"NOT EXISTS ||\"\nif missing events must match",
			SourceLine: "  pattern: '{ $.userIdentity.type != \"AwsServiceEvent\" }'",
		},
		{
			Code: "mixed-or-terms", Severity: Info,
			Pos:     Position{File: "tf/main, v2.tf", Line: 12, Column: 3},
			Message: "a:b, c\r\nd",
		},
		{Code: "pattern-too-long", Severity: Error, Message: "pattern is 1025 characters long; AWS allows 1024"},
	}
}

func sampleOptions() FormatOptions {
	return FormatOptions{
		Tool:  Tool{Name: "cwpat", Version: "v1.2.3", InformationURI: "https://github.com/cwpat/cwpat"},
		Files: []string{"rules/cis.yaml", "rules/clean.yaml", "tf/main, v2.tf"},
		Rules: func(code string) (RuleInfo, bool) {
			if code == "unclosed-brace" {
				return RuleInfo{ShortDescription: "A JSON pattern is missing its closing brace", HelpURI: "https://github.com/cwpat/cwpat/blob/main/docs/lint/unclosed-brace.md"}, true
			}
			return RuleInfo{}, false
		},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "format", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run: go test ./diag -update")
	assert.Equal(t, string(want), string(got))
}

func TestFormatGolden(t *testing.T) {
	writers := map[string]func(*bytes.Buffer, List, FormatOptions) error{
		"json":   func(b *bytes.Buffer, l List, o FormatOptions) error { return WriteJSON(b, l, o) },
		"sarif":  func(b *bytes.Buffer, l List, o FormatOptions) error { return WriteSARIF(b, l, o) },
		"junit":  func(b *bytes.Buffer, l List, o FormatOptions) error { return WriteJUnit(b, l, o) },
		"github": func(b *bytes.Buffer, l List, o FormatOptions) error { return WriteGitHub(b, l, o) },
		"gitlab": func(b *bytes.Buffer, l List, o FormatOptions) error { return WriteGitLab(b, l, o) },
	}
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			var sample, empty bytes.Buffer
			require.NoError(t, write(&sample, sampleList(), sampleOptions()))
			golden(t, "sample."+name, sample.Bytes())
			require.NoError(t, write(&empty, nil, FormatOptions{Files: []string{"ok.yaml"}}))
			golden(t, "empty."+name, empty.Bytes())
		})
	}
}

func TestJSONIsOneDocument(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteJSON(&b, sampleList(), sampleOptions()))
	var doc struct {
		Diagnostics []map[string]any `json:"diagnostics"`
		Summary     Summary          `json:"summary"`
	}
	dec := json.NewDecoder(&b)
	require.NoError(t, dec.Decode(&doc))
	assert.False(t, dec.More(), "exactly one document")
	assert.Len(t, doc.Diagnostics, 4)
	assert.Equal(t, Summary{Errors: 2, Warnings: 1, Infos: 1, Files: 3, Failed: true}, doc.Summary)
	assert.Equal(t, "warning", doc.Diagnostics[1]["severity"])

	b.Reset()
	require.NoError(t, WriteJSON(&b, nil, FormatOptions{}))
	assert.Contains(t, b.String(), `"diagnostics": []`)
}

func TestSARIFShape(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteSARIF(&b, sampleList(), sampleOptions()))
	var log sarifLog
	require.NoError(t, json.Unmarshal(b.Bytes(), &log))
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	assert.Equal(t, "2.1.0", log.Version)
	// One rule per distinct code, each result points at its own rule.
	assert.Len(t, run.Tool.Driver.Rules, 4)
	for _, r := range run.Results {
		assert.Equal(t, r.RuleID, run.Tool.Driver.Rules[r.RuleIndex].ID)
	}
	first := run.Results[0]
	require.Len(t, first.Locations, 1)
	assert.Equal(t, "rules/cis.yaml", first.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	assert.Equal(t, 3, first.Locations[0].PhysicalLocation.Region.StartLine)
	// endColumn is exclusive: 21 characters from column 14 end before 35.
	assert.Equal(t, 35, run.Results[1].Locations[0].PhysicalLocation.Region.EndColumn)
	assert.Equal(t, "tf/main,%20v2.tf", run.Results[2].Locations[0].PhysicalLocation.ArtifactLocation.URI)
	assert.Empty(t, run.Results[3].Locations)

	// With an anchor, a result without a file points at the anchor's line 1,
	// so GitHub code scanning accepts the log.
	opt := sampleOptions()
	opt.Anchor = ".github/workflows/cwpat.yml"
	b.Reset()
	require.NoError(t, WriteSARIF(&b, sampleList(), opt))
	require.NoError(t, json.Unmarshal(b.Bytes(), &log))
	for _, r := range log.Runs[0].Results {
		require.Len(t, r.Locations, 1, r.RuleID)
		assert.NotEmpty(t, r.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		assert.GreaterOrEqual(t, r.Locations[0].PhysicalLocation.Region.StartLine, 1)
	}
	assert.Equal(t, ".github/workflows/cwpat.yml", log.Runs[0].Results[3].Locations[0].PhysicalLocation.ArtifactLocation.URI)
}

func TestSARIFPaths(t *testing.T) {
	assert.Equal(t, "a/b.yaml", fileURI("/repo/a/b.yaml", "/repo"))
	assert.Equal(t, "file:///elsewhere/b.yaml", fileURI("/elsewhere/b.yaml", "/repo"))
	assert.Equal(t, "./c:d.yaml", fileURI("c:d.yaml", ""))
}

func TestGitHubEscaping(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteGitHub(&b, sampleList(), sampleOptions()))
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	require.Len(t, lines, 4, "one command per diagnostic; newlines in messages are escaped")
	assert.Equal(t, "::error file=rules/cis.yaml,line=3,col=12,title=unclosed-brace::If a filter pattern starts with '{' it must end with '}'%0Ahint: add the closing '}'", lines[0])
	assert.Contains(t, lines[1], "::warning file=rules/cis.yaml,line=7,col=14,endColumn=34,title=ne-missing-field::")
	assert.Contains(t, lines[1], "100%25 of the time")
	assert.Equal(t, "::notice file=tf/main%2C v2.tf,line=12,col=3,title=mixed-or-terms::a:b, c%0D%0Ad", lines[2])
	assert.Equal(t, "::error title=pattern-too-long::pattern is 1025 characters long; AWS allows 1024", lines[3])
}

func TestJUnitCounts(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteJUnit(&b, sampleList(), sampleOptions()))
	var r JUnitTestSuites
	require.NoError(t, xml.Unmarshal(b.Bytes(), &r))
	// 4 diagnostics + 1 clean file; errors fail, the warning and info pass.
	assert.Equal(t, 5, r.Tests)
	assert.Equal(t, 2, r.Failures)
	names := []string{}
	for _, s := range r.Suites {
		names = append(names, s.Name)
	}
	assert.Equal(t, []string{"-", "rules/cis.yaml", "rules/clean.yaml", "tf/main, v2.tf"}, names)

	// With FailAt Warning the warning fails too.
	opt := sampleOptions()
	opt.FailAt = Warning
	b.Reset()
	require.NoError(t, WriteJUnit(&b, sampleList(), opt))
	require.NoError(t, xml.Unmarshal(b.Bytes(), &r))
	assert.Equal(t, 3, r.Failures)
}

func TestJUnitStripsInvalidXML(t *testing.T) {
	var b bytes.Buffer
	l := List{{Code: "x", Pos: Position{File: "f", Line: 1, Column: 1}, Message: "bell\x07 and esc\x1b[31m"}}
	require.NoError(t, WriteJUnit(&b, l, FormatOptions{}))
	var r JUnitTestSuites
	require.NoError(t, xml.Unmarshal(b.Bytes(), &r), b.String())
}

func TestGitLabCodeQuality(t *testing.T) {
	l := append(sampleList(), sampleList()[0])
	opt := sampleOptions()
	opt.BaseDir = "/repo"
	l[1].Pos.File = "/repo/rules/other.yaml"
	var b bytes.Buffer
	require.NoError(t, WriteGitLab(&b, l, opt))
	var issues []struct {
		Description string `json:"description"`
		CheckName   string `json:"check_name"`
		Fingerprint string `json:"fingerprint"`
		Severity    string `json:"severity"`
		Location    struct {
			Path  string `json:"path"`
			Lines struct {
				Begin int `json:"begin"`
			} `json:"lines"`
		} `json:"location"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &issues))
	require.Len(t, issues, 5)
	assert.Equal(t, "unclosed-brace", issues[0].CheckName)
	assert.Equal(t, "major", issues[0].Severity)
	assert.Equal(t, "minor", issues[1].Severity)
	assert.Equal(t, "info", issues[2].Severity)
	assert.Equal(t, "rules/other.yaml", issues[1].Location.Path, "relative to the base directory")
	assert.Equal(t, ".", issues[3].Location.Path, "no file: the repository")
	assert.Equal(t, 1, issues[3].Location.Lines.Begin, "GitLab needs a line")
	assert.Contains(t, issues[0].Description, "hint: add the closing")
	seen := map[string]bool{}
	for _, is := range issues {
		assert.False(t, seen[is.Fingerprint], "GitLab shows only the first issue of a fingerprint")
		seen[is.Fingerprint] = true
	}
	assert.NotContains(t, b.String(), `\u0026`)

	b.Reset()
	require.NoError(t, WriteGitLab(&b, nil, FormatOptions{}))
	assert.Equal(t, "[]\n", b.String())
}

// TestSkippedInputs: inputs found but not read show up in every format
// that has a place for them.
func TestSkippedInputs(t *testing.T) {
	opt := FormatOptions{Files: []string{"ok.yaml"}, Skipped: []Skipped{{File: "zero.yaml", Reason: "symlink to a character device, not a regular file"}}}
	var b bytes.Buffer
	require.NoError(t, WriteJSON(&b, nil, opt))
	assert.Contains(t, b.String(), `"skipped": [`)
	assert.Contains(t, b.String(), `"file": "zero.yaml"`)

	b.Reset()
	require.NoError(t, WriteSARIF(&b, nil, opt))
	var log sarifLog
	require.NoError(t, json.Unmarshal(b.Bytes(), &log))
	require.Len(t, log.Runs[0].Invocations, 1)
	n := log.Runs[0].Invocations[0].Notifications
	require.Len(t, n, 1)
	assert.Equal(t, "zero.yaml", n[0].Locations[0].PhysicalLocation.ArtifactLocation.URI)
	assert.Contains(t, n[0].Message.Text, "character device")

	b.Reset()
	require.NoError(t, WriteJUnit(&b, nil, opt))
	var r JUnitTestSuites
	require.NoError(t, xml.Unmarshal(b.Bytes(), &r))
	require.Len(t, r.Suites, 2)
	assert.Equal(t, "zero.yaml", r.Suites[1].Name)
	assert.Equal(t, 1, r.Suites[1].Skipped)
	require.NotNil(t, r.Suites[1].Cases[0].Skipped)

	b.Reset()
	require.NoError(t, WriteJSON(&b, nil, FormatOptions{}))
	assert.NotContains(t, b.String(), "skipped", "nothing skipped: no key")
}

// TestJSONKeepsAmpersands: && in a pattern stays && in every JSON document,
// also inside a List marshalled by its own MarshalJSON (before, the source
// line of a YAML template came out as \u0026\u0026).
func TestJSONKeepsAmpersands(t *testing.T) {
	l := List{{Code: "x", Message: "a && b <c>", SourceLine: "{ $.a = 1 && $.b = 2 }"}}
	var b bytes.Buffer
	require.NoError(t, WriteJSON(&b, l, FormatOptions{}))
	assert.NotContains(t, b.String(), `\u0026`)
	assert.Contains(t, b.String(), `"sourceLine": "{ $.a = 1 && $.b = 2 }"`)
	// Any encoder that does not escape HTML keeps them, wherever the list is.
	b.Reset()
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(struct{ L List }{l}))
	assert.Contains(t, b.String(), `a && b <c>`)
	var back struct{ L List }
	require.NoError(t, json.Unmarshal(b.Bytes(), &back))
	assert.Equal(t, l, back.L)
}
