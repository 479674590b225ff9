package lint

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKnownFieldsCoverRecords checks the committed fields_gen.go against the
// records it was generated from: every field path of every record is known
// (run go generate ./lint after changing testdata/cloudtrail).
func TestKnownFieldsCoverRecords(t *testing.T) {
	files, err := filepath.Glob("testdata/cloudtrail/*.ndjson.gz")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	records := 0
	missing := map[string]bool{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				walk(p, e)
			}
		case []any:
			for _, e := range v {
				walk(prefix+"[]", e)
			}
		}
		if prefix != "" && knownFields[prefix] == 0 {
			missing[prefix] = true
		}
	}
	for _, name := range files {
		f, err := os.Open(name)
		require.NoError(t, err)
		zr, err := gzip.NewReader(f)
		require.NoError(t, err)
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var rec map[string]any
			require.NoError(t, json.Unmarshal(sc.Bytes(), &rec))
			walk("", rec)
			records++
		}
		require.NoError(t, sc.Err())
		f.Close()
	}
	assert.Equal(t, 3214, records)
	assert.Empty(t, missing, "fields_gen.go is stale: run go generate ./lint")
	for _, p := range []string{"eventName", "userIdentity.sessionContext.sessionIssuer.userName", "resources[].ARN", "additionalEventData.MFAUsed"} {
		assert.NotZero(t, knownFields[p], p)
	}
	assert.Equal(t, fieldObject, knownFields["userIdentity"]&^fieldScalar, "userIdentity is an object")
}

// TestNeMissingFieldOnlyWhereMissingHappens: != on a field every CloudTrail
// record has is not a finding; on a field that can be missing it is. Before
// the fix, all of these warned, and cwpat's own compiled templates failed
// --fail-on warning.
func TestNeMissingFieldOnlyWhereMissingHappens(t *testing.T) {
	for _, f := range []string{"eventName", "eventSource", "eventTime", "eventVersion", "eventType", "sourceIPAddress"} {
		assert.NotZero(t, knownFields[f]&fieldAlways, "%s is in every record", f)
	}
	for _, f := range []string{"errorCode", "requestID", "userIdentity.invokedBy", "recipientAccountId"} {
		assert.Zero(t, knownFields[f]&fieldAlways, "%s can be missing", f)
	}
	tests := []struct {
		pattern string
		warn    bool
	}{
		{`{ $.eventType != "AwsServiceEvent" && $.userIdentity.type = "Root" }`, false},
		{`{ $.eventName = "ConsoleLogin" && $.sourceIPAddress != "delivery.logs.amazonaws.com" }`, false},
		{`{ ($.eventSource = s3.amazonaws.com) && ($.eventName != "HeadBucket") }`, false},
		{`{ $.eventName = "ConsoleLogin" && $.errorCode != "AccessDenied" }`, true},
		{`{ $.eventName = "ConsoleLogin" && $.userIdentity.invokedBy != "signin.amazonaws.com" }`, true},
		{`{ $.eventName != "x" && $.level = "ERROR" && $.service = "api" }`, false},
		{`{ $.status != 200 && $.level = "ERROR" }`, true}, // an application log: no field is known to be there
		{`{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`, false},
		{`{ ($.eventName = "ConsoleLogin") || ($.additionalEventData.MFAUsed != "Yes") }`, true},
		{`{ ($.eventName = "GetObject") && ($.additionalEventData.MFAUsed != "Yes") }`, true},
	}
	for _, tt := range tests {
		src := "Resources:\n  F:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      FilterPattern: '" + tt.pattern + "'\n"
		r := Lint([]string{"t.yaml"}, Options{FS: fstest.MapFS{"t.yaml": {Data: []byte(src)}}})
		warned := false
		for _, d := range r.Diagnostics {
			warned = warned || d.Code == "ne-missing-field"
		}
		assert.Equal(t, tt.warn, warned, tt.pattern)
	}
}
