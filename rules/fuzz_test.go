package rules

import (
	"testing"

	"github.com/cwpat/cwpat/diag"
)

// FuzzParse feeds arbitrary rule files to the loader: it must answer with a
// set or with diagnostics, never panic, and every diagnostic must carry a
// position in the file.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"extends: cis\nrules:\n  - id: root-usage\n    alarm: {threshold: 2}\n",
		"rules:\n  - id: x\n    title: X\n    filterPattern: |\n      { $.a = 1 }\n    metricTransformation: {metricName: m, metricNamespace: n}\n    alarm: {alarmName: a}\n",
		"disable: [vpc-changes]\nnamePrefix: p-\n",
		"rules: [\n", "- a\n- b\n", "rules:\n  - id: x\n    examples: {match: [{event: {a: [1, {b: ~}]}}]}\n",
		"extends: cis\ndefaults: {alarm: {period: 60}, metricTransformation: {unit: Count}}\n",
		"&a [*a]\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		set, err := Parse("", "f.yaml", []byte(src))
		if err == nil {
			if set == nil {
				t.Fatal("no set and no error")
			}
			return
		}
		l, ok := diag.As(err)
		if !ok {
			return // an error from extends resolution etc. carries no position
		}
		for _, d := range l {
			if !d.Pos.IsValid() || d.Pos.File != "f.yaml" {
				t.Fatalf("diagnostic without a position in the file: %v", d)
			}
		}
	})
}
