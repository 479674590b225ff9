package rules

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// TestPublishedPatterns proves every built-in set carries the published
// pattern text character for character (testdata/published.yaml is copied
// from CIS, Security Hub and the CloudTrail User Guide, not generated from
// the sets), so exact-text checkers such as Security Hub's CloudWatch.x pass
// on what cwpat deploys.
func TestPublishedPatterns(t *testing.T) {
	raw, err := os.ReadFile("testdata/published.yaml")
	require.NoError(t, err)
	var pub struct {
		Sets map[string]map[string]string `yaml:"sets"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &pub))
	require.Len(t, pub.Sets, 9, "cis-1.2 ... cis-5.0, securityhub, cloudtrail-sample")
	for name, patterns := range pub.Sets {
		set, err := Builtin(name)
		require.NoError(t, err, name)
		for id, want := range patterns {
			r, ok := set.Rule(id)
			if assert.True(t, ok, "%s has no rule %s", name, id) {
				assert.Equal(t, want, r.FilterPattern, "%s %s differs from the published text", name, id)
			}
		}
		if name != "cloudtrail-sample" {
			assert.Len(t, set.Rules, len(patterns), "%s: every rule's text is checked", name)
		}
	}
	sample, err := Builtin("cloudtrail-sample")
	require.NoError(t, err)
	assert.Len(t, sample.Rules, len(pub.Sets["cloudtrail-sample"]))
}
