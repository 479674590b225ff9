package ruletest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/rules"
)

func TestParseAt(t *testing.T) {
	cases := map[string][]time.Duration{
		"0":        {0},
		"90s":      {90 * time.Second},
		"1h30m":    {90 * time.Minute},
		"0s+30sx2": {0, 30 * time.Second, time.Minute},
		"5m+1mx0":  {5 * time.Minute},
	}
	for in, want := range cases {
		got, err := ParseAt(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for d, want := range map[time.Duration]string{0: "0s", 90 * time.Second: "1m30s", 5 * time.Minute: "5m", time.Hour: "1h", 90 * time.Minute: "1h30m", 3601 * time.Second: "1h0m1s"} {
		assert.Equal(t, want, FormatOffset(d))
	}
	got, err := ParseAt("0s+30sx9")
	require.NoError(t, err)
	assert.Len(t, got, 10, "x9 means nine more: ten events")
	for in, msg := range map[string]string{
		"soon":      `"soon" is not a duration`,
		"-1m":       "cannot be negative",
		"0s+30s":    "a repetition is start+stepxN",
		"0s+0sx3":   "the step must be positive",
		"0s+1mxN":   "the count after x must be a whole number",
		"0s+1sx1e9": "the count after x must be a whole number",
	} {
		_, err := ParseAt(in)
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), msg, in)
	}
}

func TestParseFileErrors(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"unknown key", "set: cis\ntests:\n  - name: t\n    evnts: []\n    expect: [{at: 5m, alarms: []}]\n", `f.yaml:4:5: error: unknown key "evnts" [unknown-key]`},
		{"bad at", "set: cis\ntests:\n  - name: t\n    events: [{at: 5 minutes, example: x}]\n    expect: [{at: 5m, alarms: []}]\n", `f.yaml:4:19: error: "5 minutes" is not a duration (write 0s, 90s, 5m, 1h30m) [bad-time]`},
		{"expect nothing", "set: cis\ntests:\n  - name: t\n    expect: [{at: 5m}]\n", `f.yaml:4:14: error: expectation checks nothing [missing-key]`},
		{"duplicate test", "set: cis\ntests:\n  - name: t\n    expect: [{at: 5m, alarms: []}]\n  - name: t\n    expect: [{at: 5m, alarms: []}]\n", `f.yaml:5:5: error: test "t" is already defined at line 3 [duplicate-test]`},
		{"bad state", "set: cis\ntests:\n  - name: t\n    expect: [{at: 5m, states: {root-usage: FIRING}}]\n", `f.yaml:4:14: error: unknown alarm state "FIRING" [bad-value]`},
		{"both example and event", "set: cis\ntests:\n  - name: t\n    events: [{at: 1m, example: x, event: '{}'}]\n    expect: [{at: 5m, alarms: []}]\n", `f.yaml:4:42: error: event has both example and event [conflicting-keys]`},
	}
	for _, c := range cases {
		_, err := ParseFile("f.yaml", []byte(c.src))
		require.Error(t, err, c.name)
		l, ok := diag.As(err)
		require.True(t, ok, c.name)
		assert.Equal(t, c.want, l[0].Error(), c.name)
	}
}

const userRules = `extends: cis-1.2
namePrefix: acme-
rules:
  - id: console-auth-failures
    alarm: {threshold: 3, evaluationPeriods: 3, datapointsToAlarm: 2, period: 60, treatMissingData: notBreaching}
  - id: big-instances
    title: Large instances
    filterPattern: '{ ($.eventName = RunInstances) && ($.requestParameters.instanceType = *.8xlarge) }'
    metricTransformation: {metricName: big, metricNamespace: Acme}
    alarm: {alarmName: big}
    examples:
      match: [ec2-run-instances-8xlarge]
      noMatch: [ec2-run-instances-4xlarge, ec2-run-instances]
`

const userTests = `ruleFiles: [rules.yaml]
tests:
  - name: two of three minutes with three failures fire
    rules: [console-auth-failures]
    events:
      - {at: 0s+10sx2, example: console-login-iam-user-failed}
      - {at: 2m+10sx2, example: console-login-root-failed}
    expect:
      - {at: 1m, alarms: [], metrics: {console-auth-failures: 3}}
      - {at: 3m, alarms: [console-auth-failures], states: {console-auth-failures: ALARM}}
      - {at: 6m, alarms: []}
  - name: a wrong expectation is reported with what differed
    rules: [big-instances]
    events:
      - at: 30s
        event: {eventName: RunInstances, requestParameters: {instanceType: c5.8xlarge}}
    expect:
      - {at: 5m, alarms: [], metrics: {big-instances: 2}}
`

func writeUserFiles(t *testing.T) string {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "rules.yaml"), []byte(userRules), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "rules_test.yaml"), []byte(userTests), 0o600))
	return dir
}

func TestRunPaths(t *testing.T) {
	dir := writeUserFiles(t)
	rs := RunPaths("", dir)
	s := Summarize(rs)
	assert.Equal(t, 1, s.Failed, "only the deliberately wrong expectation fails")
	var failed Result
	for _, r := range rs {
		if !r.Passed {
			failed = r
		}
	}
	assert.Equal(t, "a wrong expectation is reported with what differed at 5m", failed.Name)
	assert.Equal(t, "alarms firing: got [big-instances], want none; metric big-instances: got Sum 1, want 2", failed.Message)
	assert.Equal(t, filepath.Join(dir, "rules_test.yaml"), failed.Pos.File)
	assert.Equal(t, 18, failed.Pos.Line)
	assert.Greater(t, s.Total, 40, "examples of the 14 inherited rules plus the new one, and the alarm tests")
}

func TestRunPathsLoadErrors(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "r.yaml"), []byte("extends: cis\nrules:\n  - id: root-usage\n    alarm: {treshold: 2}\n"), 0o600))
	rs := RunPaths("", dir)
	require.Len(t, rs, 1)
	assert.Equal(t, KindLoad, rs[0].Kind)
	assert.False(t, rs[0].Passed)
	assert.Equal(t, 4, rs[0].Pos.Line)
	assert.Contains(t, rs[0].Message, `unknown key "treshold" in alarm`)

	rs = RunPaths("", filepath.Join(dir, "nope.yaml"))
	require.Len(t, rs, 1)
	assert.False(t, rs[0].Passed)
}

func TestTestFileWithoutRulesUsesTheCommandLine(t *testing.T) {
	dir := writeUserFiles(t)
	bare := filepath.Join(dir, "bare_test.yaml")
	require.NoError(t, os.WriteFile(bare, []byte("tests:\n  - name: our alarm fires\n    rules: [big-instances]\n    events: [{at: 1m, example: ec2-run-instances-8xlarge}]\n    expect: [{at: 5m, alarms: [big-instances]}]\n"), 0o600))
	rs := RunPaths("", filepath.Join(dir, "rules.yaml"), bare)
	assert.False(t, Failed(rs), "%+v", rs)
	last := rs[len(rs)-1]
	assert.Equal(t, "our alarm fires at 5m", last.Name)
	assert.Equal(t, "cis-1.2+rules", last.Suite, "a changed built-in set is named after the file that changed it")

	rs = RunPaths("cis", bare)
	require.Len(t, rs, 1)
	assert.Contains(t, rs[0].Message, `set cis-5.0 has no rule "big-instances"`)

	rs = RunPaths("", bare)
	require.Len(t, rs, 1)
	assert.Equal(t, KindLoad, rs[0].Kind)
	assert.Equal(t, "the test file does not say which rules it tests", rs[0].Message)
}

func TestUnknownRuleInTest(t *testing.T) {
	f, err := ParseFile("t.yaml", []byte("set: cis\ntests:\n  - name: t\n    rules: [root-usge]\n    expect: [{at: 5m, alarms: []}]\n"))
	require.NoError(t, err)
	rs := f.Run()
	require.Len(t, rs, 1)
	assert.False(t, rs[0].Passed)
	assert.Equal(t, 4, rs[0].Pos.Line)
	assert.Equal(t, 13, rs[0].Pos.Column)
	assert.Contains(t, rs[0].Message, `set cis-5.0 has no rule "root-usge"`)
}

// TestBuiltinSuitePasses is what "cwpat test" with no arguments runs.
func TestBuiltinSuitePasses(t *testing.T) {
	rs := RunBuiltin()
	var buf bytes.Buffer
	require.NoError(t, (&TextReporter{W: &buf}).Report(rs))
	require.False(t, Failed(rs), buf.String())
	s := Summarize(rs)
	assert.Greater(t, s.Total, 2000)
	kinds := map[Kind]int{}
	for _, r := range rs {
		kinds[r.Kind]++
	}
	assert.Greater(t, kinds[KindExample], 1000)
	assert.Greater(t, kinds[KindAlarmTest], 500)
}

func sampleResults() []Result {
	return []Result{
		{Kind: KindExample, Suite: "cis-1.4", Name: "unauthorized-api-calls: falsePositives sts-get-caller-identity", Passed: true, Note: "documents the breakage: x"},
		{Kind: KindAlarmTest, Suite: "t.yaml", Name: "fires at 5m", Passed: false, Message: "alarms firing: got none, want [root-usage]",
			Pos: diag.Position{File: "t.yaml", Line: 7, Column: 9}, SourceLine: "      - {at: 5m, alarms: [root-usage]}"},
	}
}

func TestTextReporter(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, (&TextReporter{W: &buf}).Report(sampleResults()))
	assert.Equal(t, `FAIL t.yaml: fires at 5m
  t.yaml:7:9: alarms firing: got none, want [root-usage]
            - {at: 5m, alarms: [root-usage]}
              ^
`+strings.Repeat("-", 80)+`
PASS: 1/2
FAIL: 1/2
`, buf.String())
	buf.Reset()
	require.NoError(t, (&TextReporter{W: &buf, Options: Options{Verbose: true}}).Report(sampleResults()[:1]))
	assert.Equal(t, "PASS cis-1.4: unauthorized-api-calls: falsePositives sts-get-caller-identity\n  note: documents the breakage: x\n"+strings.Repeat("-", 80)+"\nPASS: 1/1\n", buf.String())
}

func TestMachineReporters(t *testing.T) {
	var buf bytes.Buffer
	r, err := NewReporter("json", &buf, Options{})
	require.NoError(t, err)
	require.NoError(t, r.Report(sampleResults()))
	var doc struct {
		Summary Summary
		Results []map[string]any
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
	assert.Equal(t, Summary{Total: 2, Passed: 1, Failed: 1}, doc.Summary)
	assert.Equal(t, "alarm-test", doc.Results[1]["kind"])

	buf.Reset()
	r, _ = NewReporter("junit", &buf, Options{})
	require.NoError(t, r.Report(sampleResults()))
	assert.Contains(t, buf.String(), `<testsuites name="cwpat test" tests="2" failures="1" errors="0">`)
	assert.Contains(t, buf.String(), `<failure message="alarms firing: got none, want [root-usage]" type="alarm-test">t.yaml:7:9: alarms firing: got none, want [root-usage]</failure>`)

	buf.Reset()
	r, _ = NewReporter("github", &buf, Options{})
	require.NoError(t, r.Report(sampleResults()))
	assert.Equal(t, "::error file=t.yaml,line=7,col=9,title=test-failed::fires at 5m: alarms firing: got none, want [root-usage]\n", buf.String())

	buf.Reset()
	r, _ = NewReporter("gitlab", &buf, Options{})
	require.NoError(t, r.Report(sampleResults()))
	var issues []struct {
		CheckName string `json:"check_name"`
		Severity  string
		Location  struct {
			Path  string
			Lines struct{ Begin int }
		}
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &issues))
	require.Len(t, issues, 1, "one issue per failure")
	assert.Equal(t, "test-failed", issues[0].CheckName)
	assert.Equal(t, "major", issues[0].Severity)
	assert.Equal(t, "t.yaml", issues[0].Location.Path)
	assert.Equal(t, 7, issues[0].Location.Lines.Begin)

	_, err = NewReporter("yaml", &buf, Options{})
	assert.EqualError(t, err, `unknown output format "yaml" (choose one of text, json, junit, github, gitlab)`)
}

// FuzzParseFile: any test file gets a parsed file or positioned diagnostics,
// never a panic.
func FuzzParseFile(f *testing.F) {
	f.Add(userTests)
	f.Add("set: cis\ntests:\n  - name: t\n    events: [{at: 0s+1mx3, event: {a: 1}}]\n    expect: [{at: 5m, alarms: [], metrics: {root-usage: ~}}]\n")
	f.Add("tests: [")
	f.Fuzz(func(t *testing.T, src string) {
		file, err := ParseFile("f.yaml", []byte(src))
		if err == nil {
			if file == nil {
				t.Fatal("no file and no error")
			}
			return
		}
		l, ok := diag.As(err)
		if !ok {
			t.Fatalf("error without diagnostics: %v", err)
		}
		for _, d := range l {
			if !d.Pos.IsValid() {
				t.Fatalf("diagnostic without a position: %v", d)
			}
		}
	})
}

// A user who changes a built-in rule's pattern so that its inherited
// examples fail is pointed at their own pattern, not at cwpat's embedded file.
func TestInheritedExampleFailuresPointAtTheUsersPattern(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "o.yaml")
	src := "extends: cis\nrules:\n  - id: root-usage\n    filterPattern: '{ $.userIdentity.type = \"Root\" }'\n"
	require.NoError(t, os.WriteFile(p, []byte(src), 0o600))
	rs := RunPaths("", p)
	var failed []Result
	for _, r := range rs {
		if !r.Passed {
			failed = append(failed, r)
		}
	}
	require.NotEmpty(t, failed, "the service-invoked and service-event near misses now match")
	for _, r := range failed {
		assert.Equal(t, p, r.Pos.File, r.Name)
		assert.Equal(t, 4, r.Pos.Line, r.Name)
		assert.Equal(t, "    filterPattern: '{ $.userIdentity.type = \"Root\" }'", r.SourceLine)
		assert.Contains(t, r.Message, "listed under noMatch")
	}
	// An untouched built-in rule keeps its own positions and source lines.
	set, err := rules.Builtin("cis-1.2")
	require.NoError(t, err)
	root, _ := set.Rule("root-usage")
	ref := root.Examples.Match[0]
	assert.Equal(t, ref.Pos, root.ExamplePos(ref))
	assert.Equal(t, "        - console-login-root-no-mfa", root.SourceLine(ref.Pos))
}

// A failing example says why, condition by condition, as `cwpat explain`
// does (issue 11).
func TestFailingExampleExplains(t *testing.T) {
	dir := t.TempDir()
	rules := `extends: cis-1.2
rules:
  - id: big-instances
    title: Large instances
    filterPattern: '{ ($.eventName = RunInstances) && ($.requestParameters.instanceType = *.8xlarge) }'
    metricTransformation: {metricName: big, metricNamespace: Acme}
    alarm: {alarmName: big}
    examples:
      match: [ec2-run-instances-4xlarge]
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "rules.yaml"), []byte(rules), 0o600))
	var failed []Result
	for _, r := range RunPaths("", dir) {
		if !r.Passed {
			failed = append(failed, r)
		}
	}
	require.Len(t, failed, 1)
	msg := failed[0].Message
	assert.True(t, strings.HasPrefix(msg, "listed under match, but the pattern does not match this event:\n    no match: 1 of 2 tests held\n"), msg)
	assert.Contains(t, msg, "      not held: $.requestParameters.instanceType = *.8xlarge\n")
	assert.Contains(t, msg, `$.requestParameters.instanceType is the string "`)
}
