package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/rules"
)

// documentedFindings are built-in rules whose published pattern draws a
// lint warning on purpose: the rule's description says so.
var documentedFindings = map[string]string{
	// The CloudTrail guide's sample pattern; its description explains that
	// calls without a sessionContext are not counted.
	"cloudtrail-sample/api-activity-without-mfa": "ne-missing-field",
}

// TestCompiledSetsLintCleanAtWarning: what 'cwpat compile' writes for every
// built-in set passes 'cwpat lint --fail-on warning'. Before lint knew which
// CloudTrail fields every record has, ne-missing-field fired on
// $.eventType != "AwsServiceEvent" and $.sourceIPAddress != ..., so cwpat's
// own output failed the strict CI setting. A rule marked broken as published,
// or with a documented finding, is compiled alone and must be reported for
// exactly that.
func TestCompiledSetsLintCleanAtWarning(t *testing.T) {
	dir := t.TempDir()
	compile := func(t *testing.T, name, target string, disable []string) string {
		args := []string{"compile", "--target", target, "--rules", name, "--log-group-name", "CloudTrail/Logs"}
		for _, id := range disable {
			args = append(args, "--disable", id)
		}
		c := runCwpat(t, args...)
		require.Equal(t, 0, c.code, "%s %s: %s", name, target, c.stderr)
		return c.stdout
	}
	for _, name := range rules.BuiltinSetNames() {
		set, err := rules.Builtin(name)
		require.NoError(t, err)
		expected := map[string]string{}
		for _, r := range set.Rules {
			if code, ok := documentedFindings[name+"/"+r.ID]; ok {
				expected[r.ID] = code
			} else if r.Broken != "" {
				expected[r.ID] = "matches-almost-everything"
			}
		}
		var noisy []string
		for id := range expected {
			noisy = append(noisy, id)
		}
		for _, target := range []string{"cloudformation", "terraform"} {
			path := filepath.Join(dir, name+"-"+target+map[string]string{"cloudformation": ".json", "terraform": ".tf.json"}[target])
			require.NoError(t, os.WriteFile(path, []byte(compile(t, name, target, noisy)), 0o644))
			l := runCwpat(t, "lint", "--fail-on", "warning", path)
			assert.Equal(t, 0, l.code, "%s %s:\n%s%s", name, target, l.stdout, l.stderr)
			assert.Contains(t, l.stdout, "no problems in 1 file")
		}
		for id, code := range expected {
			var others []string
			for _, o := range set.IDs() {
				if o != id {
					others = append(others, o)
				}
			}
			path := filepath.Join(dir, name+"-"+id+".json")
			require.NoError(t, os.WriteFile(path, []byte(compile(t, name, "cloudformation", others)), 0o644))
			l := runCwpat(t, "lint", "--fail-on", "warning", path)
			assert.Equal(t, 1, l.code, "%s %s", name, id)
			assert.Contains(t, l.stdout, "["+code+"]")
			assert.Contains(t, l.stdout, "1 warning in 1 file", "%s %s: and nothing else", name, id)
		}
	}
}

// TestLintAndFmtSkipSpecialFiles: a checkout holding a symlink to
// /dev/zero and a named pipe is linted and formatted without reading them
// (before, lint read /dev/zero until memory ran out and hung on the pipe);
// each is named on stderr, and in the JSON report.
func TestLintAndFmtSkipSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "ok.pattern"), []byte("{ $.a = 1 }\n"), 0o644))
	require.NoError(t, os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")))
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "pipe.tf"), 0o644))

	l := runCwpat(t, "lint", dir)
	assert.Equal(t, 0, l.code, l.stdout+l.stderr)
	assert.Contains(t, l.stderr, "cwpat: skipped "+filepath.Join(dir, "zero.yaml")+": symlink to a character device, not a regular file")
	assert.Contains(t, l.stderr, "cwpat: skipped "+filepath.Join(dir, "pipe.tf")+": a named pipe, not a regular file")
	assert.Contains(t, l.stdout, "no problems in 1 file (1 pattern checked)")

	j := runCwpat(t, "lint", "-o", "json", dir)
	assert.Equal(t, 0, j.code)
	var doc struct {
		Skipped []struct{ File, Reason string } `json:"skipped"`
	}
	require.NoError(t, json.Unmarshal([]byte(j.stdout), &doc))
	assert.Len(t, doc.Skipped, 2)

	f := runCwpat(t, "fmt", "--check", dir)
	assert.Equal(t, 0, f.code, f.stderr)
	assert.Contains(t, f.stderr, "zero.yaml: symlink to a character device")
}

// TestLintFindsProjectConfigUpward: a .cwpat.yaml above the current folder
// configures the run; --no-config ignores it.
func TestLintFindsProjectConfigUpward(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "infra", "alarms")
	require.NoError(t, os.MkdirAll(sub, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, ".cwpat.yaml"), []byte("lint:\n  severity:\n    unclosed-brace: info\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(sub, "a.pattern"), []byte("{ $.a = 1\n"), 0o644))
	t.Chdir(sub)

	l := runCwpat(t, "lint")
	assert.Equal(t, 0, l.code, l.stdout+l.stderr)
	assert.Contains(t, l.stdout, "a.pattern:1:1: info:")
	l = runCwpat(t, "lint", "--no-config")
	assert.Equal(t, 1, l.code)
	assert.Contains(t, l.stdout, "a.pattern:1:1: error:")
}
