package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLintFile feeds arbitrary bytes to every reader and to fmt: nothing
// may panic, and whatever fmt rewrites must be idempotent.
func FuzzLintFile(f *testing.F) {
	for _, dir := range []string{"cfn", "tf", "patterns", "rules", "fmt", "bad"} {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*"))
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				f.Add(filepath.Ext(name), b)
			}
		}
	}
	// The shapes of the inputs that crashed lint before (issue 13): Terraform
	// nested deeper than HCL's parser can recurse, as brackets, unary
	// operators, splats and interpolations. Here 2,000 levels, over the
	// limit, so the fuzzer mutates around the refusal; the 300,000-level
	// inputs that overflowed the stack are in TestDeepTerraformRefused.
	const deep = 2000
	f.Add(".tf", []byte("x = "+strings.Repeat("[", deep)))
	f.Add(".tf", []byte("x = "+strings.Repeat("!", deep)+"true\n"))
	f.Add(".tf", []byte("x = a"+strings.Repeat("[*]", deep)+"\n"))
	f.Add(".tf", []byte("x = \""+strings.Repeat("${\"", deep)+"\n"))
	f.Fuzz(func(t *testing.T, ext string, src []byte) {
		name := "fuzz" + ext
		in := input{name: name, src: src, explicit: true}
		s, _, ok := read(in, TypeAuto)
		if ok {
			for _, fd := range s.patterns {
				checkFound(s.file, fd)
			}
			checkAcross([]*scan{s})
		}
		res, err := Format(name, src, TypeAuto)
		if err != nil || !res.Changed {
			return
		}
		again, err := Format(name, res.Output, TypeAuto)
		if err != nil {
			t.Fatalf("fmt output does not read back: %v\n%s", err, res.Output)
		}
		if again.Changed {
			t.Fatalf("fmt is not idempotent:\n%s", UnifiedDiff(name, res.Output, again.Output))
		}
	})
}
