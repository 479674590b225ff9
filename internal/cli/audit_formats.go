package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strings"
	"time"

	"github.com/cwpat/cwpat/alarms"
	"github.com/cwpat/cwpat/audit"
	"github.com/cwpat/cwpat/diag"
)

// FormatASFF is the AWS Security Finding Format: audit findings as the
// input of Security Hub's BatchImportFindings
// (aws securityhub batch-import-findings --cli-input-json file://...).
const FormatASFF Format = "asff"

// writeAuditSARIF writes the audit as SARIF 2.1.0. Each result is located
// on the AWS resource it is about (a logical location holding its ARN);
// a physical location is added only where one exists in the user's
// repository: the rule file of a user rule, or the workflow file when run
// in GitHub Actions (code scanning rejects results without one).
func writeAuditSARIF(w io.Writer, r *audit.Report, tool diag.Tool, anchor string) error {
	type message struct {
		Text string `json:"text"`
	}
	type logical struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	type artifact struct {
		URI string `json:"uri"`
	}
	type region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	type physical struct {
		ArtifactLocation artifact `json:"artifactLocation"`
		Region           region   `json:"region"`
	}
	type location struct {
		PhysicalLocation *physical `json:"physicalLocation,omitempty"`
		LogicalLocations []logical `json:"logicalLocations,omitempty"`
	}
	type result struct {
		RuleID     string            `json:"ruleId"`
		Level      string            `json:"level"`
		Message    message           `json:"message"`
		Locations  []location        `json:"locations"`
		Properties map[string]string `json:"properties,omitempty"`
	}
	type rule struct {
		ID               string            `json:"id"`
		ShortDescription message           `json:"shortDescription"`
		Properties       map[string]string `json:"properties,omitempty"`
	}
	var rules []rule
	seen := map[string]bool{}
	var results []result
	for _, f := range r.Findings() {
		if !seen[f.Code] {
			seen[f.Code] = true
			props := map[string]string{}
			if v := audit.SecurityHubReason[f.Code]; v != "" {
				props["securityHubReason"] = v
			}
			if v := audit.SecurityHubControl[f.Code]; v != "" {
				props["securityHubControl"] = v
			}
			rules = append(rules, rule{ID: f.Code, ShortDescription: message{audit.CodeDescriptions[f.Code]}, Properties: props})
		}
		loc := location{}
		if f.Resource != "" {
			kind := "resource"
			loc.LogicalLocations = []logical{{FullyQualifiedName: f.Resource, Kind: kind}}
		}
		switch {
		case f.Pos.File != "" && !strings.HasPrefix(f.Pos.File, "builtin/") && f.Pos.IsValid():
			loc.PhysicalLocation = &physical{ArtifactLocation: artifact{f.Pos.File}, Region: region{f.Pos.Line, f.Pos.Column}}
		case anchor != "":
			loc.PhysicalLocation = &physical{ArtifactLocation: artifact{anchor}, Region: region{StartLine: 1}}
		}
		res := result{RuleID: f.Code, Level: sarifLevel(f.Severity), Message: message{f.Message}, Locations: []location{loc}}
		if f.Hint != "" {
			res.Properties = map[string]string{"hint": f.Hint}
		}
		results = append(results, res)
	}
	if results == nil {
		results = []result{}
	}
	doc := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool":    map[string]any{"driver": map[string]any{"name": tool.Name, "version": tool.Version, "informationUri": tool.InformationURI, "rules": rules}},
			"results": results,
		}},
	}
	return writeIndentedJSON(w, doc)
}

func sarifLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "note"
}

// writeAuditASFF writes the findings in the AWS Security Finding Format, as
// one BatchImportFindings request ({"Findings": [...]}).
func writeAuditASFF(w io.Writer, r *audit.Report, now time.Time) error {
	account := r.AccountID
	if account == "" {
		account = "000000000000"
	}
	partition := "aws"
	stamp := now.UTC().Format(time.RFC3339)
	findings := []map[string]any{}
	for _, f := range r.Findings() {
		res := asffResource(f.Resource, account, r.Region)
		if p, ok := res["Partition"].(string); ok {
			partition = p
		}
		id := sha256.Sum256([]byte(r.Region + "\x00" + f.Code + "\x00" + f.Message + "\x00" + f.Resource))
		title := f.Message
		if len(title) > 256 {
			title = title[:253] + "..."
		}
		desc := audit.CodeDescriptions[f.Code]
		if desc == "" {
			desc = f.Message
		}
		finding := map[string]any{
			"SchemaVersion": "2018-10-08",
			"Id":            "cwpat/" + r.Region + "/" + f.Code + "/" + hex.EncodeToString(id[:8]),
			"ProductArn":    "arn:" + partition + ":securityhub:" + r.Region + ":" + account + ":product/" + account + "/default",
			"GeneratorId":   "cwpat-audit/" + f.Code,
			"AwsAccountId":  account,
			"Types":         []string{"Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"},
			"CreatedAt":     stamp,
			"UpdatedAt":     stamp,
			"Severity":      map[string]string{"Label": asffSeverity(f)},
			"Title":         title,
			"Description":   desc,
			"Resources":     []map[string]any{res},
			"Compliance":    map[string]any{"Status": asffCompliance(f)},
			"ProductFields": map[string]string{"cwpat/code": f.Code},
		}
		if f.Hint != "" {
			hint := f.Hint
			if len(hint) > 512 {
				hint = hint[:509] + "..."
			}
			finding["Remediation"] = map[string]any{"Recommendation": map[string]string{"Text": hint}}
		}
		if c := audit.SecurityHubControl[f.Code]; c != "" {
			finding["Compliance"].(map[string]any)["SecurityControlId"] = c
		}
		if reason := audit.SecurityHubReason[f.Code]; reason != "" {
			finding["Compliance"].(map[string]any)["StatusReasons"] = []map[string]string{{"ReasonCode": reason, "Description": audit.CodeDescriptions[f.Code]}}
		}
		findings = append(findings, finding)
	}
	return writeIndentedJSON(w, map[string]any{"Findings": findings})
}

// asffResource describes the finding's resource as ASFF wants it.
func asffResource(resource, account, region string) map[string]any {
	if resource == "" {
		return map[string]any{"Type": "AwsAccount", "Id": "AWS::::Account:" + account, "Partition": "aws", "Region": region}
	}
	a, err := alarms.ParseARN(resource)
	if err != nil {
		return map[string]any{"Type": "Other", "Id": resource, "Partition": "aws", "Region": region}
	}
	types := map[string]string{"cloudtrail": "AwsCloudTrailTrail", "cloudwatch": "AwsCloudWatchAlarm", "sns": "AwsSnsTopic", "iam": "AwsIamRole", "logs": "Other"}
	t := types[a.Service]
	if t == "" {
		t = "Other"
	}
	return map[string]any{"Type": t, "Id": resource, "Partition": a.Partition, "Region": region}
}

func asffSeverity(f audit.Finding) string {
	switch f.Severity {
	case diag.Error:
		return "HIGH"
	case diag.Warning:
		return "MEDIUM"
	}
	return "INFORMATIONAL"
}

func asffCompliance(f audit.Finding) string {
	switch f.Severity {
	case diag.Error:
		return "FAILED"
	case diag.Warning:
		return "WARNING"
	}
	return "PASSED"
}

func writeIndentedJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}
