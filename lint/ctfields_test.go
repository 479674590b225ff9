package lint

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLooksLikeCloudTrail: which JSON patterns get the CloudTrail field check.
func TestLooksLikeCloudTrail(t *testing.T) {
	tests := []struct {
		pattern string
		want    bool
	}{
		{`{ $.eventName = ConsoleLogin }`, true},
		{`{ $.eventname = ConsoleLogin }`, true},
		{`{ $.eventSorce = iam.amazonaws.com }`, true},
		{`{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }`, true},
		{`{ $.errorcode = "AccessDenied*" }`, true},
		{`{ $.errorCode = 500 && $.level = "ERROR" }`, false},
		{`{ $.latency > 100 }`, false},
		{`{ $.level = "ERROR" && $.service = "api" }`, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, looksLikeCloudTrail(jsonSelectors(tt.pattern)), tt.pattern)
	}
}
