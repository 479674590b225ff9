package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

// Every command with -o json writes one JSON document whose keys are
// camelCase, as AWS's JSON is, and never escapes & < > (patterns are full of
// &&): one JSON writer for all. The table must name every such command, so
// a new one cannot skip the check. (compile's -o picks CloudFormation's or
// Terraform's own format, whose keys those tools define.)
func TestEveryJSONOutputIsCamelCaseAndUnescaped(t *testing.T) {
	isolateAWS(t)
	srv := localawstest.Start(t)
	_, err := cloudwatchlogs.NewFromConfig(srv.Config()).CreateLogGroup(context.Background(),
		&cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("CloudTrail/Logs")})
	require.NoError(t, err)
	srv.PutTrail("", "us-east-1", localaws.Trail{Name: "main", S3BucketName: "b", IsMultiRegionTrail: true, IsLogging: true,
		CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:" + localaws.DefaultAccount + ":log-group:CloudTrail/Logs:*",
		CloudWatchLogsRoleArn:     "arn:aws:iam::" + localaws.DefaultAccount + ":role/ct"})
	ep := []string{"--endpoint-url", srv.URL}
	andPattern := `{ ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed authentication") }`

	runs := map[string][]string{
		"test-metric-filter": {"test-metric-filter", "--filter-pattern", andPattern, "--log-event-messages",
			`{"eventName":"ConsoleLogin","errorMessage":"Failed authentication"}`},
		"lint":           {"lint", "../../examples/terraform/main.tf"},
		"test":           {"test", "../../examples/quickstart/"},
		"backtest":       {"backtest", "--rules", "cis-1.2"},
		"rules list":     {"rules", "list", "cis-1.2"},
		"rules show":     {"rules", "show", "console-auth-failures"},
		"rules examples": {"rules", "examples"},
		"plan":           append([]string{"plan"}, ep...),
		"deploy":         append([]string{"deploy", "--apply", "--email", "sec@example.com"}, ep...),
		"audit":          append([]string{"audit"}, ep...),
		"destroy":        append([]string{"destroy"}, ep...),
		"version":        {"version"},
		"explain":        {"explain", "--filter-pattern", `{ ($.a = "x") && ($.b = 1) }`, "--log-event-messages", `{"a":"x","b":2}`},
		// match writes JSON Lines, one document per matched record, as
		// grep prints lines.
		"match": {"match", "--rules", "cis-1.2", "../../examples/quickstart/records.ndjson"},
	}
	// Order matters for the account: deploy before audit and destroy.
	order := []string{"test-metric-filter", "explain", "match", "lint", "test", "backtest", "rules list", "rules show", "rules examples",
		"plan", "deploy", "audit", "destroy", "version"}
	require.ElementsMatch(t, order, keys(runs))
	assert.ElementsMatch(t, jsonCommands(NewRoot(&App{Getenv: func(string) string { return "" }})), order,
		"every command with -o json is in this test")

	for _, name := range order {
		args := append(append([]string(nil), runs[name]...), "-o", "json")
		var stdout, stderr bytes.Buffer
		code := Run(context.Background(), args, strings.NewReader(""), &stdout, &stderr, nil)
		if !assert.Contains(t, []int{ExitOK, ExitFindings}, code, "%s: %s", name, stderr.String()) {
			continue
		}
		out := stdout.String()
		var doc any
		dec := json.NewDecoder(strings.NewReader(out))
		if !assert.NoError(t, dec.Decode(&doc), "%s: stdout is not JSON", name) {
			continue
		}
		if name == "match" {
			for dec.More() {
				require.NoError(t, dec.Decode(&doc), "match: a line is not JSON")
				for _, k := range badKeys(doc, "") {
					t.Errorf("%s: key %s is not camelCase", name, k)
				}
			}
		}
		assert.False(t, dec.More(), "%s: more than one JSON document", name)
		assert.NotContains(t, out, `\u0026`, name)
		assert.NotContains(t, out, `\u003c`, name)
		if name == "rules show" || name == "backtest" {
			assert.Contains(t, out, "&&", "%s prints a pattern with && unescaped", name)
		}
		if name == "plan" {
			r := runCwpat(t, append([]string{"plan", "--query", "changes[?type=='alarm'] | [0].action", "-o", "text"}, ep...)...)
			assert.Equal(t, "create\n", r.stdout, r.stderr)
			r = runCwpat(t, append([]string{"plan", "-o", "table"}, ep...)...)
			assert.True(t, strings.HasPrefix(r.stdout, "---"), r.stdout)
			assert.Regexp(t, `\n\|\s+Plan\s+\|\n`, r.stdout)
		}
		if name == "audit" {
			r := runCwpat(t, append([]string{"audit", "--query", "length(controls)", "-o", "json"}, ep...)...)
			assert.Regexp(t, `^\d+\n$`, r.stdout, r.stderr)
			r = runCwpat(t, append([]string{"audit", "--query", "controls", "-o", "sarif"}, ep...)...)
			assert.Equal(t, ExitUsage, r.code)
			assert.Contains(t, r.stderr, "--query works with -o json, text or table")
		}
		for _, k := range badKeys(doc, "") {
			t.Errorf("%s: key %s is not camelCase", name, k)
		}
	}
}

// schemaKey is a key a program chose (camelCase); dataKey is a key that is
// data (a tag, a CIS version, an extracted field, an id), left alone.
var (
	pascalOrSnake = regexp.MustCompile(`^([A-Z][a-z0-9]+[A-Za-z0-9]*|[a-z0-9]+(_[a-z0-9]+)+)$`)
	dataMaps      = map[string]bool{"tags": true, "cis": true, "extractedValues": true, "dimensions": true,
		"metrics": true, "states": true, "properties": true}
)

// badKeys lists the object keys of doc that are PascalCase or snake_case,
// outside maps whose keys are data.
func badKeys(doc any, path string) []string {
	var out []string
	switch x := doc.(type) {
	case map[string]any:
		for k, v := range x {
			p := path + "." + k
			if pascalOrSnake.MatchString(k) {
				out = append(out, p)
			}
			if dataMaps[k] {
				continue
			}
			out = append(out, badKeys(v, p)...)
		}
	case []any:
		for _, v := range x {
			out = append(out, badKeys(v, path+"[]")...)
		}
	}
	return out
}

// jsonCommands lists the commands whose -o accepts json.
func jsonCommands(root *cobra.Command) []string {
	var out []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		// compile's -o json is CloudFormation's or Terraform's own format,
		// whose keys those tools define.
		if f := c.Flags().Lookup("output"); f != nil && c.Name() != "compile" && f.Value.Type() == "format" && f.Value.Set("json") == nil {
			out = append(out, strings.TrimPrefix(c.CommandPath(), "cwpat "))
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return out
}

func keys(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestBadKeysFindsPascalAndSnakeCase(t *testing.T) {
	var doc any
	require.NoError(t, json.Unmarshal([]byte(`{"LogGroupName":1,"metric_name":2,"fine":{"alsoFine":[{"Nested":3}]},"tags":{"Team":"x"}}`), &doc))
	assert.ElementsMatch(t, []string{".LogGroupName", ".metric_name", ".fine.alsoFine[].Nested"}, badKeys(doc, ""))
}
