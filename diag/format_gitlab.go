package diag

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"
)

// The GitLab Code Quality report (a subset of the Code Climate issue
// format): a JSON array of issues that GitLab shows in the merge request
// widget and the diff when a job saves it as artifacts:reports:codequality.
// Its keys are GitLab's own (check_name), not cwpat's camelCase.
type (
	gitlabIssue struct {
		Description string         `json:"description"`
		CheckName   string         `json:"check_name"`
		Fingerprint string         `json:"fingerprint"`
		Severity    string         `json:"severity"`
		Location    gitlabLocation `json:"location"`
	}
	gitlabLocation struct {
		Path  string      `json:"path"`
		Lines gitlabLines `json:"lines"`
	}
	gitlabLines struct {
		Begin int `json:"begin"`
	}
)

// WriteGitLab writes diagnostics as one GitLab Code Quality report. Paths
// are relative to opt.BaseDir (GitLab wants repository-relative paths); a
// diagnostic without a file points at opt.Anchor, or "." (the repository).
// Errors are "major", warnings "minor", the rest "info". Each issue's
// fingerprint hashes its file, code, message and source line (not its line
// number, so an issue keeps its identity when lines move above it), and
// counts repeats, because GitLab shows only the first issue of a fingerprint.
func WriteGitLab(w io.Writer, l List, opt FormatOptions) error {
	issues := make([]gitlabIssue, 0, len(l))
	seen := map[string]int{}
	for _, d := range l {
		path := d.Pos.File
		if path == "" || path == "-" {
			path = opt.Anchor
		}
		if path == "" {
			path = "."
		}
		path = relPath(path, opt.BaseDir)
		line := max(d.Pos.Line, 1)
		desc := d.Message
		if d.Hint != "" {
			desc += " (hint: " + d.Hint + ")"
		}
		key := path + "\x00" + d.Code + "\x00" + d.Message + "\x00" + d.SourceLine
		seen[key]++
		sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(seen[key])))
		issues = append(issues, gitlabIssue{Description: desc, CheckName: d.Code, Fingerprint: hex.EncodeToString(sum[:16]),
			Severity: gitlabSeverity(d.Severity), Location: gitlabLocation{Path: path, Lines: gitlabLines{Begin: line}}})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}

func gitlabSeverity(s Severity) string {
	switch s {
	case Error:
		return "major"
	case Warning:
		return "minor"
	}
	return "info"
}
