package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Files are read in parallel but printed in input order: directory order,
// then record order, exactly as a sequential read would print them.
func TestMatchKeepsInputOrderAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	var want strings.Builder
	for f := 0; f < 40; f++ {
		var b bytes.Buffer
		for r := 0; r < 500+f*37; r++ {
			name := "DescribeVpcs"
			if r%3 == 0 {
				name = "CreateVpc"
			}
			line := fmt.Sprintf(`{"eventTime":"2023-07-10T11:%02d:%02dZ","eventName":"%s","file":%d,"n":%d}`, f%60, r%60, name, f, r)
			b.WriteString(line + "\n")
			if name == "CreateVpc" {
				want.WriteString(line + "\n")
			}
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%02d.ndjson", f)), b.Bytes(), 0o644))
	}
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"match", "--filter-pattern", `{ $.eventName = CreateVpc }`, dir}, strings.NewReader(""), &stdout, &stderr, nil)
	require.Equal(t, ExitOK, code, stderr.String())
	assert.True(t, want.String() == stdout.String(), "output differs from input order (%d vs %d bytes)", stdout.Len(), want.Len())
}

// One large file is read on every core (in chunks of lines), and still
// printed exactly as a sequential read would print it.
func TestMatchKeepsInputOrderInOneLargeFile(t *testing.T) {
	var in, want bytes.Buffer
	for r := 0; r < 40000; r++ {
		name := "DescribeVpcs"
		if r%5 == 0 || r%7 == 0 {
			name = "CreateVpc"
		}
		line := fmt.Sprintf(`{"eventTime":"2023-07-10T11:%02d:%02dZ","eventName":"%s","n":%d,"pad":"%s"}`, r/60%60, r%60, name, r, strings.Repeat("x", r%50))
		in.WriteString(line + "\n")
		if name == "CreateVpc" {
			want.WriteString(line + "\n")
		}
	}
	require.Greater(t, in.Len(), 3<<20, "several chunks")
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"match", "--filter-pattern", `{ $.eventName = CreateVpc }`}, &in, &stdout, &stderr, nil)
	require.Equal(t, ExitOK, code, stderr.String())
	assert.True(t, want.String() == stdout.String(), "output differs from input order (%d vs %d bytes)", stdout.Len(), want.Len())
}
