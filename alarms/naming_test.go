package alarms

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// AWS counts names and tags in UTF-16 code units (awslimits.Length): a name
// of two-byte characters is as long as its characters, an emoji counts
// twice. Counting bytes refused names AWS accepts.
func TestNameLimitsCountWhatAWSCounts(t *testing.T) {
	cases := []struct {
		name  string
		check func(string) error
		s     string
		ok    bool
	}{
		{"alarm name, 255 two-byte letters", checkAlarmName, strings.Repeat("é", 255), true},
		{"alarm name, 256 two-byte letters", checkAlarmName, strings.Repeat("é", 256), false},
		{"alarm name, 127 emoji and a letter (255 code units)", checkAlarmName, strings.Repeat("😀", 127) + "a", true},
		{"alarm name, 128 emoji (256 code units)", checkAlarmName, strings.Repeat("😀", 128), false},
		{"filter name, 512 three-byte letters", checkFilterName, strings.Repeat("日", 512), true},
		{"filter name, 513 three-byte letters", checkFilterName, strings.Repeat("日", 513), false},
		{"tag key, 128 two-byte letters", func(k string) error { return checkTag(k, "v") }, strings.Repeat("é", 128), true},
		{"tag key, 129 two-byte letters", func(k string) error { return checkTag(k, "v") }, strings.Repeat("é", 129), false},
		{"tag value, 256 two-byte letters", func(v string) error { return checkTag("k", v) }, strings.Repeat("é", 256), true},
		{"tag value, 257 two-byte letters", func(v string) error { return checkTag("k", v) }, strings.Repeat("é", 257), false},
	}
	for _, c := range cases {
		err := c.check(c.s)
		if c.ok {
			assert.NoError(t, err, c.name)
		} else {
			assert.Error(t, err, c.name)
		}
	}
	assert.True(t, taggable(strings.Repeat("é", 256)), "a log group name of 256 letters is recorded in a tag")
	assert.False(t, taggable(strings.Repeat("é", 257)))
}
