package diag

import (
	"fmt"
	"io"
	"strings"
)

// WriteGitHub writes GitHub Actions workflow commands, one per diagnostic:
//
//	::error file=F,line=L,col=C,endColumn=E,title=CODE::message
//
// so each finding shows up as an annotation on the pull request's diff.
// Severities map to error, warning and notice. Values are escaped as the
// Actions toolkit escapes them: %, CR and LF everywhere, and also ':' and
// ',' inside properties, so a message or path cannot end the command early.
func WriteGitHub(w io.Writer, l List, opt FormatOptions) error {
	for _, d := range l {
		if _, err := io.WriteString(w, githubCommand(d, opt)); err != nil {
			return err
		}
	}
	return nil
}

func githubCommand(d Diagnostic, opt FormatOptions) string {
	var props []string
	if d.Pos.File != "" {
		props = append(props, "file="+escapeGitHubProperty(relPath(d.Pos.File, opt.BaseDir)))
		if d.Pos.IsValid() {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
			if d.Pos.Column > 0 {
				props = append(props, fmt.Sprintf("col=%d", d.Pos.Column))
				if d.Len > 1 {
					props = append(props, fmt.Sprintf("endColumn=%d", d.Pos.Column+d.Len-1))
				}
			}
		}
	}
	if d.Code != "" {
		props = append(props, "title="+escapeGitHubProperty(d.Code))
	}
	msg := d.Message
	if d.Hint != "" {
		msg += "\nhint: " + d.Hint
	}
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(githubLevel(d.Severity))
	if len(props) > 0 {
		b.WriteByte(' ')
		b.WriteString(strings.Join(props, ","))
	}
	b.WriteString("::")
	b.WriteString(escapeGitHubData(msg))
	b.WriteByte('\n')
	return b.String()
}

func githubLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "notice"
}

var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeGitHubData(s string) string     { return githubData.Replace(s) }
func escapeGitHubProperty(s string) string { return githubProperty.Replace(s) }
