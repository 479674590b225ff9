package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/sim"
)

func TestBuiltinSets(t *testing.T) {
	names := BuiltinNames()
	for _, want := range []string{"cis", "cis-1.2", "cis-1.4", "cis-1.5", "cis-2.0", "cis-3.0", "cis-4.0", "cis-5.0", "cloudtrail-sample", "recommended", "securityhub"} {
		assert.Contains(t, names, want)
	}
	counts := map[string]int{"cis-1.2": 14, "cis-1.4": 15, "cis-5.0": 15, "securityhub": 14, "cloudtrail-sample": 14, "recommended": 15}
	for name, n := range counts {
		s, err := Builtin(name)
		require.NoError(t, err, name)
		assert.Len(t, s.Rules, n, name)
	}
	cis, err := Builtin("cis")
	require.NoError(t, err)
	newest, _ := Builtin(Newest)
	assert.Equal(t, newest.Patterns(), cis.Patterns(), "cis is the newest CIS set")

	_, err = Builtin("cis-9.9")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `no built-in rule set "cis-9.9" (choose one of cis, cis-1.2`)
}

func TestBuiltinIsAPrivateCopy(t *testing.T) {
	a, _ := Builtin("cis-1.2")
	a.Rules[0].Alarm.Threshold = 99
	a.Rules[0].References.CIS["1.2.0"] = "x"
	b, _ := Builtin("cis-1.2")
	assert.Equal(t, 1.0, b.Rules[0].Alarm.Threshold)
	assert.Equal(t, "3.1", b.Rules[0].References.CIS["1.2.0"])
}

// TestBuiltinExamplesCoverEveryRule: each built-in rule is proven by at
// least three matching events and three events it must not match (near
// misses, or for a broken pattern the false positives that document it).
func TestBuiltinExamplesCoverEveryRule(t *testing.T) {
	for _, name := range BuiltinNames() {
		s, err := Builtin(name)
		require.NoError(t, err)
		for _, r := range s.Rules {
			assert.GreaterOrEqual(t, len(r.Examples.Match), 3, "%s %s: matching examples", name, r.ID)
			assert.GreaterOrEqual(t, len(r.Examples.NoMatch)+len(r.Examples.FalsePositives)+len(r.Examples.FalseNegatives), 3, "%s %s: near misses", name, r.ID)
			if r.Broken != "" {
				assert.NotEmpty(t, r.Examples.FalsePositives, "%s %s is broken: its examples must show it", name, r.ID)
			}
		}
	}
}

func TestExampleLibraryAttribution(t *testing.T) {
	lib, err := BuiltinExamples()
	require.NoError(t, err)
	assert.Greater(t, lib.Len(), 100)
	for _, n := range lib.Names() {
		e, _ := lib.Get(n)
		assert.NotEmpty(t, e.Source, n)
		assert.True(t, strings.HasPrefix(string(e.Message), "{"), n)
	}
	assert.Contains(t, Notice(), "invictus-ir/aws_dataset")
	assert.Contains(t, Notice(), "TrailDiscover")
}

func TestBrokenRuleIsMarked(t *testing.T) {
	for _, name := range []string{"cis-1.4", "cis-1.5"} {
		s, _ := Builtin(name)
		r, _ := s.Rule("unauthorized-api-calls")
		assert.Contains(t, r.Broken, `($.eventName!="HeadBucket")`, name)
	}
	s, _ := Builtin("cis-2.0")
	r, _ := s.Rule("unauthorized-api-calls")
	assert.Empty(t, r.Broken, "fixed in v2.0.0")
}

func TestOverrides(t *testing.T) {
	src := `extends: cis
set: acme
namePrefix: acme-
nameSuffix: -prod
disable: [vpc-changes, nacl-changes]
defaults:
  alarm: {treatMissingData: notBreaching}
rules:
  - id: unauthorized-api-calls
    alarm: {threshold: 10, period: 3600}
  - id: s3-public-access
    title: S3 Block Public Access changes
    filterPattern: '{ ($.eventSource = s3.amazonaws.com) && ($.eventName = PutBucketPublicAccessBlock) }'
    metricTransformation: {metricName: s3_pab, metricNamespace: Acme}
    alarm: {alarmName: s3_pab_alarm}
    examples:
      match:
        - s3-put-bucket-public-access-block
        - name: inline
          event: {eventSource: s3.amazonaws.com, eventName: PutBucketPublicAccessBlock, n: 1, ok: true}
`
	s, err := Parse("", "acme.yaml", []byte(src))
	require.NoError(t, err)
	assert.Equal(t, "acme", s.Name)
	assert.Equal(t, "cis-5.0", s.Extends)
	assert.Len(t, s.Rules, 14, "15 - 2 disabled + 1 new")
	_, ok := s.Rule("vpc-changes")
	assert.False(t, ok)

	u, _ := s.Rule("unauthorized-api-calls")
	assert.Equal(t, 10.0, u.Alarm.Threshold)
	assert.Equal(t, 3600, u.Alarm.Period)
	assert.Equal(t, sim.Sum, u.Alarm.Statistic, "fields not overridden are kept")
	assert.Equal(t, sim.NotBreaching, u.Alarm.TreatMissingData)
	assert.Equal(t, "acme-unauthorized_api_calls_alarm-prod", u.Alarm.AlarmName)
	assert.Equal(t, "acme-unauthorized_api_calls_metric-prod", u.MetricTransformation.MetricName)
	assert.Equal(t, "acme-unauthorized_api_calls_metric-prod", u.EffectiveFilterName())
	assert.Equal(t, diag.Position{File: "acme.yaml", Line: 9, Column: 5, Offset: strings.Index(src, "id: unauthorized")}, u.Source.Pos)

	root, _ := s.Rule("root-usage")
	assert.Equal(t, sim.NotBreaching, root.Alarm.TreatMissingData, "defaults reach rules the file does not mention")

	n, _ := s.Rule("s3-public-access")
	assert.Equal(t, "1", n.MetricTransformation.MetricValue, "new rules start from the CIS recipe")
	assert.Equal(t, 300, n.Alarm.Period)
	assert.Equal(t, sim.GreaterThanOrEqualToThreshold, n.Alarm.ComparisonOperator)
	assert.Equal(t, "medium", n.Severity)
	require.Len(t, n.Examples.Match, 2)
	assert.Equal(t, `{"eventSource":"s3.amazonaws.com","eventName":"PutBucketPublicAccessBlock","n":1,"ok":true}`, string(n.Examples.Match[1].Event.Message))
	assert.Equal(t, 13, n.Source.Pattern.Line)
	assert.Equal(t, 21, n.Source.Pattern.Column, "just inside the opening quote")
	assert.True(t, n.Source.PatternExact)
}

func TestPatternPositionInBlockScalar(t *testing.T) {
	src := "rules:\n  - id: x\n    title: X\n    filterPattern: |\n      { $.a = 1 &&\n        $.b = 2 }\n    metricTransformation: {metricName: m, metricNamespace: n}\n    alarm: {alarmName: a}\n"
	s, err := Parse("", "x.yaml", []byte(src))
	require.NoError(t, err)
	r, _ := s.Rule("x")
	assert.Equal(t, 5, r.Source.Pattern.Line)
	assert.Equal(t, 7, r.Source.Pattern.Column)
	assert.Equal(t, 6, r.Source.PatternIndent)
	assert.True(t, r.Source.PatternExact)
	// A problem at pattern line 2, column 3 ("$.b") is at file line 6, column 9.
	d := r.PatternDiagnostic(diag.Diagnostic{Code: "c", Pos: diag.Position{Line: 2, Column: 3}})
	assert.Equal(t, 6, d.Pos.Line)
	assert.Equal(t, 9, d.Pos.Column)
	assert.Equal(t, "        $.b = 2 }", d.SourceLine)
}

func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string // rendered diagnostics, in order
	}{
		{"unknown top-level key", "extend: cis\n",
			[]string{`f.yaml:1:1: error: unknown key "extend" [unknown-key]`}},
		{"unknown rule key with suggestion", "extends: cis\nrules:\n  - id: root-usage\n    treshold: 3\n",
			[]string{`f.yaml:4:5: error: unknown key "treshold" [unknown-key]`}},
		{"unknown alarm key", "extends: cis\nrules:\n  - id: root-usage\n    alarm: {Threshold: 3}\n",
			[]string{`f.yaml:4:13: error: unknown key "Threshold" in alarm [unknown-key]`}},
		{"type error", "extends: cis\nrules:\n  - id: root-usage\n    alarm: {period: five}\n",
			[]string{`f.yaml:4:21: error: "period" must be a whole number, not "five" [yaml-type]`}},
		{"bad comparison operator", "extends: cis\nrules:\n  - id: root-usage\n    alarm: {comparisonOperator: '>='}\n",
			[]string{`f.yaml:4:33: error: comparisonOperator ">=" is not one of [GreaterThanOrEqualToThreshold GreaterThanThreshold LessThanThreshold LessThanOrEqualToThreshold] [bad-alarm]`}},
		{"disable unknown rule", "extends: cis\ndisable: [vpc-chnages]\n",
			[]string{`f.yaml:2:11: error: cannot disable "vpc-chnages": no such rule [unknown-rule]`}},
		{"unknown example", "extends: cis\nrules:\n  - id: root-usage\n    examples: {match: [console-login-root-no-mfaa]}\n",
			[]string{`f.yaml:4:24: error: no example event named "console-login-root-no-mfaa" [unknown-example]`}},
		{"rule without id", "rules:\n  - title: x\n",
			[]string{`f.yaml:2:5: error: rule has no id [missing-key]`}},
		{"new rule missing parts", "rules:\n  - id: mine\n    title: Mine\n",
			[]string{
				`f.yaml:2:5: error: rule "mine" has no filterPattern [missing-key]`,
				`f.yaml:2:5: error: rule "mine" has no metricTransformation.metricName [missing-key]`,
				`f.yaml:2:5: error: rule "mine" has no metricTransformation.metricNamespace [missing-key]`,
				`f.yaml:2:5: error: rule "mine" has no alarm.alarmName [missing-key]`,
			}},
		{"duplicate alarm names", "extends: cis\nrules:\n  - id: root-usage\n    alarm: {alarmName: vpc_changes_alarm}\n",
			[]string{`f.yaml:4:24: error: alarm name "vpc_changes_alarm" is also used by rule "vpc-changes"; PutMetricAlarm would overwrite one with the other [duplicate-name]`}},
		{"yaml syntax", "rules: [\n",
			[]string{`f.yaml:1:1: error: invalid YAML: did not find expected node content [yaml-syntax]`}},
		{"unknown set", "extends: cis-9\n",
			[]string{`f.yaml:1:10: error: no built-in rule set "cis-9" (choose one of cis, cis-1.2, cis-1.4, cis-1.5, cis-2.0, cis-3.0, cis-4.0, cis-5.0, cloudtrail-sample, recommended, securityhub) [unknown-set]`}},
		{"bad defaults are reported once", "extends: cis\ndefaults:\n  alarm: {treshold: 2}\n",
			[]string{`f.yaml:3:11: error: unknown key "treshold" in alarm [unknown-key]`}},
		{"defaults key", "extends: cis\ndefaults:\n  alrm: {}\n",
			[]string{`f.yaml:3:3: error: unknown key "alrm" in defaults [unknown-key]`}},
		{"dimensions make a dead alarm", "extends: cis\nrules:\n  - id: root-usage\n    metricTransformation: {dimensions: {user: $.userIdentity.arn}}\n",
			[]string{`f.yaml:4:40: error: the metric filter publishes with dimensions, but the rule's alarm watches the metric without them and would never see data [bad-value]`}},
		{"alarm name over 255 characters", "extends: cis\nrules:\n  - id: root-usage\n    alarm: {alarmName: " + strings.Repeat("a", 256) + "}\n",
			[]string{`f.yaml:4:24: error: alarm name is 256 characters; CloudWatch allows 255 [bad-value]`}},
		// 255 characters of two bytes each are within AWS's count (UTF-16
		// code units), so what is said is what is really wrong.
		{"alarm name of 255 non-ASCII characters", "extends: cis\nrules:\n  - id: root-usage\n    alarm: {alarmName: " + strings.Repeat("é", 255) + "}\n",
			[]string{`f.yaml:4:24: error: alarm names must be printable ASCII (character 1 is not) [bad-value]`}},
		{"duplicate key", "extends: cis\nextends: cis\n",
			[]string{`f.yaml:2:1: error: duplicate key "extends" [duplicate-key]`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("", "f.yaml", []byte(c.src))
			require.Error(t, err)
			l, ok := diag.As(err)
			require.True(t, ok, "a diag.List, got %T %v", err, err)
			var got []string
			for _, d := range l {
				got = append(got, d.Error())
				assert.NotEmpty(t, d.SourceLine, d.Error())
			}
			assert.Equal(t, c.want, got)
		})
	}
}

func TestUnknownKeyHint(t *testing.T) {
	_, err := Parse("", "f.yaml", []byte("extends: cis\nrules:\n  - id: root-usage\n    treshold: 3\n"))
	l, _ := diag.As(err)
	require.Len(t, l, 1)
	assert.True(t, strings.HasPrefix(l[0].Hint, `valid keys: id, title`), l[0].Hint)
	_, err = Parse("", "f.yaml", []byte("extends: cis\nrules:\n  - id: root-usage\n    severty: low\n"))
	l, _ = diag.As(err)
	assert.True(t, strings.HasPrefix(l[0].Hint, `did you mean "severity"?`), l[0].Hint)
}

func TestLoadFilesAndDirectories(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o600))
		return p
	}
	write("a.yaml", "rules:\n  - id: root-usage\n    alarm: {threshold: 2}\n")
	write("b.yml", "disable: [vpc-changes]\n")
	write("notes.txt", "ignored")
	s, err := Load("cis-1.2", dir)
	require.NoError(t, err)
	r, _ := s.Rule("root-usage")
	assert.Equal(t, 2.0, r.Alarm.Threshold)
	assert.Len(t, s.Rules, 13)
	assert.Equal(t, "cis-1.2", s.Extends)
	assert.Equal(t, "cis-1.2+a", s.Name, "named after the first file that changed it")

	other := write("other.yaml", "extends: cis-1.4\n")
	_, err = Load("cis-1.2", other)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `this file extends "cis-1.4" but the rules loaded so far extend "cis-1.2" [conflicting-extends]`)

	standalone := write("standalone.yaml", "rules:\n  - id: mine\n    title: Mine\n    filterPattern: x\n    metricTransformation: {metricName: m, metricNamespace: n}\n    alarm: {alarmName: a}\n")
	late := write("late.yaml", "extends: cis\n")
	_, err = Load("", standalone, late)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `late.yaml:1:10: error: this file extends "cis-5.0" but rules were already loaded from earlier files that extend nothing [conflicting-extends]`)

	_, err = Load("", filepath.Join(dir, "missing.yaml"))
	require.Error(t, err)
	empty := t.TempDir()
	_, err = Load("", empty)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no *.yaml or *.yml files")
}
