package backtest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tidwall/gjson"
)

// readFields' one pass reads what a gjson.Get of each path reads.
func TestReadFieldsAgreesWithGJSONPaths(t *testing.T) {
	recs := sampleRecords(t)
	recs = append(recs,
		[]byte(`{"userIdentity":{"type":"Root"},"eventName":"A","eventName":"B"}`),
		[]byte(`{"userIdentity":"x","sourceIPAddress":1,"userAgent":"\u0041gent"}`),
		[]byte(`{"userIdentity":{"arn":"arn:x","type":"IAMUser"},"userIdentity":{"arn":"second"}}`),
		[]byte(`{}`))
	for _, r := range recs {
		var want recordFields
		want[drvPrincipal] = gjson.GetBytes(r, "userIdentity.arn").Str
		if want[drvPrincipal] == "" {
			want[drvPrincipal] = gjson.GetBytes(r, "userIdentity.type").Str
		}
		want[drvEventName] = gjson.GetBytes(r, "eventName").Str
		want[drvSourceIP] = gjson.GetBytes(r, "sourceIPAddress").Str
		want[drvUserAgent] = gjson.GetBytes(r, "userAgent").Str
		assert.Equal(t, want, readFields(r), "%.300s", r)
	}
}
