package ruletest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDiscoverMixedFolder: a repository folder holding rule files, timed
// tests, a CloudFormation template, a CI workflow and a Kubernetes
// manifest. Before, the template failed the whole run with
// `unknown key "Resources"`; now only rule and test files are run and the
// others are skipped, each with what it is.
func TestDiscoverMixedFolder(t *testing.T) {
	dir := writeUserFiles(t)
	others := map[string]string{
		"template.yaml":     "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T: {Type: AWS::SNS::Topic}\n",
		"sam.yml":           "Transform: AWS::Serverless-2016-10-31\n",
		"ci.yml":            "on: [push]\njobs:\n  lint: {runs-on: ubuntu-latest}\n",
		"k8s/role.yaml":     "apiVersion: v1\nkind: ServiceAccount\n",
		"empty.yaml":        "",
		".github/x.yml":     "rules: [broken",
		"notes/config.yaml": "owner: security\n",
	}
	for name, src := range others {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600))
	}
	d := Discover(dir)
	assert.Equal(t, []string{filepath.Join(dir, "rules.yaml")}, d.RuleFiles)
	assert.Equal(t, []string{filepath.Join(dir, "rules_test.yaml")}, d.TestFiles)
	assert.Empty(t, d.Problems)
	why := map[string]string{}
	for _, s := range d.Skipped {
		rel, err := filepath.Rel(dir, s.File)
		require.NoError(t, err)
		why[rel] = s.Reason
	}
	assert.Equal(t, map[string]string{
		"template.yaml":     "a CloudFormation template",
		"sam.yml":           "a CloudFormation template",
		"ci.yml":            "a GitHub Actions workflow",
		"k8s/role.yaml":     "a Kubernetes manifest",
		"empty.yaml":        "an empty YAML file",
		"notes/config.yaml": "a YAML file without a rules:, extends: or tests: key",
	}, why, "hidden folders are not walked")

	rs := d.Run("")
	s := Summarize(rs)
	assert.Equal(t, 1, s.Failed, "only the deliberate failure of rules_test.yaml: %+v", rs)
	for _, r := range rs {
		assert.NotEqual(t, KindLoad, r.Kind, r.Message)
	}
}

// TestDiscoverNamedTemplate: a template named on the command line is a
// load failure saying what it is, not "unknown key".
func TestDiscoverNamedTemplate(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "template.yaml")
	require.NoError(t, os.WriteFile(p, []byte("Resources:\n  T: {Type: AWS::SNS::Topic}\n"), 0o600))
	rs := RunPaths("", p)
	require.Len(t, rs, 1)
	assert.Equal(t, KindLoad, rs[0].Kind)
	assert.Equal(t, p+" is a CloudFormation template, not a cwpat rule or test file", rs[0].Message)

	rs = RunPaths("", dir)
	require.Len(t, rs, 1, "a folder with nothing to test")
	assert.Contains(t, rs[0].Message, "no rule or test files")
}

// TestDiscoverSkipsSpecialFiles: a symlink to /dev/zero named like a test
// file is skipped, not read.
func TestDiscoverSkipsSpecialFiles(t *testing.T) {
	dir := writeUserFiles(t)
	require.NoError(t, os.Symlink("/dev/zero", filepath.Join(dir, "zero_test.yaml")))
	d := Discover(dir)
	require.Len(t, d.Skipped, 1)
	assert.Equal(t, "not a regular file", d.Skipped[0].Reason)
	assert.Len(t, d.TestFiles, 1)
}

// TestDiscoverThroughSymlink: a folder named through a symlink is searched.
func TestDiscoverThroughSymlink(t *testing.T) {
	dir := writeUserFiles(t)
	link := filepath.Join(t.TempDir(), "rules")
	require.NoError(t, os.Symlink(dir, link))
	d := Discover(link)
	assert.Equal(t, []string{filepath.Join(link, "rules.yaml")}, d.RuleFiles)
	assert.Equal(t, []string{filepath.Join(link, "rules_test.yaml")}, d.TestFiles)
	assert.Empty(t, d.Problems)
}
