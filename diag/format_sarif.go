package diag

import (
	"encoding/json"
	"io"
	"sort"
)

// SARIFSchema is the JSON schema URI written into every SARIF log.
const SARIFSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// The subset of SARIF 2.1.0 cwpat writes. Field names follow the OASIS
// specification; everything optional is omitempty so the log stays small.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool sarifTool `json:"tool"`
		// ColumnKind says columns count Unicode code points, as cwpat's
		// positions do (SARIF's default is UTF-16 code units).
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
		// Invocations carry the inputs skipped (opt.Skipped) as tool
		// execution notifications, SARIF's place for "what the tool did not do".
		Invocations []sarifInvocation `json:"invocations,omitempty"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool                `json:"executionSuccessful"`
		Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level     string          `json:"level"`
		Message   sarifMessage    `json:"message"`
		Locations []sarifLocation `json:"locations,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string        `json:"id"`
		ShortDescription     *sarifMessage `json:"shortDescription,omitempty"`
		HelpURI              string        `json:"helpUri,omitempty"`
		DefaultConfiguration sarifConfig   `json:"defaultConfiguration"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID     string          `json:"ruleId"`
		RuleIndex  int             `json:"ruleIndex"`
		Level      string          `json:"level"`
		Message    sarifMessage    `json:"message"`
		Locations  []sarifLocation `json:"locations,omitempty"`
		Properties map[string]any  `json:"properties,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int           `json:"startLine"`
		StartColumn int           `json:"startColumn,omitempty"`
		EndColumn   int           `json:"endColumn,omitempty"`
		Snippet     *sarifMessage `json:"snippet,omitempty"`
	}
)

// WriteSARIF writes a SARIF 2.1.0 log with one run: a rule per distinct code
// (described by opt.Rules when it knows the code) and a result per
// diagnostic with its file and region. GitHub code scanning and most CI
// dashboards read this. Regions are 1-based and columns count code points;
// endColumn is exclusive, as SARIF defines it.
func WriteSARIF(w io.Writer, l List, opt FormatOptions) error {
	t := opt.tool()
	run := sarifRun{
		Tool:       sarifTool{Driver: sarifDriver{Name: t.Name, Version: t.Version, InformationURI: t.InformationURI}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	index := sarifRules(l, opt, &run.Tool.Driver)
	for _, d := range l {
		run.Results = append(run.Results, sarifResultFor(d, index[d.Code], opt))
	}
	if len(opt.Skipped) > 0 {
		inv := sarifInvocation{ExecutionSuccessful: true}
		for _, s := range opt.Skipped {
			inv.Notifications = append(inv.Notifications, sarifNotification{Level: "note",
				Message: sarifMessage{Text: "skipped, not read: " + s.Reason},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
					ArtifactLocation: sarifArtifact{URI: fileURI(s.File, opt.BaseDir)}}}}})
		}
		run.Invocations = []sarifInvocation{inv}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: SARIFSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// sarifRules fills the driver's rule table (sorted by code, for stable
// output) and returns each code's index in it.
func sarifRules(l List, opt FormatOptions, drv *sarifDriver) map[string]int {
	worst := map[string]Severity{}
	for _, d := range l {
		if s, ok := worst[d.Code]; !ok || d.Severity < s {
			worst[d.Code] = d.Severity
		}
	}
	codes := make([]string, 0, len(worst))
	for c := range worst {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	index := make(map[string]int, len(codes))
	drv.Rules = make([]sarifRule, 0, len(codes))
	for i, c := range codes {
		r := sarifRule{ID: c, DefaultConfiguration: sarifConfig{Level: sarifLevel(worst[c])}}
		if opt.Rules != nil {
			if info, ok := opt.Rules(c); ok {
				if info.ShortDescription != "" {
					r.ShortDescription = &sarifMessage{Text: info.ShortDescription}
				}
				r.HelpURI = info.HelpURI
			}
		}
		drv.Rules = append(drv.Rules, r)
		index[c] = i
	}
	return index
}

func sarifResultFor(d Diagnostic, ruleIndex int, opt FormatOptions) sarifResult {
	text := d.Message
	if d.Hint != "" {
		text += "\nHint: " + d.Hint
	}
	res := sarifResult{RuleID: d.Code, RuleIndex: ruleIndex, Level: sarifLevel(d.Severity), Message: sarifMessage{Text: text}}
	if d.AWSMessage != "" {
		res.Properties = map[string]any{"awsMessage": d.AWSMessage}
	}
	if d.Pos.File == "" || d.Pos.File == "-" {
		// No file to point at (an account-level audit finding, standard
		// input): anchor it if the caller said where, else leave it without
		// a location, which SARIF allows.
		if opt.Anchor != "" {
			res.Locations = []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: fileURI(opt.Anchor, opt.BaseDir)},
				Region:           &sarifRegion{StartLine: 1},
			}}}
		}
		return res
	}
	phys := sarifPhysical{ArtifactLocation: sarifArtifact{URI: fileURI(d.Pos.File, opt.BaseDir)}}
	if d.Pos.IsValid() {
		reg := &sarifRegion{StartLine: d.Pos.Line, StartColumn: d.Pos.Column}
		if d.Len > 1 && d.Pos.Column > 0 {
			reg.EndColumn = d.Pos.Column + d.Len
		}
		if d.SourceLine != "" {
			reg.Snippet = &sarifMessage{Text: d.SourceLine}
		}
		phys.Region = reg
	}
	res.Locations = []sarifLocation{{PhysicalLocation: phys}}
	return res
}

func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}
