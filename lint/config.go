package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cwpat/cwpat/diag"
	lintdocs "github.com/cwpat/cwpat/docs/lint"
)

// A project configuration file, as .cfnlintrc and .tflint.hcl are: what a
// repository always wants from `cwpat lint`, so CI and every developer run
// the same check without repeating flags.
//
//	# .cwpat.yaml
//	lint:
//	  exclude: [testdata, "*.generated.yaml"]   # globs, as --exclude
//	  disable: [metric-without-alarm]            # codes, as --disable
//	  severity:                                  # per-code severity overrides
//	    ne-missing-field: error
//	    duplicate-alarm: info
//
// The file is strict: an unknown key, a code no check reports or a
// severity other than error, warning or info is an error at its
// file:line:col. Inline "# cwpat:ignore" comments keep working.

// ConfigNames are the names FindConfig looks for, in order.
var ConfigNames = []string{".cwpat.yaml", ".cwpat.yml"}

// Config is a project's lint configuration.
type Config struct {
	// Path is the file it was read from.
	Path string
	// Exclude are globs of files and directories to skip, as Options.Exclude.
	Exclude []string
	// Disable are codes left out of every report.
	Disable []string
	// Severity overrides the severity of codes.
	Severity map[string]diag.Severity
}

// FindConfig looks for a configuration file in dir and then in each folder
// above it, and returns the first one's path ("" when there is none).
func FindConfig(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		for _, n := range ConfigNames {
			p := filepath.Join(dir, n)
			if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
				return p
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// LoadConfig reads a configuration file. Its error is a diag.List with the
// position of every problem.
func LoadConfig(path string) (*Config, error) {
	b, err := readFile(nil, path, 1<<20)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, diag.List{{Code: CodeConfig, Severity: diag.Error, Pos: diag.Position{File: path}, Message: "cannot read: " + err.Error()}}
	}
	return ParseConfig(path, b)
}

// ParseConfig reads a configuration file's content.
func ParseConfig(path string, src []byte) (*Config, error) {
	c := &Config{Path: path, Severity: map[string]diag.Severity{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, diag.List{{Code: CodeConfig, Severity: diag.Error, Pos: diag.Position{File: path}, Message: err.Error()}}
	}
	p := &configParser{path: path, src: string(src)}
	if len(doc.Content) == 0 {
		return c, nil // an empty file configures nothing
	}
	top := doc.Content[0]
	if p.mapping(top, "the file") {
		for i := 0; i+1 < len(top.Content); i += 2 {
			k, v := top.Content[i], top.Content[i+1]
			if k.Value != "lint" {
				p.unknownKey(k, []string{"lint"})
				continue
			}
			p.lint(v, c)
		}
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return c, nil
}

type configParser struct {
	path, src string
	errs      diag.List
}

func (p *configParser) fail(n *yaml.Node, msg, hint string) {
	pos := diag.Position{File: p.path, Line: n.Line, Column: n.Column}
	p.errs = append(p.errs, diag.Diagnostic{Code: CodeConfig, Severity: diag.Error, Pos: pos, Message: msg, Hint: hint,
		SourceLine: diag.LineAt(p.src, n.Line)})
}

func (p *configParser) mapping(n *yaml.Node, what string) bool {
	if n.Kind != yaml.MappingNode {
		p.fail(n, what+" must be a mapping", "")
		return false
	}
	return true
}

func (p *configParser) unknownKey(k *yaml.Node, known []string) {
	hint := "known keys: " + strings.Join(known, ", ")
	if near := closest(k.Value, known, false); near != "" {
		hint = "did you mean " + near + "?"
	}
	p.fail(k, "unknown key "+fmt.Sprintf("%q", k.Value), hint)
}

func (p *configParser) lint(n *yaml.Node, c *Config) {
	if !p.mapping(n, "lint") {
		return
	}
	known := []string{"exclude", "disable", "severity"}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "exclude":
			for _, it := range p.list(v, "exclude") {
				c.Exclude = append(c.Exclude, it.Value)
			}
		case "disable":
			for _, it := range p.list(v, "disable") {
				if p.code(it, it.Value) {
					c.Disable = append(c.Disable, it.Value)
				}
			}
		case "severity":
			if !p.mapping(v, "severity") {
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				ck, cv := v.Content[j], v.Content[j+1]
				if !p.code(ck, ck.Value) {
					continue
				}
				s, err := diag.ParseSeverity(cv.Value)
				if err != nil || cv.Kind != yaml.ScalarNode {
					p.fail(cv, fmt.Sprintf("unknown severity %q", cv.Value), "use error, warning or info; to turn a code off, list it under disable")
					continue
				}
				c.Severity[ck.Value] = s
			}
		default:
			p.unknownKey(k, known)
		}
	}
}

// list reads a list of strings (or one string) as its scalar nodes.
func (p *configParser) list(n *yaml.Node, what string) []*yaml.Node {
	if n.Kind == yaml.ScalarNode {
		return []*yaml.Node{n}
	}
	if n.Kind != yaml.SequenceNode {
		p.fail(n, what+" must be a list", "")
		return nil
	}
	var out []*yaml.Node
	for _, it := range n.Content {
		if it.Kind != yaml.ScalarNode {
			p.fail(it, what+" entries must be strings", "")
			continue
		}
		out = append(out, it)
	}
	return out
}

// code checks that a code is one lint or fmt can report.
func (p *configParser) code(n *yaml.Node, code string) bool {
	codes := lintdocs.Codes()
	if slices.Contains(codes, code) {
		return true
	}
	hint := "cwpat lint --list-codes lists lint's own codes; docs/lint/README.md lists them all"
	if near := closest(code, codes, false); near != "" {
		hint = "did you mean " + near + "?"
	}
	p.fail(n, fmt.Sprintf("no check reports code %q", code), hint)
	return false
}

// Apply drops the disabled codes from l and applies the severity overrides.
func (c *Config) Apply(l diag.List) diag.List {
	if c == nil {
		return l
	}
	out := l[:0:0]
	for _, d := range l {
		if slices.Contains(c.Disable, d.Code) {
			continue
		}
		if s, ok := c.Severity[d.Code]; ok {
			d.Severity = s
		}
		out = append(out, d)
	}
	return out
}
